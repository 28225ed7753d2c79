"""What a user reads is never stale after an edit.

- an edit to a data file is seen by the next call of a loader in the same process (the
  frames are kept per state of the files, in memory only);
- an edit to a file a page includes from outside ``book/`` makes ``make book`` rebuild it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lawgov


def test_an_edit_to_a_data_file_is_seen_by_the_next_call(shared_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(shared_data, data)
    before = lawgov.glossary(data_dir=data)
    assert "administrative reconsideration" in set(before["en"])
    glossary = data / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("en: administrative reconsideration", "en: administrative review", 1), encoding="utf-8")
    after = lawgov.glossary(data_dir=data)
    assert "administrative review" in set(after["en"])
    assert "administrative reconsideration" not in set(after["en"])
    glossary.write_text("terms: [\n", encoding="utf-8")
    problems = [str(p) for p in lawgov.validate(data)]
    assert len(problems) == 1 and problems[0].startswith("data/glossary.yaml:2: YAML syntax error")
    with pytest.raises(lawgov.DataError):
        lawgov.glossary(data_dir=data)


def test_a_file_a_page_includes_from_outside_book_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make book` does nothing when no input changed: an edit to ../CHANGELOG.md, which the
    changelog page includes, is a change (the built page went stale without it)."""
    from lawgov.publish import freshness

    assert freshness.ROOT / "CHANGELOG.md" in freshness.included_files()  # the real book
    root = tmp_path
    (root / "book").mkdir()
    (root / "data").mkdir()
    (root / "book" / "changelog.md").write_text("# Changelog\n\n```{include} ../CHANGELOG.md\n:start-line: 2\n```\n")
    (root / "CHANGELOG.md").write_text("# Changelog\n\n- one\n")
    monkeypatch.setattr(freshness, "ROOT", root)
    monkeypatch.setattr(freshness, "BOOK", root / "book")
    monkeypatch.setattr(freshness, "DATA", root / "data")
    before = freshness.inputs_digest()
    assert freshness.inputs_digest() == before
    (root / "CHANGELOG.md").write_text("# Changelog\n\n- one\n- two\n")
    assert freshness.inputs_digest() != before
