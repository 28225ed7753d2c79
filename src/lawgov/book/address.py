"""Where the book and its repository live on the web: one place, ``book/_config.yml``.

``html.baseurl`` is the published book's address (Sphinx's ``html_baseurl``: it also makes
the sitemap and the Open Graph tags absolute) and ``repository.url`` its repository's. Every
citation, the BibTeX, the downloaded notebooks' links and ``CITATION.cff`` (``url``,
``repository-code``, checked by tests/test_citation.py) take them from here. Until they are
set (no address is decided yet), a citation says :data:`NOT_SET` instead of giving a link
that only works inside the built site, and ``make book`` says so once.

``python -m lawgov.book.address BOOK_URL REPOSITORY_URL`` sets both, in ``_config.yml`` and
in ``CITATION.cff``.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from lawgov.book.paths import BOOK, ROOT

CONFIG = BOOK / "_config.yml"
CFF = ROOT / "CITATION.cff"
NOT_SET = "address not yet set"


@dataclass(frozen=True)
class Address:
    book: str  # "https://host/path/" (with the final slash), or "" when not set
    repository: str  # "https://host/owner/name", or ""

    def page(self, path: str = "") -> str:
        """The absolute address of ``path`` (``numbers.html#fig-x``) in the book, or "" when not set."""
        return f"{self.book}{path}" if self.book else ""


def address(config: Path | None = None) -> Address:
    """The book's and the repository's addresses, as ``book/_config.yml`` sets them."""
    import yaml

    path = Path(config) if config is not None else CONFIG
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    book = str(((doc or {}).get("html") or {}).get("baseurl") or "").strip()
    repository = str(((doc or {}).get("repository") or {}).get("url") or "").strip()
    return Address(book=f"{book.rstrip('/')}/" if book else "", repository=repository.rstrip("/"))


def unset_notice(config: Path | None = None) -> str | None:
    """The one line ``make book`` prints while the book's address is not set, else None."""
    if address(config).book:
        return None
    return (f"the book's address is not set (html.baseurl in book/_config.yml): citations say "
            f"'{NOT_SET}'; README 'Publishing' says how to set it")


def _set_line(text: str, pattern: str, value: str) -> str:
    """``text`` with the first match of ``pattern`` (a prefix group, then the old value) given ``value``."""
    new, n = re.subn(pattern, lambda m: m.group(1) + value, text, count=1, flags=re.M)
    if not n:
        raise ValueError(f"no line matching {pattern!r}")
    return new


def set_address(book: str, repository: str, config: Path | None = None, cff: Path | None = None) -> None:
    """Write both addresses into ``_config.yml`` and ``CITATION.cff`` (comments kept)."""
    for value in (book, repository):
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(f"not an absolute http(s) address: {value!r}")
    config, cff = Path(config or CONFIG), Path(cff or CFF)
    text = config.read_text(encoding="utf-8")
    text = _set_line(text, r'^(  baseurl: )"[^"]*"', f'"{book}"')
    text = _set_line(text, r'^(repository:\n  url: )"[^"]*"', f'"{repository}"')
    config.write_text(text, encoding="utf-8")
    doc = cff.read_text(encoding="utf-8")
    doc = re.sub(r"^(url|repository-code): .*\n", "", doc, flags=re.M)
    doc = _set_line(doc, r"^(license: .*)$", f"\nurl: {book}\nrepository-code: {repository}")
    cff.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lawgov.book.address",
                                     description="Set the book's and its repository's web addresses.")
    parser.add_argument("book", help="the published book's address, e.g. https://example.org/kunshan-2012/")
    parser.add_argument("repository", help="the repository's address, e.g. https://github.com/owner/name")
    args = parser.parse_args(argv)
    try:
        set_address(args.book, args.repository)
    except ValueError as exc:
        print(f"lawgov: {exc}", file=sys.stderr)
        return 2
    print(f"lawgov: set in {CONFIG} and {CFF}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
