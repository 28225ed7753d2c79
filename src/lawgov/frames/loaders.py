"""The public functions of ``lawgov``: load, validate, cache, filter by report.

Each call finds the data dir (argument, $LAWGOV_DATA, or the repository's ``data/``),
loads and validates it once per state of its files (paths and contents), and raises
``DataError`` with every problem if anything is wrong. Frames are built once per state too;
callers get copies, so changing one cannot corrupt the cache.

Across processes, frames of valid data are also kept on disk (``$LAWGOV_CACHE``, default
``~/.cache/lawgov``; ``LAWGOV_CACHE=off`` turns it off), under a key that hashes every data
file's path and content, the source of this package, the installed distributions and the
Python version: a new process then gets ``lawgov.figures()`` without importing the
loader, pydantic, PyYAML or jieba. ``validate()`` always checks the files afresh.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

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
    problems: list[Problem]
    _dataset: Dataset | None = None
    memo: dict[Any, Any] = field(default_factory=dict)
    disk: Path | None = None  # this state's on-disk cache (valid data only)

    @property
    def dataset(self) -> Dataset:
        if self._dataset is None:  # a state known valid from the disk cache: load it now
            from lawgov.dataset.load import load
            from lawgov.dataset.rules import check

            with _no_gc():
                self._dataset = load(self.root)
                self.problems = check(self._dataset)
        return self._dataset


_CACHE: dict[Path, _State] = {}


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while loading: the loader makes hundreds of thousands
    of objects that all stay alive, and each full collection walks every one of them
    (two thirds of the time for 1,000 reports). Collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


# --- the on-disk cache ---------------------------------------------------------------

_KEEP = 16  # states kept on disk (the oldest are removed)
PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # all of lawgov's source is in the cache key
_ENV_DIGEST: bytes | None = None


def _cache_root() -> Path | None:
    chosen = os.environ.get("LAWGOV_CACHE")
    if chosen is not None and chosen.strip().lower() in ("", "0", "off", "no", "false"):
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lawgov"


def _environment_digest() -> bytes:
    """This package's source, the installed distributions (names and versions), Python."""
    global _ENV_DIGEST
    if _ENV_DIGEST is None:
        import site

        h = hashlib.blake2b(digest_size=16)
        h.update(sys.version.encode())
        package = PACKAGE_ROOT
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
        for folder in sorted(set(site.getsitepackages() + [site.getusersitepackages()])):
            try:
                h.update("\n".join(sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))).encode())
            except OSError:
                continue
        _ENV_DIGEST = h.digest()
    return _ENV_DIGEST


def _disk_dir(root: Path, fp: tuple[Any, ...]) -> Path | None:
    base = _cache_root()
    if base is None:
        return None
    try:
        h = hashlib.blake2b(_environment_digest(), digest_size=20)
        h.update(str(root).encode())  # problems and frames may name the data dir
        h.update(repr(fp).encode())
        return base / h.hexdigest()
    except OSError:
        return None


def _disk_name(key: Any) -> str:
    return hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest() + ".pickle"


def _disk_read(folder: Path | None, name: str) -> Any:
    """The object pickled as ``folder/name``, else None (missing, unreadable, incompatible)."""
    if folder is None:
        return None
    try:
        import pickle

        with open(folder / name, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # a cache is never a reason to fail
        return None


def _disk_write(folder: Path | None, name: str, value: Any) -> None:
    if folder is None:
        return
    try:
        import pickle
        import tempfile

        new = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / name)  # atomic: readers see the old file or the new one
        except BaseException:
            os.unlink(tmp)
            raise
        if new:
            _disk_prune(folder.parent)
    except Exception:
        pass


def _disk_prune(base: Path) -> None:
    import shutil

    try:
        states = sorted((p for p in base.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    for old in states[:-_KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def _state(data_dir: PathLike, fresh: bool = True) -> _State:
    """The state of the data dir, its files loaded and checked in this process; with
    ``fresh=False`` (frames only) a state the disk cache knows valid is not loaded."""
    root = resolve_data_dir(data_dir)
    fp = _fingerprint(root)
    state = _CACHE.get(root)
    if state is None or state.fingerprint != fp or (fresh and state._dataset is None):
        disk = _disk_dir(root, fp)
        if not fresh and _disk_read(disk, "valid") is True:
            state = _State(fp, root, [], disk=disk)
        else:
            from lawgov.dataset.load import load
            from lawgov.dataset.rules import check

            with _no_gc():
                ds = load(root)
                problems = check(ds)
            state = _State(fp, root, problems, ds, disk=None if problems else disk)
            if not problems:
                _disk_write(disk, "valid", True)
        _CACHE[root] = state
    return state


def dataset(data_dir: PathLike = None) -> Dataset:
    """The loaded dataset; raises DataError listing every problem if the data is not valid."""
    state = _state(data_dir)
    if state.problems:
        raise DataError(state.problems)
    return state.dataset


def validate(data_dir: PathLike = None) -> list[Problem]:
    """Every problem in the data dir (an empty list when the data is valid), checked afresh."""
    return list(_state(data_dir).problems)


def _memo(data_dir: PathLike, key: Any, build: Callable[[Dataset], Any]) -> Any:
    state = _state(data_dir, fresh=False)
    if state.problems:
        raise DataError(state.problems)
    if key not in state.memo:
        name = _disk_name(key)
        value = _disk_read(state.disk, name)
        if value is None:
            value = build(state.dataset)
            if state.problems:  # only if the disk said valid and a fresh check disagrees
                raise DataError(state.problems)
            _disk_write(state.disk, name, value)
        state.memo[key] = value
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
    uses too) and the frame itself when the docstring is first read, so ``import lawgov`` and
    a cached frame never pay for it (nor import pydantic).
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
            from lawgov.frames import tidy as frames  # imported only when the frame is not cached

            return getattr(frames, name)(ds, _select(ds, report))

        return _memo(data_dir, (name, report), build)

    loader.__name__ = loader.__qualname__ = name
    loader.__doc__ = f"The {name} frame, for one report or (report=None) all of them."
    return Loader(loader)


def _shared(name: str) -> Loader:
    def loader(data_dir: PathLike = None) -> pd.DataFrame:
        def build(ds: Dataset) -> pd.DataFrame:
            from lawgov.frames import tidy as frames  # imported only when the frame is not cached

            return getattr(frames, name)(ds)

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
