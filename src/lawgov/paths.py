"""Where the repository's book lives: one definition for the build, the PDF and the exports."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if not (ROOT / "book" / "_config.yml").exists():  # installed non-editable: use the cwd
    ROOT = Path.cwd()
BOOK = ROOT / "book"
DATA = ROOT / "data"
BUILD = BOOK / "_build"
HTML = BUILD / "html"
