"""The landing page for outsiders (book/intro.md): its findings and caveats, worked out here
from the data independently of lawgov.analysis.front; every finding links to its chapter."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov.analysis import front
from lawgov.analysis.wording import number_word
from lawgov.book.identity import BOOK_SUBTITLE
from test_typed_numbers import typed_numbers

ROOT = Path(__file__).resolve().parents[1]
INTRO = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
REPORT = "kunshan-2012"


@pytest.fixture(scope="module")
def s() -> dict[str, str]:
    return front.intro_summary(REPORT)


def key_figures() -> dict[str, str]:
    """The page's cards: figure id -> why it was chosen, as the cards cell of intro.md types them."""
    tree = ast.parse(re.search(r"\nKEY_FIGURES = \{.*?\n\}\n", INTRO, re.S).group())
    return ast.literal_eval(tree.body[0].value)


def findings_block() -> str:
    """The landing's findings: from their heading to the cards' heading."""
    return INTRO[INTRO.index("## What this book finds\n") : INTRO.index("## The year in numbers\n")]


def _section(title: str) -> str:
    start = INTRO.index(title)
    end = re.search(r"\n(\*\*[A-Z][^*]+\.\*\*|```|## )", INTRO[start + len(title) :])
    return INTRO[start : start + len(title) + (end.start() if end else len(INTRO))]


def test_the_findings_are_the_datas(s):
    figs = lawgov.figures(REPORT)
    audit = lawgov.audit(REPORT)
    verdicts = audit["verdict"].astype(str)
    compared = verdicts.isin(["exact", "consistent (rounded)", "consistent (truncated)", "inconsistent"]).sum()
    assert s["intro.n_relations"] == str(len(audit)) and s["intro.n_relations_compared"] == number_word(compared)
    assert s["intro.n_relations_derived"] == number_word(verdicts.isin(["bound holds", "implied"]).sum())
    assert s["intro.n_relations_uncheckable"] == number_word((verdicts == "not checkable").sum())
    end = pd.to_datetime(figs["period_end"])
    october = figs[(end.dt.month == 10) & (end.dt.day == 31) & figs["period_start"].isna()]  # no start stated
    assert s["intro.n_october"] == number_word(len(october))
    assert s["intro.october_share"] == f"{100 * len(october) / len(figs):.1f}%"
    assert s["intro.october_part"] == f"Part {october['part'].iloc[0]}"
    rates = figs[figs["kind"] == "rate"]["value"]
    assert s["intro.rates_near_full"] == number_word((rates >= 95).sum())
    assert s["intro.rates_full"] == number_word((rates == 100).sum())
    by_part = figs.groupby("part").size().sort_values(ascending=False)
    top = by_part.index[:2]
    assert s["intro.top_parts_figures"] == f"{100 * by_part.loc[top].sum() / len(figs):.1f}%"
    assert {s["intro.top_part_a"], s["intro.top_part_b"]} == {str(p) for p in top}


def test_the_words_the_findings_type_are_the_datas():
    """ "Only", "none contradicts it", "all in" one part, "Parts" (both numbered) and "Eight" cards are
    typed on the page: each is checked against the data here."""
    figs = lawgov.figures(REPORT)
    verdicts = lawgov.audit(REPORT)["verdict"].astype(str)
    compared = verdicts.isin(["exact", "consistent (rounded)", "consistent (truncated)", "inconsistent"])
    flat = re.sub(r"\s+", " ", INTRO)  # the page's lines wrap anywhere
    assert "**Only {glue:text}`intro.n_relations_compared` of {glue:text}`intro.n_relations` relations" in flat
    assert 2 * compared.sum() < len(verdicts), "'Only' says fewer than half of the relations can be compared"
    assert (
        "relations are real tests**: they set a computed number against one the report prints, and none contradicts it."
        in flat
    )
    assert not (verdicts == "inconsistent").any(), "the page says none contradicts it"
    assert "all in {glue:text}`intro.october_part`" in flat
    october = figs[figs["period_basis"].astype(str) == "to_date"]
    assert october["part"].nunique() == 1, "the page says the October figures are all in one part"
    assert "Parts {glue:text}`intro.top_part_a` and {glue:text}`intro.top_part_b` hold" in flat
    top = figs.groupby("part").size().sort_values(ascending=False, kind="stable").index[:2]
    assert all(1 <= p <= 5 for p in top), "'Parts' names two numbered parts (not the preamble or closing)"
    word = re.search(r"\n(\w+) of the report's figures, chosen", INTRO).group(1)
    assert word == number_word(len(key_figures())).capitalize()


