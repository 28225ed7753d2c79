"""The column dictionary documents every public loader: ``help(lawgov.figures)`` is its data dictionary.

Each loader's docstring lists every column of its frame with the frame's dtype and the
column's meaning, and the meaning is the one the data package's ``datapackage.json`` gives.
"""

from __future__ import annotations

import pydoc
import re
import textwrap

import pytest

import lawgov
from lawgov.frames import columns
from lawgov.frames.tableschema import describe


def _entries(text: str) -> dict[str, tuple[str, str]]:
    """{column: (dtype as shown, meaning unwrapped)} from a rendered docstring's Columns section."""
    section = text.split("Columns\n", 1)[1]
    found = {}
    for m in re.finditer(r"^(\s*)(\w+) : (.+)\n((?:\1    .+\n?)*)", textwrap.dedent(section), re.M):
        found[m[2]] = (m[3], " ".join(line.strip() for line in m[4].splitlines()))
    return found


def test_every_frame_loader_has_an_entry() -> None:
    frames = {n for n in lawgov._API if n not in ("source_text", "body", "validate")}
    assert set(columns.LOADERS) == frames


@pytest.mark.parametrize("name", sorted(columns.LOADERS))
def test_help_lists_every_column_with_its_dtype_and_meaning(name: str) -> None:
    loader = getattr(lawgov, name)
    frame = loader()
    text = pydoc.render_doc(loader, renderer=pydoc.plaintext)
    assert f"{name}(" in text, "documented as a function, with its signature"
    entries = _entries(text)
    assert list(entries) == list(frame.columns)
    for col, (dtype, meaning) in entries.items():
        assert dtype.split(" (")[0] == str(frame[col].dtype), col
        assert meaning and "(not described)" not in meaning, col


@pytest.mark.parametrize("name", sorted(n for n, (table, _) in columns.LOADERS.items() if table != "excluded"))
def test_the_docstring_and_the_data_package_say_the_same(name: str) -> None:
    table = columns.LOADERS[name][0]
    fields = next(r for r in describe() if r["name"] == table)["schema"]["fields"]
    meanings = {f["name"]: f["description"] + (f"; unit: {f['unit']}" if "unit" in f else "") for f in fields}
    for col, (_, meaning) in _entries(getattr(lawgov, name).__doc__).items():
        assert meaning == meanings[col], col


def test_a_column_missing_from_the_dictionary_is_shown_as_such() -> None:
    frame = lawgov.topics().assign(unheard_of=1)
    entries = _entries(columns.document("topics", frame))
    assert entries["unheard_of"] == ("int64", "(not described)")
