"""The house style of every table, and the escaped cells tables share."""
from __future__ import annotations

import html

import great_tables as gt


def style(table: gt.GT) -> gt.GT:
    return (
        table.opt_table_font(font=["Source Sans 3", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"])
        .tab_options(
            table_font_size="14px",
            data_row_padding="5px",
            column_labels_font_weight="bold",
            table_width="100%",
            heading_align="left",
        )
        .opt_vertical_padding(scale=0.8)
    )


def two_lines(en: str, zh: str, href: str | None = None) -> str:
    first = html.escape(en)
    if href:
        first = f'<a class="fig-link" href="{html.escape(href)}">{first}</a>'
    return f'{first}<br><span lang="zh" class="zh">{html.escape(zh)}</span>'


def quote(text: str) -> str:
    return f'<span lang="zh" class="quote">「{html.escape(text)}」</span>'
