"""Where the data directory is: one rule, in this order.

1. the ``data_dir=`` argument (``--data DIR`` on the command line);
2. ``$LAWGOV_DATA``;
3. the ``data/`` of the checkout this package was imported from (an editable install or
   ``src/`` on the path: the folder holding ``pyproject.toml`` and ``src/lawgov``);
4. the copy installed with the package (``lawgov/data/``: the wheel ships the dataset, so
   ``pip install lawgov`` works in any directory, like palmerpenguins).

A source that is given (1 or 2) is used or refused, never skipped: a typo in ``--data`` must
not quietly fall back to another copy. When neither is given and no copy is usable, the
error names every place it looked. "Usable" means a directory with a ``reports.yaml`` and no
broken link in it; this is checked before any file is read (a wrong ``--data`` pointing at a
large unrelated folder is refused at once, not read), and every refusal is one line:
:class:`DataLocationError`, whose message names the place and what is wrong with it. It is a
``lawgov.DataError`` (so one ``except lawgov.DataError`` catches every data problem) and a
``FileNotFoundError`` (what it is to Python).

Its imports are light on purpose: ``lawgov.frames`` finds the data dir here without importing
the loader, pydantic or PyYAML (a missing data dir is reported before any of them is loaded).
"""

from __future__ import annotations

import os
from pathlib import Path

from lawgov.dataset.errors import DataError, Problem

_PACKAGE = Path(__file__).resolve().parents[1]  # .../lawgov
# The data dir of the source tree this package was imported from (src/lawgov/dataset/ -> ./data).
DEFAULT_DATA_DIR = _PACKAGE.parents[1] / "data"
# The dataset as installed with the package (the wheel maps data/ here: pyproject.toml).
INSTALLED_DATA_DIR = _PACKAGE / "data"
ENV = "LAWGOV_DATA"
MARKER = "reports.yaml"
# The dataset has a few dozen files; a folder with more is not one (and is not walked further).
MAX_ENTRIES = 5000


class DataLocationError(DataError, FileNotFoundError):
    """The data directory cannot be used; the message is one line naming it and why
    (or, when no place was given, the list of every place looked at)."""

    def __init__(self, message: str):
        Exception.__init__(self, message)
        self.problems = [Problem(file="data directory", line=None, entry=None, field=None, message=message)]

    def __str__(self) -> str:
        return str(self.args[0])


def _is_checkout(data: Path) -> bool:
    root = data.parent
    return (root / "pyproject.toml").is_file() and _PACKAGE.parent == root / "src"


def _broken_or_crowded(path: Path) -> str | None:
    """A broken link inside the data dir, or too many entries: found by listing, never reading."""
    seen = 0
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            seen += 1
            entry = Path(folder) / name
            if entry.is_symlink() and not entry.exists():
                return f"holds a broken link, {entry.relative_to(path)} -> {os.readlink(entry)}"
        if seen > MAX_ENTRIES:
            return f"holds more than {MAX_ENTRIES} files and folders: not a lawgov data directory"
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return None


def _why_unusable(path: Path, explicit: bool) -> str | None:
    if path.is_symlink() and not path.exists():
        return f"is a broken link (to {os.readlink(path)})"
    if not path.exists():
        return "not found"
    if not path.is_dir():
        return "is a file, not a directory"
    marker = path / MARKER
    if marker.is_symlink() and not marker.exists():
        return f"has {MARKER} as a broken link (to {os.readlink(marker)})"
    if not marker.is_file():
        return f"has no {MARKER}: not a lawgov data directory"
    return _broken_or_crowded(path) if explicit else None


def candidates(data_dir: str | os.PathLike[str] | None = None) -> list[tuple[str, Path | None]]:
    """(where, path) in the order of the rule; path None where that source is not given."""
    env = os.environ.get(ENV) or None
    return [
        ("data_dir= (--data)", Path(data_dir).expanduser() if data_dir is not None else None),
        (f"${ENV}", Path(env).expanduser() if env else None),
        ("the checkout's data/", DEFAULT_DATA_DIR if _is_checkout(DEFAULT_DATA_DIR) else None),
        ("the copy installed with lawgov", INSTALLED_DATA_DIR),
    ]


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The data dir by the rule above; :class:`DataLocationError` saying why a given place
    cannot be used, or naming every place looked at."""
    looked = []
    for i, (where, path) in enumerate(candidates(data_dir)):
        explicit = i < 2
        if path is None:
            looked.append(f"{where}: not given" if explicit else f"{where}: this lawgov is not a checkout")
            continue
        path = path.absolute()
        why = _why_unusable(path, explicit)
        if why is None:
            return path
        if explicit:  # given: use it or fail, never fall through to another copy
            raise DataLocationError(f"data directory {why}: {path} (from {where})")
        looked.append(f"{where}: {path} {why}")
    raise DataLocationError(
        "no data directory found; looked at, in order:\n  "
        + "\n  ".join(looked)
        + f"\nPass data_dir= (lawgov --data DIR), set ${ENV}, or reinstall lawgov (its wheel ships the data)."
    )
