"""lawgov: the Kunshan 2012 report on law-based administration, as validated data.

    >>> import lawgov
    >>> lawgov.figures().head()            # every quantitative claim, one row each
    >>> lawgov.audit()                     # the arithmetic the report implies, with verdicts

Every function takes ``data_dir=None`` (default: $LAWGOV_DATA, else the repository's
``data/``). Invalid data raises ``lawgov.DataError`` listing every problem. Submodules are
imported on first use, so ``import lawgov`` stays cheap.

The package's folders are its pipeline, each importing only from those before it:
``dataset`` (read and check ``data/``) -> ``frames`` (the public loaders, their cache, the
column dictionary) -> ``analysis`` (verdicts, writing, crosswalk, readings) -> ``charts`` and
``tables`` -> ``book`` (what the notebooks call) -> ``publish`` (data package, site, PDF, build).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lawgov.dataset.errors import DataError, Problem


def _installed_version() -> str:
    """The version in pyproject.toml, as installed (datapackage.json, CITATION.cff; tests/test_citation.py).

    Read on first use of ``lawgov.__version__``: importlib.metadata is slow to import."""
    try:
        from importlib.metadata import version as _version

        return _version("lawgov")
    except Exception:  # pragma: no cover - a source tree that is not installed
        return "0+unknown"


if TYPE_CHECKING:
    from lawgov.frames.loaders import (
        audit,
        body,
        crosswalk,
        excluded,
        figures,
        frameworks,
        glossary,
        outline,
        relations,
        reports,
        sentences,
        source_text,
        topics,
        validate,
    )

_API = [
    "reports",
    "source_text",
    "body",
    "outline",
    "figures",
    "relations",
    "audit",
    "excluded",
    "glossary",
    "topics",
    "frameworks",
    "crosswalk",
    "sentences",
    "validate",
]
__all__ = ["DataError", "Problem", "__version__", *_API]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()["__version__"] = _installed_version()
        return globals()["__version__"]
    if name in _API:
        from lawgov.frames import loaders

        globals().update({n: getattr(loaders, n) for n in _API})
        return globals()[name]
    raise AttributeError(f"module 'lawgov' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
