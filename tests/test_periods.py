"""How each figure's period is known: ``period_basis`` and ``period_words`` against the text.

The classification in data/figures was made by reading each figure's sentence. These tests
read the source capture themselves (its own file, its own sentence split, their own list of
time words), so a figure filed under the wrong basis, or a time word missed, fails here
rather than passing because the data agrees with itself.
"""

from __future__ import annotations

import pydoc
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import lawgov
from conftest import REAL_DATA
from lawgov.analysis import display

BOOK = Path(__file__).resolve().parents[1] / "book"

# The time expressions that can state a figure's period, and the basis each gives.
# 今年以来 before 今年: the longer expression is the one printed.
# A head word stands at the head of its clause and governs the clauses after it, until another
# takes over (全年,… 今年以来,… 截止10月底,… 十八大期间,…).
HEAD_WORDS = re.compile(r"全年|今年以来|年初以来|今年|截[止至]\d{1,2}月底|十八大期间")
# A word inside a phrase dates only its own clause: 在去年整体提速14.4%的基础上 dates the 14.4%,
# not the 再提速19.62% after the comma; 连续3年 and a designation's years 2012?2013年度 likewise.
CLAUSE_WORDS = re.compile(r"去年|连续\d+年|\d{4}.\d{4}年度")
CLAUSE_BREAK = re.compile(r"[,，;；]")
# Dates of a single event (从10月1日起) are among neither: they date when something began,
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
    if words == "十八大期间" or re.fullmatch(r"连续\d+年", words):
        return "reading"  # no dates in the text: the congress's sitting, the N years to the report's
    return "other"


def _sentence(raw: str, at: int, quote: str) -> tuple[str, int]:
    """The sentence of the capture holding ``quote`` at ``at``, and where the quote starts in it."""
    start = max(raw.rfind(c, 0, at) for c in "。！？\n") + 1
    ends = [i for c in "。！？\n" if (i := raw.find(c, at + len(quote))) >= 0]
    return raw[start : min(ends)], at - start


def _governing_word(sentence: str, q_start: int, q_end: int) -> str:
    """The time word governing the quote at ``sentence[q_start:q_end]``: the last head word that
    starts before the quote ends, or a clause word in the quote's own clause before its end,
    whichever is later; else the first time word after the quote within its own clause."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    clause_start = max([b + 1 for b in breaks if b < q_start], default=0)
    clause_end = min([b for b in breaks if b >= q_end], default=len(sentence))
    heads = [(m.start(), m.group(0)) for m in HEAD_WORDS.finditer(sentence) if m.start() < q_end]
    own = [(m.start(), m.group(0)) for m in CLAUSE_WORDS.finditer(sentence, clause_start, q_end)]
    before = sorted(heads + own)
    if before:
        return before[-1][1]
    after = sorted(
        [(m.start(), m.group(0)) for w in (HEAD_WORDS, CLAUSE_WORDS) for m in w.finditer(sentence, q_end, clause_end)]
    )
    return after[0][1] if after else ""


def _source_reading() -> dict[str, tuple[str, str]]:
    """{figure id: (basis, words)} from the capture: the time word governing each quote in its sentence."""
    report = yaml.safe_load((REAL_DATA / "reports.yaml").read_text(encoding="utf-8"))[0]
    raw = (REAL_DATA / report["source"]).read_text(encoding="utf-8")
    body = lawgov.body()
    base = raw.index(body)
    out = {}
    for fig in lawgov.figures().itertuples():
        at = base + fig.offset
        assert raw[at : at + len(fig.quote)] == fig.quote
        sentence, q = _sentence(raw, at, fig.quote)
        words = _governing_word(sentence, q, q + len(fig.quote))
        out[fig.id] = (_basis(words), words)
    return out


def test_the_classifier_dates_only_what_a_word_governs() -> None:
    """The reader above on the sentences the specialist named: 去年 dates its own clause only."""
    s = "审批效率在去年整体提速14.4%的基础上,再提速19.62%,网上审批率达49.25%"
    for quote, words in (("14.4%", "去年"), ("再提速19.62%", ""), ("网上审批率达49.25%", "")):
        q = s.index(quote)
        assert _governing_word(s, q, q + len(quote)) == words, quote
    s = "全年共受理案件10件,去年同期为8件,结案9件"
    for quote, words in (("10件", "全年"), ("8件", "去年"), ("结案9件", "全年")):  # 全年 takes over again
        q = s.index(quote)
        assert _governing_word(s, q, q + len(quote)) == words, quote
    s = "评选出4大类22家单位为2012?2013年度昆山市依法行政示范单位"
    q = s.index("22家单位")
    assert _governing_word(s, q, q + len("22家单位")) == "2012?2013年度"


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


def test_consecutive_years_are_marked_as_a_reading(figures) -> None:
    """连续3年 names no years: 2010-2012 is the book's reading, marked in the data and on the page."""
    court = figures[figures["period_words"] == "连续3年"]
    assert len(court) == 2
    assert (court["period_basis"] == "reading").all() and court["note_en"].str.contains("reading").all()
    assert (court["period"] == "2010-01-01/2012-12-31").all()
    assert {display.period_stated_en(r) for _, r in court.iterrows()} == {"2010–2012 (read from 连续3年)"}


