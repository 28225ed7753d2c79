"""The book's ``.md`` notebooks exactly as JupyterLab saves them, so that opening one is not editing it.

JupyterLab opens ``book/*.md`` through jupytext and, when it saves (autosave included), writes
them back with what the kernel told it: the kernelspec of the running kernel (``name``,
``display_name``, ``language``, in that order) and ``language_info``, whose
``pygments_lexer`` (``ipython3``) names every ``{code-cell}``. Jupytext also re-serialises
cell metadata (long captions wrapped) and adds a blank line after a cell's options.
One thing a setting can keep out: the jupytext version stamp, which would change every
notebook at every jupytext upgrade. The setting is each notebook's own
(``jupytext: notebook_metadata_filter`` in its front matter, :data:`METADATA_FILTER`), not a
``jupytext.toml``: a configuration file's filter would override the ``-all`` of a plain
Markdown file in ``book/`` (``CONVENTIONS.md``) and give it front matter when Lab saves it.

:func:`lab_text` is the text Lab would save for a file; ``python -m lawgov.publish.notebook_text``
(``make notebooks-fmt``) rewrites the files that differ, ``--check`` lists them and exits 1.
A file that is not a notebook (no kernelspec, e.g. ``CONVENTIONS.md``) keeps its own format
(plain Markdown, no front matter) and is checked the same way.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

from lawgov.book.paths import BOOK

METADATA_FILTER = "-jupytext.text_representation.jupytext_version"


def kernel_metadata(kernel_name: str = "python3") -> tuple[dict, dict]:
    """(kernelspec, language_info) as JupyterLab sets them for the installed kernel."""
    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec(kernel_name)
    kernelspec = {"name": kernel_name, "display_name": spec.display_name, "language": spec.language}
    return kernelspec, copy.deepcopy(dict(IPythonKernel.language_info))


def lab_text(path: Path, config=None, *, normalise: bool = False) -> str:  # type: ignore[no-untyped-def]
    """The text jupytext writes when JupyterLab saves ``path`` after running it.

    With ``normalise``, a notebook also gets the book's metadata filter first (what
    ``make notebooks-fmt`` writes); once a file has it, both are the same text.
    """
    import jupytext
    from jupytext.config import load_jupytext_config

    text = path.read_text(encoding="utf-8")
    nb = jupytext.reads(text, fmt="md")
    rep = nb.metadata.get("jupytext", {}).get("text_representation", {})
    fmt = {"extension": ".md", **({"format_name": rep["format_name"]} if "format_name" in rep else {})}
    if "kernelspec" in nb.metadata:
        kernelspec, language_info = kernel_metadata(nb.metadata["kernelspec"].get("name", "python3"))
        nb.metadata["kernelspec"] = kernelspec
        nb.metadata["language_info"] = language_info
        if normalise:
            nb.metadata["jupytext"].setdefault("notebook_metadata_filter", METADATA_FILTER)
    if config is None:
        config = load_jupytext_config(str(path.parent.resolve()))
    return jupytext.writes(nb, fmt=fmt, config=config)


def differing(paths: list[Path]) -> list[Path]:
    """The files whose text is not what Lab saves, once normalised."""
    return [p for p in paths if lab_text(p, normalise=True) != p.read_text(encoding="utf-8")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lawgov.publish.notebook_text", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: every book/*.md")
    parser.add_argument("--check", action="store_true", help="only list the files that would change; exit 1 if any")
    args = parser.parse_args(argv)
    files = args.files or sorted(BOOK.glob("*.md"))
    changed = differing(files)
    for p in changed:
        if args.check:
            print(f"{p}: not as JupyterLab saves it (make notebooks-fmt)")
        else:
            p.write_text(lab_text(p, normalise=True), encoding="utf-8")
            print(f"rewrote {p}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
