"""Where the data is: the argument, else $LAWGOV_DATA, else the repository's ``data/``.

Its own small module so that finding the data dir imports nothing heavy (``lawgov.api``
answers from its on-disk cache without importing the loader, pydantic or PyYAML).
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: the argument, else $LAWGOV_DATA, else the repository's ``data/``."""
    chosen = data_dir if data_dir is not None else os.environ.get("LAWGOV_DATA") or DEFAULT_DATA_DIR
    path = Path(chosen).expanduser().absolute()
    if not path.is_dir():
        raise FileNotFoundError(f"data directory not found: {chosen}")
    return path
