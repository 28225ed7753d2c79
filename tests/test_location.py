"""One rule finds the data: data_dir=, then $LAWGOV_DATA, then a checkout's data/, then the installed copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import lawgov
from lawgov.dataset import location


@pytest.fixture
def nowhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No checkout data and no installed copy; no $LAWGOV_DATA."""
    monkeypatch.delenv("LAWGOV_DATA", raising=False)
    monkeypatch.setattr(location, "DEFAULT_DATA_DIR", tmp_path / "checkout" / "data")
    monkeypatch.setattr(location, "INSTALLED_DATA_DIR", tmp_path / "site" / "lawgov" / "data")
    return tmp_path


def _valid(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "reports.yaml").write_text("[]\n", encoding="utf-8")
    return path


def test_the_checkout_comes_before_the_installed_copy() -> None:
    assert location.resolve_data_dir() == location.DEFAULT_DATA_DIR.absolute()


def test_the_order_of_the_rule(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = _valid(location.INSTALLED_DATA_DIR)
    assert location.resolve_data_dir() == installed
    env = _valid(nowhere / "env")
    monkeypatch.setenv("LAWGOV_DATA", str(env))
    assert location.resolve_data_dir() == env
    arg = _valid(nowhere / "arg")
    assert location.resolve_data_dir(arg) == arg


def test_a_given_place_is_never_skipped(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _valid(location.INSTALLED_DATA_DIR)
    monkeypatch.setenv("LAWGOV_DATA", str(nowhere / "typo"))
    with pytest.raises(FileNotFoundError, match=r"not found: .*typo \(from \$LAWGOV_DATA\)"):
        location.resolve_data_dir()
    with pytest.raises(FileNotFoundError, match=r"typo2 \(from data_dir="):
        location.resolve_data_dir(nowhere / "typo2")


def test_a_wrong_place_is_a_data_error(nowhere: Path) -> None:
    # One `except lawgov.DataError` catches every data problem, a wrong place included.
    with pytest.raises(lawgov.DataError) as err:
        lawgov.figures(data_dir=nowhere / "typo")
    assert [str(p) for p in err.value.problems] == [f"data directory: {err.value}"]


def test_when_nothing_is_usable_the_error_names_every_place(nowhere: Path) -> None:
    location.INSTALLED_DATA_DIR.mkdir(parents=True)  # there, but empty: not usable
    with pytest.raises(FileNotFoundError) as err:
        location.resolve_data_dir()
    message = str(err.value)
    for where in ("data_dir=", "$LAWGOV_DATA", "checkout", str(location.INSTALLED_DATA_DIR)):
        assert where in message
    assert "has no reports.yaml" in message


# --- a wrong place, named in one line before anything is read --------------------------------


def _broken_link(tmp: Path) -> tuple[Path, str]:
    link = tmp / "data"
    link.symlink_to(tmp / "moved-away")
    return link, "is a broken link"


def _a_file(tmp: Path) -> tuple[Path, str]:
    path = tmp / "data.zip"
    path.write_bytes(b"PK\x03\x04")
    return path, "is a file, not a directory"


def _no_reports(tmp: Path) -> tuple[Path, str]:
    path = tmp / "photos"
    path.mkdir()
    (path / "holiday.jpg").write_bytes(b"\xff\xd8")
    return path, "has no reports.yaml: not a lawgov data directory"


def _broken_link_inside(tmp: Path) -> tuple[Path, str]:
    path = _valid(tmp / "mydata")
    (path / "figures").symlink_to(tmp / "elsewhere")
    return path, "holds a broken link, figures ->"


def _huge(tmp: Path) -> tuple[Path, str]:
    path = _valid(tmp / "home")
    for i in range(location.MAX_ENTRIES + 1):
        (path / f"{i}.bin").touch()
    return path, "holds more than"


WRONG_PLACES = [_broken_link, _a_file, _no_reports, _broken_link_inside, _huge]


@pytest.mark.parametrize("make", WRONG_PLACES, ids=lambda f: f.__name__.strip("_"))
def test_a_wrong_place_is_one_line_from_python(make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, why = make(tmp_path)
    read: list[str] = []
    real_open = open

    def spy(file, *args, **kwargs):  # nothing under the wrong place is opened
        if str(file).startswith(str(tmp_path)):
            read.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    with pytest.raises(location.DataLocationError) as caught:
        lawgov.figures(data_dir=path)
    message = str(caught.value)
    assert "\n" not in message and why in message and str(path.absolute()) in message
    assert caught.value.__cause__ is None and caught.value.__context__ is None
    assert not read, f"read before refusing: {read[:3]}"


@pytest.mark.parametrize("make", WRONG_PLACES[:4], ids=lambda f: f.__name__.strip("_"))
def test_a_wrong_place_is_one_line_from_the_command(make, tmp_path: Path) -> None:
    path, why = make(tmp_path)
    # --data after the command, and before it, as a user may write it either way
    for args in (
        ["validate", "--data", str(path)],
        ["figures", "--format", "csv", "--data", str(path)],
        ["--data", str(path), "validate"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "lawgov", *args],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
            env=dict(os.environ),
        )
        assert done.returncode == 2 and not done.stdout
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("lawgov: data directory ")
        assert why in done.stderr and "Traceback" not in done.stderr
