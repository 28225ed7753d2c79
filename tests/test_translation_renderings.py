"""One English title per heading and one rendering per term, in the parallel text too.

The translation's heading sentences carry the outline's titles (the ones the part chapters
print), numbered as the report numbers them; and where a sentence holds a glossary term, its
English does not use a rendering the glossary lists only as an alternative (``also_en``).
"""
from __future__ import annotations

import re

import pytest

import lawgov

_CHINESE_DIGITS = "一二三四五六七八九"
_ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]


def heading_sentence_en(level: int, marker: str, title_en: str) -> str:
    """How the translation writes a heading: 一、 -> '1. T', (一) -> '(1) T.', 一是 -> 'First, t.'"""
    if level == 0:
        return f"{_CHINESE_DIGITS.index(marker[0]) + 1}. {title_en}"
    if level == 1:
        return f"({_CHINESE_DIGITS.index(marker[1]) + 1}) {title_en}."
    return f"{_ORDINALS[_CHINESE_DIGITS.index(marker[0])]}, {title_en[0].lower()}{title_en[1:]}."


@pytest.fixture(scope="module")
def sentences():
    return lawgov.sentences("kunshan-2012")


def test_heading_sentences_are_translated_with_the_outline_titles(sentences):
    outline = lawgov.outline("kunshan-2012")
    first = sentences.groupby("section").first()
    headed = outline[outline["heading_zh"].fillna("") != ""]
    assert len(headed) > 0
    wrong = {h.section: (first.loc[h.section, "en"], heading_sentence_en(h.level, h.marker, h.title_en))
             for h in headed.itertuples()
             if first.loc[h.section, "en"] != heading_sentence_en(h.level, h.marker, h.title_en)}
    assert not wrong, wrong


def alternative_renderings_used(sentences, glossary) -> list[tuple[str, str, str]]:
    """(sentence id, term, alternative) wherever a sentence with the term uses an also_en rendering."""
    found = []
    for term in glossary.itertuples():
        alts = [a for a in term.also_en if a.lower() not in term.en.lower()]
        for s in sentences[sentences["zh"].str.contains(term.zh, regex=False)].itertuples():
            en = s.en.lower()
            found += [(s.id, term.zh, a) for a in alts if re.search(rf"\b{re.escape(a.lower())}\b", en)]
    return found


def test_translation_uses_the_glossary_renderings(sentences):
    assert alternative_renderings_used(sentences, lawgov.glossary()) == []


def test_an_alternative_rendering_is_caught(sentences):
    """The check above can fail: put an also_en rendering back into one sentence."""
    glossary = lawgov.glossary()
    coercion = glossary.set_index("zh").loc["行政强制法"]
    bad = sentences.copy()
    row = bad["zh"].str.contains("行政强制法", regex=False).idxmax()
    bad.loc[row, "en"] = bad.loc[row, "en"].replace(coercion["en"], coercion["also_en"][0])
    assert alternative_renderings_used(bad, glossary) == [(bad.loc[row, "id"], "行政强制法", coercion["also_en"][0])]


def test_grass_roots_is_written_as_the_book_writes_it(sentences):
    assert not sentences["en"].str.contains("grass-roots", case=False).any()


# Words of the report that are not glossary terms but that a reader compares across sentences:
# each has one rendering, and the renderings a reader once met are not used again.
ONE_RENDERING = {
    "规范": ("standardis", ["regular", "regularis"]),
    "审理": ("review", [r"hear\b", "heard", "hearing of"]),   # 听证 alone is "hearing"
    "区镇": ("zone", ["district"]),
    "专项整治": ("rectification", ["clean-up"]),
    "三小车": ("three kinds of small vehicles", ["three small vehicles", "three-wheeled"]),
    "三社联动": ("linkage of communities, social organisations and social workers", ["three-way", "three social actors"]),
    "中环": ("Middle Ring Road", []),
    "不断": (None, ["steadily", "continuously"]),
    "法制意识": ("legal awareness", ["awareness of the legal system"]),
    "审议": ("deliberat", ["examined"]),
    "确保件件合法": ("to ensure", ["was lawful"]),
}


def renderings_broken(sentences) -> list[tuple[str, str, str]]:
    """(sentence id, word, what is wrong) wherever a sentence with the word misses its rendering
    or uses one it replaced. 审理 in a court's sense (诉讼案件审理) is a trial, not a review."""
    found = []
    for zh, (en, rejected) in ONE_RENDERING.items():
        for s in sentences[sentences["zh"].str.contains(zh, regex=False)].itertuples():
            if zh == "审理" and "诉讼案件审理" in s.zh:
                continue
            if zh == "规范" and "规范" not in s.zh.replace("规范性文件", ""):
                continue  # 规范性文件 is the glossary's "normative documents"
            text = s.en.lower()
            if en and en.lower() not in text:
                found.append((s.id, zh, f"no '{en}'"))
            found += [(s.id, zh, r) for r in rejected if re.search(rf"\b{r.lower()}", text)]
    return found


def test_each_word_has_one_rendering(sentences):
    assert renderings_broken(sentences) == []


def test_a_replaced_rendering_is_caught(sentences):
    bad = sentences.copy()
    row = bad["zh"].str.contains("区镇", regex=False).idxmax()
    bad.loc[row, "en"] = bad.loc[row, "en"].replace("zones and towns", "districts and towns")
    assert (bad.loc[row, "id"], "区镇", "district") in renderings_broken(bad)
