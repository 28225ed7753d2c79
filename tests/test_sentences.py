"""The body as sentences, and the parallel text: every sentence of the body once, translated."""

from __future__ import annotations

import re

import lawgov
from lawgov.dataset.headings import Heading
from lawgov.dataset.sentences import split_sentences


def test_sentences_tile_the_body_text():
    """Every non-space character of the body lies in exactly one sentence, in reading order."""
    body, sents = lawgov.body(), lawgov.sentences()
    covered = [0] * len(body)
    last_end = 0
    for s in sents.itertuples():
        assert body[s.start : s.end] == s.zh and s.start >= last_end
        last_end = s.end
        for i in range(s.start, s.end):
            covered[i] += 1
    assert all(covered[i] == 1 for i, ch in enumerate(body) if not ch.isspace() and ch not in "\u3000\xa0")
    assert set(covered) <= {0, 1}


def test_sentence_ids_are_unique_and_follow_the_outline():
    sents, outline = lawgov.sentences(), lawgov.outline()
    assert sents["id"].is_unique
    assert set(sents["section"]) <= set(outline["section"])
    for section, group in sents.groupby("section"):
        assert list(group["id"]) == [f"s-{section}-{n}" for n in range(1, len(group) + 1)]
    # every heading's marker opens the first sentence of its section
    for h in outline[outline["level"] > 0].itertuples():
        first = sents[sents["section"] == h.section].iloc[0]
        assert first["zh"].startswith(f"{h.marker}{h.heading_zh}")


def test_every_sentence_is_translated_once():
    sents = lawgov.sentences()
    assert sents["en"].notna().all() and (sents["en"].str.strip() != "").all()
    # Chinese may appear only as a cited title in 《》, never as untranslated text
    outside_titles = sents["en"].str.replace(r"《[^》]*》", "", regex=True)
    assert not outside_titles.str.contains(r"[\u4e00-\u9fff]").any()


def test_every_figure_is_in_exactly_one_sentence():
    sents, figs = lawgov.sentences(), lawgov.figures()
    listed = [f for fs in sents["figures"] for f in fs]
    assert sorted(listed) == sorted(figs["id"])
    by_id = sents.explode("figures").dropna(subset=["figures"]).set_index("figures")
    for f in figs.itertuples():
        assert f.quote in by_id.loc[f.id, "zh"]


def test_ascii_question_mark_is_mojibake_not_a_sentence_end():
    body = "甲。被确认为2012年?2013年示范点。\n二、乙\n"
    heads = [Heading("0", 0, "", "", 0, len(body))]
    texts = [s.text for s in split_sentences(body, heads)]
    assert texts == ["甲。", "被确认为2012年?2013年示范点。", "二、乙"]


def test_numbers_in_the_chinese_reappear_in_the_english():
    """A translation keeps every Arabic number (dates and year ranges may be reworded)."""
    allowed = {"10", "1", "12"}  # 10月1日 -> 1 October, 12月1日 -> 1 December, 截止10月底 -> end of October
    for s in lawgov.sentences().itertuples():
        zh = re.sub(r"\d{4}\??\d{0,4}年?度?", "", s.zh)  # years and the 2012?2013 ranges
        for n in re.findall(r"\d+(?:\.\d+)?", zh):
            assert n in s.en.replace(",", "") or n in allowed or (n == "3.7" and "370 million" in s.en), (s.id, n)
