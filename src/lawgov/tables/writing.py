"""Tables of the report as text: the words each part uses (a table, where a chart of small
multiples said less for its space)."""

from __future__ import annotations

import html

import great_tables as gt
import pandas as pd

from lawgov.tables.style import style


def words_table(top: pd.DataFrame) -> gt.GT:
    """For each part, its most frequent content words in order, each with its glossary English
    (where the glossary has the word) and its count."""
    cells = []
    for _, g in top.sort_values(["part", "rank"]).groupby("part", sort=True):
        words = []
        for w in g.to_dict("records"):
            en = w.get("en")
            gloss = f" {html.escape(str(en))}" if isinstance(en, str) and en else ""
            # a Chinese word never breaks across lines, nor leaves its count or the dot after it
            word = f'<span lang="zh" style="white-space:nowrap">{html.escape(w["word"])}</span>'
            words.append(f"{word}{gloss}&nbsp;({int(w['count'])})")
        cells.append({"part": html.escape(str(g["part_label"].iloc[0])), "words": "&nbsp;· ".join(words)})
    table = (
        gt.GT(pd.DataFrame(cells))
        .fmt(lambda x: x, columns=["part", "words"])
        .cols_label(part="Part", words="Most frequent content words (occurrences)")
        .cols_width({"part": "16%", "words": "84%"})
        .tab_header(title="The most frequent content words of each part")
        .tab_source_note(
            "Words of two or more Chinese characters, stop words removed, segmented with jieba and the "
            "report's dictionary; in English where the glossary has the word. Source: report §0–§6."
        )
    )
    return style(table)
