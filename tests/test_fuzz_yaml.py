"""Random corruptions of the data files never produce a traceback: only Problems.

``validate`` must return a list of problems (or none), and the loaders must raise nothing
but ``DataError``, whatever bytes the YAML files hold.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lawgov
from conftest import build_data
from lawgov.dataset.errors import DataError, Problem

FILES = ["figures/kunshan-2012.yaml", "relations/kunshan-2012.yaml", "outline/kunshan-2012.yaml",
         "glossary.yaml", "frameworks.yaml", "topics.yaml", "reports.yaml"]

# Values that YAML reads as other types than the field expects.
ODD_VALUES = ["", "~", "null", "[]", "{}", "[1, [2]]", "{a: 1}", "-1", "1e999", ".nan", ".inf", "yes", "2012-13-45",
              "2012-01-01", "'四'", "!!binary aGk=", "&a [*a]", "\"\\x00\"", "0x1F", "1_000", "99.95%"]

SETTINGS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def pristine() -> Path:
    return build_data(Path(tempfile.mkdtemp(prefix="lawgov-fuzz-")))


def _check(data: Path) -> None:
    problems = lawgov.validate(data)
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    for p in problems:
        assert "\n" not in str(p)
    try:
        lawgov.figures(data_dir=data)
        lawgov.audit(data_dir=data)
    except DataError as exc:
        assert exc.problems == problems
    else:
        assert problems == []


def _fresh(pristine: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="lawgov-case-")) / "data"
    shutil.copytree(pristine, target)
    return target


@SETTINGS
@given(name=st.sampled_from(FILES), flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=4))
def test_byte_flips(pristine: Path, name: str, flips: list[tuple[float, int]]) -> None:
    data = _fresh(pristine)
    path = data / name
    raw = bytearray(path.read_bytes())
    for where, byte in flips:
        raw[int(where * len(raw))] = byte
    path.write_bytes(bytes(raw))
    _check(data)


@SETTINGS
@given(name=st.sampled_from(FILES), picks=st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=5))
def test_deleted_lines(pristine: Path, name: str, picks: list[float]) -> None:
    data = _fresh(pristine)
    path = data / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for where in picks:
        if lines:
            del lines[int(where * len(lines))]
    path.write_text("".join(lines), encoding="utf-8")
    _check(data)


@SETTINGS
@given(name=st.sampled_from(FILES), where=st.floats(0, 1, exclude_max=True), value=st.sampled_from(ODD_VALUES))
def test_swapped_types(pristine: Path, name: str, where: float, value: str) -> None:
    """Replace the value of one `key: value` line with a value of another type."""
    data = _fresh(pristine)
    path = data / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    keyed = [i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")]
    i = keyed[int(where * len(keyed))]
    key = lines[i].split(": ", 1)[0]
    lines[i] = f"{key}: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")
    _check(data)


@SETTINGS
@given(name=st.sampled_from(FILES), text=st.text(max_size=200))
def test_arbitrary_text(pristine: Path, name: str, text: str) -> None:
    data = _fresh(pristine)
    (data / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    _check(data)
