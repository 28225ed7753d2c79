"""Problems found in ``data/``: one line each, pointing at FILE:LINE, the entry and the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, printed as ``FILE:LINE: entry 'ID': field 'F': message``.

    ``file`` is shown as the user would type it (``data/figures/kunshan-2012.yaml``);
    ``line``, ``entry`` and ``field`` are ``None`` when unknown and then left out.
    """

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.entry is not None:
            parts.append(f"entry '{self.entry}'")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        parts.append(self.message)
        return ": ".join(parts)


class DataError(Exception):
    """Raised with every problem at once, so a user fixes them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, data_dir: Path) -> str:
    """``path`` relative to the data dir's parent (``data/glossary.yaml``), else as given."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()