def test_help_documents_the_period_columns() -> None:
    text = pydoc.render_doc(lawgov.figures, renderer=pydoc.plaintext)
    assert "period_basis : category (whole_year, year_to_date, to_date, other, reading, not_stated)" in text
    assert "period_words : string" in text
    flat = " ".join(text.split())
    assert "the report's year as an assumption" in flat  # what `period` is where no period is stated
    assert "compiled before 31 December" in flat


# ---- what each basis lets the ISO period say (the specialist's problems 2-4, 6, 7) --------------


def _period_from_words(basis: str, words: str, year: int) -> str | None:
    """The ISO period the words state, read here on its own: an end the words do not give is empty."""
    if basis in ("whole_year", "not_stated"):
        return f"{year}-01-01/{year}-12-31"
    if basis == "year_to_date":
        return f"{year}-01-01/"
    if basis == "to_date":
        month = int(re.search(r"\d+", words).group(0))
        return f"/{(pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)).date()}"
    if words == "去年":
        return f"{year - 1}-01-01/{year - 1}-12-31"
    if m := re.fullmatch(r"连续(\d+)年", words):
        return f"{year - int(m.group(1)) + 1}-01-01/{year}-12-31"
    if m := re.fullmatch(r"(\d{4}).(\d{4})年度", words):
        return f"{m.group(1)}-01-01/{m.group(2)}-12-31"
    if words == "十八大期间":
        return None  # read from the congress's dates, not from the words
    raise AssertionError(f"no rule here for {basis} {words!r}")


def test_every_period_is_what_its_words_state(figures) -> None:
    reading = _source_reading()
    year = int(lawgov.reports().iloc[0]["year"])
    wrong = {
        r.id: (r.period, want)
        for r in figures.itertuples()
        if (want := _period_from_words(*reading[r.id], year)) is not None and r.period != want
    }
    assert not wrong, f"(recorded, stated by the words) {wrong}"


def test_a_designation_for_two_years_spans_both(figures) -> None:
    # every figure whose sentence gives a designation's years (2012?2013年度) covers those two years
    two = [r for r in figures.itertuples() if re.search(r"\d{4}.\d{4}年度", r.period_words)]
    assert len(two) >= 2  # the model units and their categories, §1.2.1
    for r in two:
        first, last = re.findall(r"\d{4}", r.period_words)
        assert (r.period_start.year, r.period_end.year) == (int(first), int(last)), r.id
        assert r.period_end.year > r.period_start.year


