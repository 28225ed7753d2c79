"""Every code block of the README runs as written.

- a ```python block whose first line is ``# in <chapter>.md, after its first cell`` runs in a
  kernel after that chapter's first code cell (read with jupytext, run with nbclient), as a
  person adding a cell in `make lab` runs it;
- any other ```python block runs in a plain Python (the lawgov of this checkout);
- a ```sh line runs in an empty temporary directory when it only reads the data or writes
  into that directory (the `lawgov` commands); every other line (building, installing,
  starting JupyterLab) is named in NOT_RUN with the reason, so a new line cannot go untested
  unnoticed.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent
CHAPTER_LINE = re.compile(r"#\s*in (\S+\.md), after its first cell")

# Shell commands of the README not run here, by their first words, and why.
NOT_RUN = {
    "make": "builds the book, runs the whole test suite or starts JupyterLab (tested elsewhere)",
    "pip install": "installs from the package index (tests/test_wheel.py installs the wheel)",
    "jupyter lab": "starts JupyterLab (tests/browser/test_lab.py drives it)",
    "python -m http.server": "serves until stopped",
}


def _blocks(lang: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, flags=re.S | re.M)


def _commands() -> list[str]:
    lines = [line.split("#")[0].strip() for block in _blocks("sh") for line in block.splitlines()]
    return [line for line in lines if line]


def _runnable(command: str) -> bool:
    return command.startswith("lawgov ")


def test_readme_has_the_blocks_it_promises() -> None:
    python = _blocks("python")
    assert any(CHAPTER_LINE.match(b) for b in python) and any(not CHAPTER_LINE.match(b) for b in python)
    assert any(_runnable(c) for c in _commands())


def test_every_shell_line_is_run_or_named() -> None:
    unnamed = [c for c in _commands() if not _runnable(c) and not any(c.startswith(k) for k in NOT_RUN)]
    assert not unnamed, f"README shell lines neither run by this test nor named in NOT_RUN: {unnamed}"


@pytest.mark.parametrize("command", [c for c in _commands() if _runnable(c)])
def test_shell_line_runs(command: str, tmp_path: Path) -> None:
    argv = shlex.split(command)
    argv[0] = str(BIN / argv[0])
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"`{command}` failed:\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr
    if command.startswith("lawgov export"):
        out = tmp_path / argv[-1]
        assert (out / "datapackage.json").exists()
    elif "validate" not in command:
        assert done.stdout.strip(), f"`{command}` printed nothing"


@pytest.mark.parametrize("block", [b for b in _blocks("python") if not CHAPTER_LINE.match(b)])
def test_plain_python_block_runs(block: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"README block failed:\n{block}\n{done.stderr[-3000:]}"


def test_chapter_blocks_run_in_their_chapter() -> None:
    """All the blocks tied to one chapter run in one kernel, after the chapter's first cell."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    by_chapter: dict[str, list[str]] = {}
    for block in _blocks("python"):
        match = CHAPTER_LINE.match(block)
        if match:
            by_chapter.setdefault(match.group(1), []).append(block)
    assert by_chapter
    for chapter, blocks in by_chapter.items():
        path = ROOT / "book" / chapter
        assert path.exists(), f"the README names {chapter}, which is not in book/"
        notebook = jupytext.read(path)
        first = next(c for c in notebook.cells if c.cell_type == "code")
        notebook.cells = [first] + [nbformat.v4.new_code_cell(b) for b in blocks]
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for cell, block in zip(notebook.cells[1:], blocks):
            shown = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert shown, f"README block in {chapter} showed nothing:\n{block}"
            html = shown[0].data.get("text/html", "") or shown[0].data.get("text/plain", "")
            # a frame with rows: the example answers something
            assert "<td" in html or "\n" in html.strip(), f"README block in {chapter} shows an empty frame:\n{block}"
