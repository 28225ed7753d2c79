"""The public functions of ``lawgov``: load, validate, cache, filter by report.

Each call finds the data dir (argument, $LAWGOV_DATA, or the repository's ``data/``),
loads and validates it once per state of its files (paths and contents), and raises
``DataError`` with every problem if anything is wrong. Frames are built once per state too;
callers get copies, so changing one cannot corrupt the cache. The cache lives in this
process only: a new process reads and checks the files again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawgov.dataset.errors import DataError, Problem
from lawgov.dataset.location import resolve_data_dir

if TYPE_CHECKING:
    import pandas as pd

    from lawgov.dataset.load import Dataset, ReportData

PathLike = str | os.PathLike[str] | None


@dataclass
class _State:
    fingerprint: tuple[Any, ...]
    root: Path
    dataset: Dataset
    problems: list[Problem]
    memo: dict[Any, Any] = field(default_factory=dict)


_CACHE: dict[Path, _State] = {}


def _fingerprint(root: Path) -> tuple[Any, ...]:
    """Paths and content hashes of every file: mtimes can tie when edits come fast."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            with open(path, "rb") as fh:
                digest = hashlib.blake2b(fh.read(), digest_size=16).digest()
            out.append((os.path.relpath(path, root), digest))
    return tuple(out)


def _state(data_dir: PathLike) -> _State:
    """The state of the data dir, its files loaded and checked once while they stay the same."""
    root = resolve_data_dir(data_dir)
    fp = _fingerprint(root)
    state = _CACHE.get(root)
    if state is None or state.fingerprint != fp:
        from lawgov.dataset.load import load  # pydantic and PyYAML only when data is read
        from lawgov.dataset.rules import check

        ds = load(root)
        state = _CACHE[root] = _State(fp, root, ds, check(ds))
    return state


def dataset(data_dir: PathLike = None) -> Dataset:
    """The loaded dataset; raises DataError listing every problem if the data is not valid."""
    state = _state(data_dir)
    if state.problems:
        raise DataError(state.problems)
    return state.dataset


def validate(data_dir: PathLike = None) -> list[Problem]:
    """Every problem in the data dir (an empty list when the data is valid)."""
    return list(_state(data_dir).problems)


def _memo(data_dir: PathLike, key: Any, build: Callable[[Dataset], Any]) -> Any:
    state = _state(data_dir)
    if state.problems:
        raise DataError(state.problems)
    if key not in state.memo:
        state.memo[key] = build(state.dataset)
    value = state.memo[key]
    return value.copy() if hasattr(value, "copy") else value


def _select(ds: Dataset, report: str | None) -> list[ReportData]:
    if report is None:
        return list(ds.reports.values())
    if report not in ds.reports:
        raise KeyError(f"unknown report {report!r}; known: {', '.join(ds.reports) or 'none'}")
    return [ds.reports[report]]


def _one(ds: Dataset, report: str | None) -> ReportData:
    if report is None and len(ds.reports) == 1:
        return next(iter(ds.reports.values()))
    if report is None:
        raise ValueError(f"several reports: name one of {', '.join(ds.reports)}")
    return _select(ds, report)[0]


class Loader:
    """A public loader (``lawgov.figures`` and the others): called like the function it wraps.

    Its docstring is the frame's data dictionary, every column with its dtype and meaning,
    written from the column dictionary (:mod:`lawgov.frames.columns`, which the data package
    uses too) and the frame itself when the docstring is first read, so ``import lawgov``
    never pays for it.
    """

    def __init__(self, function: Callable[..., pd.DataFrame]) -> None:
        self._function = function
        self._doc: str | None = None
        self.__name__ = self.__qualname__ = function.__name__
        self.__module__ = __name__

    def __call__(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        return self._function(*args, **kwargs)

    def __get__(self, obj: Any, objtype: Any = None) -> Loader:
        return self  # a descriptor: inspect and pydoc then document a routine, with its signature

    @property
    def __signature__(self):  # type: ignore[no-untyped-def]
        import inspect

        return inspect.signature(self._function)

    @property  # type: ignore[override]
    def __doc__(self) -> str:
        if self._doc is None:
            try:
                from lawgov.frames.columns import document

                columns = document(self.__name__, self._function())
            except (DataError, FileNotFoundError) as exc:  # no valid data here: no columns to show
                columns = f"(Its columns are listed here once the data loads: {str(exc).splitlines()[0]})"
            self._doc = f"{self._function.__doc__}\n\n{columns}"
        return self._doc

    def __repr__(self) -> str:
        return f"<lawgov loader {self.__name__}>"


def _per_report(name: str) -> Loader:
    def loader(report: str | None = None, data_dir: PathLike = None) -> pd.DataFrame:
        def build(ds: Dataset) -> pd.DataFrame:
            from lawgov.frames import tidy  # pandas only when a frame is asked for

            return getattr(tidy, name)(ds, _select(ds, report))

        return _memo(data_dir, (name, report), build)

    loader.__name__ = loader.__qualname__ = name
    loader.__doc__ = f"The {name} frame, for one report or (report=None) all of them."
    return Loader(loader)


def _shared(name: str) -> Loader:
    def loader(data_dir: PathLike = None) -> pd.DataFrame:
        def build(ds: Dataset) -> pd.DataFrame:
            from lawgov.frames import tidy  # pandas only when a frame is asked for

            return getattr(tidy, name)(ds)

        return _memo(data_dir, (name,), build)

    loader.__name__ = loader.__qualname__ = name
    loader.__doc__ = f"The {name} frame (shared by all reports)."
    return Loader(loader)


outline = _per_report("outline")
figures = _per_report("figures")
relations = _per_report("relations")
audit = _per_report("audit")
crosswalk = _per_report("crosswalk")
excluded = _per_report("excluded")
sentences = _per_report("sentences")
reports = _shared("reports")
glossary = _shared("glossary")
topics = _shared("topics")
frameworks = _shared("frameworks")


def source_text(report: str | None = None, data_dir: PathLike = None) -> str:
    """The verbatim page capture of a report."""
    return _one(dataset(data_dir), report).text or ""


def body(report: str | None = None, data_dir: PathLike = None) -> str:
    """The report's body inside the capture: every quote and offset refers to this text."""
    return _one(dataset(data_dir), report).body or ""
