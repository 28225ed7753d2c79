"""What each step of the build reads, as content hashes: the build skips a step (or the whole
build) when the hash is the one it recorded after the step's last run (lawgov.publish.build).
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

from lawgov.book.paths import BOOK, DATA, HTML, ROOT


def digest(roots: list[Path]) -> str:
    """A hash of the files under roots (each a folder or a file), the lock and pyproject.toml."""
    h = hashlib.sha256()
    files = [ROOT / "requirements.lock", ROOT / "pyproject.toml"]
    for root in roots:
        if root.is_file():
            files.append(root)
        elif root.exists():
            files += [
                p
                for p in root.rglob("*")
                if p.is_file()
                and "_build" not in p.parts
                and "__pycache__" not in p.parts
                and ".ipynb_checkpoints" not in p.parts
                and p.name != "vega-bundle.js"
                and not p.name.endswith(".tmp")
            ]
    for p in sorted(set(files)):
        if p.exists():
            h.update(p.relative_to(ROOT).as_posix().encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


INCLUDE = re.compile(r"^```\{include\}\s+(\S+)", re.M)


def included_files() -> list[Path]:
    """Files outside book/ that a page includes (the changelog page shows ../CHANGELOG.md)."""
    out = []
    for page in sorted(BOOK.glob("*.md")):
        for target in INCLUDE.findall(page.read_text(encoding="utf-8")):
            path = (BOOK / target).resolve()
            if BOOK.resolve() not in path.parents:
                out.append(path)
    return out


def inputs_digest() -> str:
    """A hash of everything the built book depends on, the files its pages include among them."""
    return digest([BOOK, DATA, ROOT / "src" / "lawgov", *included_files()])


def code_digest() -> str:
    """A hash of what notebooks read besides their own cells: the data, lawgov, the lock.

    jupyter-cache keys an execution on a notebook's code cells only, and Sphinx re-reads
    only pages whose source changed; neither sees a change in data/ or src/lawgov/. When
    this digest changes, cached outputs may hold old numbers, so the build drops them.
    """
    return digest([DATA, ROOT / "src" / "lawgov"])


def look_digest() -> str:
    """A hash of the book's own Sphinx extensions and static files.

    An incremental Sphinx build with no page to re-read stops before it copies static files
    ("no targets are out of date"), and extension code is not part of its environment: an
    edit to lawgov.css or a book/_ext module would not reach the output. When this digest
    changes, Sphinx re-reads every page (from the execution cache: no notebook re-runs).
    """
    return digest([BOOK / "_ext", BOOK / "_static"])


def package_digest() -> str:
    """What the data package is made of: the data, lawgov (its writer), the data licence, the lock."""
    return digest([DATA, ROOT / "src" / "lawgov", ROOT / "LICENSE-DATA.md"])


def pages_digest() -> str:
    """The built HTML pages (what the charts step reads and writes)."""
    return digest(sorted(HTML.glob("*.html")))


def pdf_digest() -> str:
    """What the printed PDF is made of: the single page with its assets, lawgov (the edition's
    code and CSS), the citation file and the date (the title page's, when CITATION.cff has none)."""
    from lawgov.publish.pdf import SINGLE

    h = hashlib.sha256(digest([ROOT / "src" / "lawgov", ROOT / "CITATION.cff", BOOK / "_toc.yml"]).encode())
    h.update(time.strftime("%Y-%m-%d").encode())
    for p in sorted(SINGLE.rglob("*")):
        if p.is_file() and ".doctrees" not in p.parts:
            h.update(p.relative_to(SINGLE).as_posix().encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()
