"""Parametrise browser tests by page; the fixtures themselves live in harness.py."""

from __future__ import annotations

from .harness import book_pages


def pytest_generate_tests(metafunc):
    if "book_page" in metafunc.fixturenames:
        pages = book_pages()
        metafunc.parametrize("book_page", pages, ids=[p.docname for p in pages])
