"""How each figure's period is known: ``period_basis`` and ``period_words`` against the text.

The classification in data/figures was made by reading each figure's sentence. These tests
read the source capture themselves (its own file, its own sentence split, their own list of
time words), so a figure filed under the wrong basis, or a time word missed, fails here
rather than passing because the data agrees with itself.
"""

from __future__ import annotations

import pydoc
import re

import pytest
import yaml

import lawgov
from conftest import REAL_DATA

# The time expressions that can state a figure's period, and the basis each gives.
# 今年以来 before 今年: the longer expression is the one printed.
TIME_WORDS = re.compile(r"全年|今年以来|年初以来|今年|截[止至]\d{1,2}月底|去年|连续\d+年|\d{4}.\d{4}年度|十八大期间")
# Dates of a single event (从10月1日起) are not among them: they date when something began,
# not the span a count covers.


def _basis(words: str) -> str:
    if not words:
        return "not_stated"
    if words == "全年":
        return "whole_year"
    if words in ("今年", "今年以来", "年初以来"):
        return "year_to_date"
    if words.startswith(("截止", "截至")):
        return "to_date"
    if words == "十八大期间":
        return "reading"
    return "other"


def _source_reading() -> dict[str, tuple[str, str]]:
    """{figure id: (basis, words)} from the capture: the time word governing each quote in its sentence.

    The governing word is the last one that starts before the quote ends (a head word such as
    全年 carries over the clauses after it, until another takes over), else the first after the
    quote within the quote's own clause.
    """
    report = yaml.safe_load((REAL_DATA / "reports.yaml").read_text(encoding="utf-8"))[0]
    raw = (REAL_DATA / report["source"]).read_text(encoding="utf-8")
    body = lawgov.body()
    base = raw.index(body)
    out = {}
    for fig in lawgov.figures().itertuples():
        at = base + fig.offset
        assert raw[at : at + len(fig.quote)] == fig.quote
        start = max(raw.rfind(c, 0, at) for c in "。！？\n") + 1
        ends = [i for c in "。！？\n" if (i := raw.find(c, at + len(fig.quote))) >= 0]
        sentence = raw[start : min(ends)]
        quote_end = at - start + len(fig.quote)
        before = [m.group(0) for m in TIME_WORDS.finditer(sentence) if m.start() < quote_end]
        clause = re.split(r"[,，;；]", sentence[quote_end:], maxsplit=1)[0]
        after = TIME_WORDS.search(clause)
        words = before[-1] if before else (after.group(0) if after else "")
        out[fig.id] = (_basis(words), words)
    return out


@pytest.fixture(scope="module")
def figures():
    return lawgov.figures()


def test_every_figure_has_the_basis_its_sentence_gives(figures) -> None:
    reading = _source_reading()
    recorded = {r.id: (r.period_basis, r.period_words) for r in figures.itertuples()}
    wrong = {fid: (recorded[fid], reading[fid]) for fid in recorded if recorded[fid] != reading[fid]}
    assert not wrong, f"recorded (basis, words) vs the source's: {wrong}"


def test_counts_by_basis_match_the_time_words_of_the_text(figures) -> None:
    from collections import Counter

    counts = {basis: n for basis, n in figures["period_basis"].value_counts().items() if n}
    assert counts == Counter(basis for basis, _ in _source_reading().values())
    # The third specialist reading counted these three from the text on its own:
    # 17 figures in a 全年 sentence, 8 with 今年 / 今年以来 / 年初以来, 6 stopping at 截止10月底.
    assert (counts["whole_year"], counts["year_to_date"], counts["to_date"]) == (17, 8, 6)
    assert sum(counts.values()) == len(figures) == 70


def test_only_whole_year_figures_are_stated_for_the_whole_year(figures) -> None:
    whole = figures["period_basis"] == "whole_year"
    # full_year is the text's 全年, never the report year assumed or "this year" (今年)
    assert (figures["full_year"] == whole).all()
    assert (figures.loc[figures["period_basis"] == "not_stated", "period_words"] == "").all()
    assert (figures.loc[figures["period_basis"] != "not_stated", "period_words"] != "").all()
    for row in figures.loc[figures["period_basis"] == "to_date"].itertuples():
        assert row.period_words == "截止10月底" and row.period_end.strftime("%m-%d") == "10-31"


def test_the_congress_rota_is_marked_as_a_reading(figures) -> None:
    rota = figures.set_index("id").loc["leaders_receiving_per_day"]
    assert rota["period_basis"] == "reading" and rota["period_words"] == "十八大期间"
    assert rota["note_en"]


def test_help_documents_the_period_columns() -> None:
    text = pydoc.render_doc(lawgov.figures, renderer=pydoc.plaintext)
    assert "period_basis : category (whole_year, year_to_date, to_date, other, reading, not_stated)" in text
    assert "period_words : string" in text
    flat = " ".join(text.split())
    assert "the report's year as an assumption" in flat  # what `period` is where no period is stated
    assert "compiled before 31 December" in flat