def test_a_count_to_date_states_no_end_and_one_to_october_no_start(figures) -> None:
    ytd = figures[figures["period_basis"] == "year_to_date"]
    assert len(ytd) and ytd["period"].str.endswith("/").all() and ytd["period_end"].isna().all()
    assert (ytd["period_start"].dt.strftime("%m-%d") == "01-01").all()
    october = figures[figures["period_basis"] == "to_date"]
    assert len(october) and october["period"].str.startswith("/").all() and october["period_start"].isna().all()
    # no other figure leaves an end open, and no figure whose sentence says 今年 / 截止 ends on 31 December
    assert (
        figures.loc[~figures["period_basis"].isin(["year_to_date", "to_date"]), ["period_start", "period_end"]]
        .notna()
        .all()
        .all()
    )
    for r in pd.concat([ytd, october]).itertuples():
        assert not r.period.endswith("-12-31"), r.id


def test_no_figure_is_called_a_full_year_unless_its_sentence_says_quannian(figures) -> None:
    reading = _source_reading()
    for r in figures.itertuples():
        assert bool(r.full_year) == (reading[r.id][1] == "全年"), r.id
    # no column of the frame, no label of a period basis, no page calls anything else a full year
    text_columns = figures.select_dtypes(exclude=["number", "datetime", "bool", "boolean"])
    cells = {str(v).lower() for c in text_columns for v in figures[c].dropna() if not isinstance(v, list)}
    assert not {c for c in cells if "full year" in c or "full-year" in c}
    assert "period_class" not in figures.columns
    from lawgov.analysis import vocabulary

    for labels in (vocabulary.PERIOD_BASIS_LABELS, vocabulary.PERIOD_BASIS_SHORT):
        assert not [v for v in labels.values() if re.search(r"full[- ]year|calendar", v, re.I)]
    for page in sorted(BOOK.glob("*.md")):
        if page.name in ("CONVENTIONS.md", "changelog.md"):
            continue
        found = re.findall(
            r".{0,40}\b(?:full[- ]year|calendar 2012|calendar year 2012)\b.{0,40}",
            page.read_text(encoding="utf-8"),
            re.I,
        )
        assert not found, f"{page.name}: {found}"


def test_the_periods_chart_draws_no_end_the_text_does_not_state(figures) -> None:
    """Fig. 28 (fig-source-periods): a count to the end of October has no mark at 1 January, and
    a count 'this year' none at 31 December; each is drawn at the one end the text states."""
    from lawgov import charts

    spec = charts.timeline(figures).to_dict()
    (rows,) = spec["datasets"].values()
    fields = set()
    for layer in spec["layer"]:
        for channel in ("x", "x2"):
            enc = layer.get("encoding", {}).get(channel)
            if isinstance(enc, dict) and "field" in enc:
                fields.add(enc["field"])
            elif isinstance(enc, str):
                fields.add(enc.split(":")[0])
    assert fields
    drawn = {}
    for row in rows:
        dates = {pd.Timestamp(row[f]).strftime("%m-%d") for f in fields if row.get(f)}
        drawn[row["period_basis"]] = drawn.get(row["period_basis"], set()) | dates
    assert drawn["to_date"] == {"11-01"}  # the end of 31 October, and nothing else: no January start
    assert drawn["year_to_date"] == {"01-01"}  # the start of the year, and no end
    assert "01-01" in drawn["whole_year"]  # a bar with both ends, for contrast
    assert "to 31 Oct 2012, start not stated" in spec["description"]


def test_pages_that_discuss_periods_say_the_counts_were_compiled_before_the_year_ended() -> None:
    caveat = re.compile(r"compiled\s+before\s+(?:the\s+year\s+ended|its\s+year\s+ended|31\s+December)")
    for name in ("numbers.md", "data.md", "methods.md", "source.md", "audit.md", "p6-closing.md", "intro.md"):
        assert caveat.search(" ".join((BOOK / name).read_text(encoding="utf-8").split())), name
