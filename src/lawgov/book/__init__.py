"""What the book's notebooks call: glue for numbers in prose, one summary per page, the
citations the book suggests and the links to its downloads (the data package's tables too).

Names are imported on first use, so ``lawgov.book.paths`` (which the build reads) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the module of lawgov.book that defines it
_NAMES = {
    **dict.fromkeys(
        ["PART_PAGES", "figures_download", "glue_figures", "glue_text", "in_section", "original_text", "source_note"],
        "glue",
    ),
    **dict.fromkeys(["glue_page", "page_summary", "start_page"], "pages"),
    "parallel_text": "parallel",
    **dict.fromkeys(["PartPage", "part_page"], "chapter"),
    **dict.fromkeys(["cite_book", "cite_dataset", "cite_figure", "cite_sentence"], "citation"),
    **dict.fromkeys(
        [
            "chapter_downloads",
            "downloads",
            "fields_table",
            "resources_table",
            "chapter_download_list",
            "download_list",
            "html_table",
        ],
        "links",
    ),
    "version": "identity",
}
__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module 'lawgov.book' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"lawgov.book.{_NAMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
