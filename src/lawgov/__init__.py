"""lawgov: the Kunshan 2012 report on law-based administration, as validated data.

    >>> import lawgov
    >>> lawgov.figures().head()            # every quantitative claim, one row each
    >>> lawgov.audit()                     # the arithmetic the report implies, with verdicts

Every function takes ``data_dir=None`` (default: $LAWGOV_DATA, else the repository's
``data/``). Invalid data raises ``lawgov.DataError`` listing every problem. Submodules are
imported on first use, so ``import lawgov`` stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import DataError, Problem

try:  # the version in pyproject.toml, as installed (issue 5: datapackage.json, CITATION.cff)
    from importlib.metadata import version as _version

    __version__ = _version("lawgov")
except Exception:  # pragma: no cover - running from a source tree that is not installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from .api import (
        audit, body, crosswalk, figures, frameworks, glossary, outline, relations, reports,
        source_text, topics, validate,
    )

__all__ = [
    "DataError", "Problem", "reports", "source_text", "body", "outline", "figures", "relations",
    "audit", "glossary", "topics", "frameworks", "crosswalk", "validate",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        # Importing api loads the submodule ``lawgov.validate``, which Python binds over
        # the name; bind the public functions afterwards so ``lawgov.validate`` is the function.
        globals().update({n: getattr(api, n) for n in __all__ if hasattr(api, n)})
        return globals()[name]
    raise AttributeError(f"module 'lawgov' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
