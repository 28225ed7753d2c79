"""The one Sphinx run of the book, shared by the HTML book and the single-page HTML the PDF prints.

Both builds read the same sources with the same configuration, Sphinx environment
(``book/_build/.doctrees``) and jupyter-cache: a setting that differed between them would
make each build re-read everything the other wrote, and a notebook run twice could differ.
"""

from __future__ import annotations

import contextlib
import io
import logging
from pathlib import Path

from lawgov.book.paths import BOOK, BUILD

JUPYTER_CACHE = BUILD / ".jupyter_cache"
SEARCH_DICT = BUILD / ".search" / "jieba-terms.txt"


def overrides() -> dict:
    """The settings ``make book`` adds to book/_config.yml (the same for every builder)."""
    out = {
        "nb_execution_cache_path": str(JUPYTER_CACHE),
        "external_toc_path": (BOOK / "_toc.yml").as_posix(),
        "latex_individualpages": False,
    }
    if SEARCH_DICT.exists():  # written by the build's search step
        out["html_search_options"] = {"dict": str(SEARCH_DICT)}
    return out


def declare_parallel_safety() -> None:
    """Let Sphinx run -j 2 without the 'does not declare' warning, honestly.

    jupyter-book loads ``sphinx_multitoc_numbering`` when ``_toc.yml`` has
    ``numbered: true``. Its ``setup()`` returns no metadata, so Sphinx assumes it unsafe
    for parallel reading and warns (an error under -W). What it does: it replaces
    ``TocTreeCollector.assign_section_numbers``, which Sphinx calls from the main
    process after the parallel readers' environments are merged (env-get-updated), and
    it keeps no per-document state of its own - so reading in parallel cannot change
    its result. We declare exactly that. Every other extension in the book's list
    declares parallel_read_safe and parallel_write_safe itself.
    """
    try:
        import sphinx_multitoc_numbering as smn
    except ImportError:
        return
    if getattr(smn.setup, "_lawgov_patched", False):
        return
    original = smn.setup

    def setup(app):  # type: ignore[no-untyped-def]
        original(app)
        return {
            "version": smn.__version__,
            "parallel_read_safe": True,
            "parallel_write_safe": True,
        }

    setup._lawgov_patched = True  # type: ignore[attr-defined]
    smn.setup = setup


def prepare_execution_cache() -> None:
    """Create jupyter-cache's folder and database before Sphinx forks its readers.

    With -j 2 on a clean build, two reader processes would otherwise both find no cache
    and create it at once (jupyter-cache's ``mkdir`` without exist_ok and its
    ``create_all`` race): one of them fails. Created here, they only open it; SQLite
    serialises their short writes.
    """
    from jupyter_cache import get_cache

    get_cache(str(JUPYTER_CACHE)).db  # noqa: B018 - the property creates the database


def run(builder: str, outdir: Path, *, jobs: int = 2, strict: bool = True, fresh: bool = False) -> tuple[int, str]:
    """Build the book with one Sphinx builder into outdir; returns (Sphinx's status, its warnings).

    strict: every warning is an error (``-W --keep-going``) and is shown as it comes;
    otherwise the warnings are only collected and returned (the single page rearranges
    what the strict HTML build checked).
    """
    with contextlib.suppress(ImportError):
        import jieba

        jieba.setLogLevel(logging.WARNING)  # it prints "Building prefix dict..." otherwise
    from jupyter_book.sphinx import build_sphinx

    declare_parallel_safety()
    prepare_execution_cache()
    warnings = io.StringIO()
    with contextlib.nullcontext() if strict else contextlib.redirect_stderr(warnings):
        result = build_sphinx(
            str(BOOK),
            str(outdir),
            noconfig=True,
            path_config=str(BOOK / "_config.yml"),
            confoverrides=overrides(),
            builder=builder,
            warningiserror=strict,
            keep_going=True,
            freshenv=fresh,
            jobs=jobs,
            quiet=True,
        )
    return result, warnings.getvalue()
