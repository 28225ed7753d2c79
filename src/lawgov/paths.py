"""Where things live: the repository's book (build, PDF, exports) and the data directory.

Its imports are light on purpose: ``lawgov.api`` finds the data dir here without importing
the loader, pydantic or PyYAML (it answers from its on-disk cache when it can).
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if not (ROOT / "book" / "_config.yml").exists():  # installed non-editable: use the cwd
    ROOT = Path.cwd()
BOOK = ROOT / "book"
DATA = ROOT / "data"
BUILD = BOOK / "_build"
HTML = BUILD / "html"

# The data dir of the source tree (lawgov.load re-exports both names).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: the argument, else $LAWGOV_DATA, else the repository's ``data/``."""
    chosen = data_dir if data_dir is not None else os.environ.get("LAWGOV_DATA") or DEFAULT_DATA_DIR
    path = Path(chosen).expanduser().absolute()
    if not path.is_dir():
        raise FileNotFoundError(f"data directory not found: {chosen}")
    return path