def test_the_speed_up_readings_span(s):
    readings = lawgov.audit(REPORT).set_index("id").loc["approval_speedup_combined", "details"]
    base = 100.0
    a, b = (
        float(lawgov.figures(REPORT).set_index("id").loc[i, "value"]) / 100
        for i in ("approval_speedup_2011", "approval_speedup_2012")
    )
    indices = {
        "compound_reduction": base * (1 - a) * (1 - b),
        "additive": base * (1 - a - b),
        "compound_speed": base / ((1 + a) * (1 + b)),
    }
    assert {d["formula"] for d in readings} <= set(indices)
    assert (
        s["intro.reading_low"] == f"{min(indices.values()):.1f}"
        and s["intro.reading_high"] == f"{max(indices.values()):.1f}"
    )
    supported = [indices[d["formula"]] for d in readings if d["supported"]]
    assert s["intro.reading_supported"] == f"{supported[0]:.1f}"
    # the landing page names the additive reading as possible (both cut the statutory limit)
    assert s["intro.reading_added"] == f"{indices['additive']:.1f}"
    assert "{glue:text}`intro.reading_added`" in INTRO and "the text does not decide" in INTRO


def test_the_finding_links_name_their_part():
    """A link naming a part leads to that part's chapter, and names it as "Part N" or by its
    title in the outline, as the chapter heads it."""
    titles = lawgov.outline(REPORT).set_index("section")["title_en"]
    named = re.findall(r"\[Part (\d)([^\]]*)\]\((p\d)-[\w-]+\.md\)", findings_block())
    assert named
    for part, rest, chapter in named:
        assert chapter == f"p{part}", (part, chapter)
        assert rest in ("", f". {titles[part]}"), (part, rest)


def test_the_findings_and_the_cards_lead_the_page():
    """What the book found comes first, then the figures as cards; the caveats, the report's
    background and the method after them."""
    order = [
        "## What this book finds\n",
        "## The year in numbers\n",
        "Before you quote a number",
        "## The report and why it matters\n",
        "## What this book adds\n",
    ]
    at = [INTRO.index(heading) for heading in order]
    assert at == sorted(at), order
    before = INTRO[INTRO.index("\n# ") : at[0]]
    assert "\n## " not in before and "**What it is.**" not in before


def test_each_finding_links_to_its_chapter():
    findings = [b for b in re.split(r"\n- ", findings_block())[1:]]
    assert 4 <= len(findings) <= 6, f"{len(findings)} findings"
    pages = {p.stem for p in (ROOT / "book").glob("*.md")}
    for f in findings:
        links = re.findall(r"\]\(([\w-]+)\.md\)", f)
        assert links and all(link in pages for link in links), f"finding without a chapter link: {f[:80]}"
        assert "{glue:" in f, f"a finding with no number from the data: {f[:80]}"


def test_the_caveats_come_before_the_detail():
    caveats = INTRO.index("Before you quote a number")
    assert caveats < INTRO.index("## The report")
    block = INTRO[caveats : INTRO.index("## The report")]
    for topic in ("October", "count they are a share of", "`?`", "its own work"):
        assert topic in block, topic


def test_the_subtitle_is_the_books():
    assert f"\n*{BOOK_SUBTITLE}*\n" in INTRO


def test_the_year_in_numbers_says_why_each_without_typing_numbers():
    figs = set(lawgov.figures(REPORT)["id"])
    assert set(key_figures()) <= figs and 6 <= len(key_figures()) <= 12
    for fid, why in key_figures().items():
        assert why.strip() and not typed_numbers(why), (fid, typed_numbers(why))


def test_sources_are_cited_and_listed():
    keys = set(re.findall(r"@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8")))
    cited = {k.strip() for group in re.findall(r"\{cite:p\}`([^`]+)`", INTRO) for k in group.split(",")}
    assert cited and cited <= keys, cited - keys
    assert "```{bibliography}\n:filter: docname in docnames\n```" in INTRO


def test_the_landing_and_the_audit_say_the_same_of_the_checks():
    """The same checks in the same words on both pages: real tests, derivations (a bound that
    holds among them) that are not evidence, and relations from which nothing follows."""
    same = {
        "intro.n_relations_compared": "compared",
        "audit.compared": "compared",
        "intro.n_relations": "relations",
        "audit.relations": "relations",
        "intro.n_relations_derived": "derived",
        "audit.derived": "derived",
        "intro.n_relations_uncheckable": "none",
        "audit.n_uncheckable": "none",
    }

    def said(text: str) -> str:
        flat = re.sub(r"\s+", " ", text).replace("**", "")
        return re.sub(r"\{glue:text\}`([\w.]+)`", lambda m: "{" + same.get(m.group(1), m.group(1)) + "}", flat)

    sentences = [
        "Only {compared} of {relations} relations are real tests: they set a computed number against one the "
        "report prints, and none contradicts it. From {derived} more something follows that the report does not "
        "print (a bound that holds, an interval of counts, a ratio): these are derivations, not evidence that "
        "the report is consistent.",
        "From {none} nothing at all follows",
    ]
    audit = (Path(__file__).resolve().parents[1] / "book" / "audit.md").read_text(encoding="utf-8")
    for page, text in (("intro.md", INTRO), ("audit.md", audit)):
        assert all(s in said(text) for s in sentences), page
        assert "weak test" not in said(text), page
