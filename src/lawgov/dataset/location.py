"""Where the data directory is: the argument, else ``$LAWGOV_DATA``, else the checkout's ``data/``.

Its imports are light on purpose: ``lawgov.frames`` finds the data dir here without importing
the loader, pydantic or PyYAML (it answers from its on-disk cache when it can).
"""
from __future__ import annotations

import os
from pathlib import Path

# The data dir of the source tree this package was imported from (src/lawgov/dataset/ -> ./data).
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "data"


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: the argument, else $LAWGOV_DATA, else the repository's ``data/``."""
    chosen = data_dir if data_dir is not None else os.environ.get("LAWGOV_DATA") or DEFAULT_DATA_DIR
    path = Path(chosen).expanduser().absolute()
    if not path.is_dir():
        raise FileNotFoundError(f"data directory not found: {chosen}")
    return path
