"""Opening is not editing: the book's .md files are exactly what jupytext writes for them.

- a jupytext read and write round trip (the file's own format, the book's jupytext settings)
  leaves every book/*.md byte-identical;
- so does what JupyterLab saves after running a notebook (the kernel's kernelspec and
  language_info added), as lawgov.publish.notebook_text predicts it; tests/browser/test_lab.py
  checks that prediction against a real JupyterLab;
- the normaliser (`make notebooks-fmt`) reaches that state in one pass and is then idempotent,
  and it leaves a plain Markdown file (no kernelspec) without front matter.

If the first two fail, `make notebooks-fmt` rewrites the files (and `git diff` shows how).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jupytext
import pytest
from jupytext.config import load_jupytext_config

from lawgov.publish.notebook_text import lab_text

BOOK = Path(__file__).resolve().parents[1] / "book"
SOURCES = sorted(BOOK.glob("*.md"))
FIX = "run `make notebooks-fmt` (it writes the files as jupytext and JupyterLab do)"


def _round_trip(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    nb = jupytext.reads(text, fmt="md")
    rep = nb.metadata["jupytext"]["text_representation"]
    config = load_jupytext_config(str(path.parent.resolve()))
    return jupytext.writes(nb, fmt={"extension": ".md", "format_name": rep["format_name"]}, config=config)


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_jupytext_round_trip_is_byte_identical(path: Path) -> None:
    assert _round_trip(path) == path.read_text(encoding="utf-8"), f"{path.name}: {FIX}"


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_what_jupyterlab_saves_is_the_file(path: Path) -> None:
    assert lab_text(path) == path.read_text(encoding="utf-8"), f"{path.name}: {FIX}"


def test_normaliser_is_one_pass_and_idempotent(tmp_path: Path) -> None:
    copies = []
    for src in SOURCES:
        shutil.copy(src, tmp_path / src.name)
        copies.append(tmp_path / src.name)
    for p in copies:
        p.write_text(lab_text(p, normalise=True), encoding="utf-8")
    for p in copies:
        text = p.read_text(encoding="utf-8")
        assert lab_text(p) == lab_text(p, normalise=True) == text, p.name
        assert _round_trip(p) == text, p.name
        if text.startswith("---") and "kernelspec:" in text.split("\n---", 1)[0]:
            assert "{code-cell} python\n" not in text and "jupytext_version:" not in text
    plain = tmp_path / "plain.md"
    plain.write_text("# A note for authors\n\nNot a notebook.\n", encoding="utf-8")
    assert lab_text(plain) == plain.read_text(encoding="utf-8")


def test_jupyterlab_leaves_nothing_git_would_show() -> None:
    """Lab's checkpoints (book/.ipynb_checkpoints/) and its environment (.venv-lab/) are ignored."""
    import subprocess

    root = BOOK.parent
    for path in (
        "book/.ipynb_checkpoints/p4-oversight-checkpoint.md",
        ".venv-lab/bin/python",
        "book/_build/lab/p4-oversight.md",
    ):
        run = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=root)
        assert run.returncode == 0, f"{path} is not ignored by .gitignore"
