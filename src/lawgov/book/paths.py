"""Where the book lives in the repository: sources, data, build output (build, PDF, exports)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
if not (ROOT / "book" / "_config.yml").exists():  # installed non-editable: use the cwd
    ROOT = Path.cwd()
BOOK = ROOT / "book"
DATA = ROOT / "data"
BUILD = BOOK / "_build"
HTML = BUILD / "html"
