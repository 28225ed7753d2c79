"""What the book's notebooks call: glue for numbers in prose, one summary per page."""
from lawgov.book.glue import (  # noqa: F401
    PART_PAGES, figures_download, glue_figures, glue_text, in_section, original_text, source_note,
)
from lawgov.book.pages import glue_page, page_summary, start_page  # noqa: F401
from lawgov.book.links import chapter_download_list, download_list, html_table  # noqa: F401
