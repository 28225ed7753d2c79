"""One English title per heading and one rendering per term, in the parallel text too.

The translation's heading sentences carry the outline's titles (the ones the part chapters
print), numbered as the report numbers them; and where a sentence holds a glossary term, its
English does not use a rendering the glossary lists only as an alternative (``also_en``).
"""

from __future__ import annotations

import re
from pathlib import Path

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
    wrong = {
        h.section: (first.loc[h.section, "en"], heading_sentence_en(h.level, h.marker, h.title_en))
        for h in headed.itertuples()
        if first.loc[h.section, "en"] != heading_sentence_en(h.level, h.marker, h.title_en)
    }
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


# The five words the English once all rendered "review". Each keeps one rendering; none may use
# "review" but 审查 (合法性审查 "legality review"), nor another's rendering.
_REVIEW_RENDERINGS = {
    "审理": "adjudicat",  # of reconsideration cases; a court's 审理 is a trial (see renderings_broken)
    "审查": "review",
    "评查": "evaluat",  # 案卷评查, case-file evaluation
    "论证": "expert apprais",  # 专家论证, expert appraisal
    "评审": "judging panel",  # 评审现场打分, the judging panel scored on the spot
}
REVIEW_WORDS = {
    zh: (
        en,
        [r"hear\b", "heard", "hearing of"] * (zh == "审理") + [o for z, o in _REVIEW_RENDERINGS.items() if z != zh],
    )
    for zh, en in _REVIEW_RENDERINGS.items()
}


def test_the_five_review_words_have_distinct_renderings():
    """One English word for two of them fails: no rendering holds another's."""
    shared = [
        (a, b) for a, ea in _REVIEW_RENDERINGS.items() for b, eb in _REVIEW_RENDERINGS.items() if a != b and eb in ea
    ]
    assert shared == []


def test_review_for_another_of_the_five_is_caught(sentences):
    bad = sentences.copy()
    row = bad["zh"].str.contains("案卷评查", regex=False).idxmax()
    bad.loc[row, "en"] = bad.loc[row, "en"].replace("case-file evaluation", "case-file review")
    assert (bad.loc[row, "id"], "评查", "no 'evaluat'") in renderings_broken(bad)
    assert (bad.loc[row, "id"], "评查", "review") in renderings_broken(bad)


# Words of the report that are not glossary terms but that a reader compares across sentences:
# each has one rendering, and the renderings a reader once met are not used again.
ONE_RENDERING = {
    "规范": ("standardis", ["regular", "regularis", r"regulat(?:e|es|ed|ing)\b"]),
    # five words once all "review": each its own word, and "review" is 审查's alone (听证 is "hearing")
    **REVIEW_WORDS,
    "区镇": ("zone", ["(?<!sub-)district"]),  # 街道 is a sub-district
    "专项整治": ("rectification", ["clean-up"]),
    "三小车": ("three kinds of small vehicles", ["three small vehicles", "three-wheeled"]),
    "三社联动": (
        "linkage of communities, social organisations and social workers",
        ["three-way", "three social actors"],
    ),
    "中环": ("Middle Ring Road", []),
    "不断": (None, ["steadily", "continuously"]),
    "法制意识": ("legal awareness", ["awareness of the legal system"]),
    "审议": ("deliberat", ["examined"]),
    "确保件件合法": ("to ensure", ["was lawful"]),
    "实事工程": ("projects of practical benefit to the public", ["practical projects"]),
    "公众评价": ("public evaluation", ["public assessment"]),
    "考评": ("assessment", ["evaluation standard"]),
    "考核": ("assess", ["apprais"]),
    "办结率": ("completion rate", ["concluded"]),
    "见面率": ("face-to-face meeting rate", []),
    "监督检查权": ("powers of oversight and inspection", ["supervisory inspection", "supervision and inspection"]),
    "社会监督": ("oversight by the public", ["social oversight"]),
    "出租房群租": ("group renting of rental housing", ["flats", "rented housing"]),
    "宣传载体": ("vehicles", ["channels for legal publicity"]),
    "凡办必考": ("sit an examination", ["must pass"]),
    # stated neither as an aim nor as a completed result, as the report states it
    "通过改革": ("through the reform, administrative tiers are reduced", ["meant to", "were reduced"]),
    # people: 领导干部 leading cadres; 行政机关 administrative organs, and their heads (负责人
    # covers deputies: never "the head", never "agency leaders" or "leading officials")
    "领导干部": ("leading cadre", ["leading official", "senior official"]),
    "行政机关": ("administrative organ", ["administrative bod", "administrative agenc"]),
    "行政机关负责人": (
        "heads of administrative organs",
        ["agency head", "agency leader", "leading officials? of the", r"the head of the defendant agency"],
    ),
    # three words a reader must tell apart: 监督 oversight (overseeing), 监察 supervision (行政监察,
    # administrative supervision), 督促检查 / 督查 / 督办 follow-up inspection (inspection)
    "监督": ("oversight", ["supervis"]),
    "监察": ("supervision", ["oversight", "oversee"]),
    "督促检查": ("follow-up inspection", ["supervis"]),
    "督查": ("inspection", ["supervis"]),
    "督办": ("follow up", ["supervis"]),
    "确保政府信息": ("to ensure", ["ensuring that"]),
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
    assert (bad.loc[row, "id"], "区镇", "(?<!sub-)district") in renderings_broken(bad)


# The same words where a reader meets them outside the parallel text: the figures' labels and
# descriptions and the crosswalk's reasons, for a figure or a reason whose sentence holds the
# word. Only the replaced renderings are looked for (a label need not repeat the whole term).


def _sentence_of_section(sentences):
    return sentences.groupby("section")["zh"].apply("".join)


def replaced_renderings(zh: str, en: str) -> list[tuple[str, str]]:
    """(word, replaced rendering) for every word of ``zh`` whose replaced rendering ``en`` uses.
    A rendering that is the right one of another word of ``zh`` proves nothing (a section with
    监督 and 监察 rightly says "supervision" for the second), so it is not counted there."""
    present = [w for w in ONE_RENDERING if w in zh]
    own = [ONE_RENDERING[w][0] for w in present if ONE_RENDERING[w][0]]
    return [
        (word, r)
        for word in present
        for r in ONE_RENDERING[word][1]
        if re.search(rf"\b{r.lower()}", en.lower())
        and not any(o != ONE_RENDERING[word][0] and re.search(rf"\b{r.lower()}", o.lower()) for o in own)
    ]


def label_renderings_broken(sentences, figures, crosswalk) -> list[tuple[str, str, str]]:
    """(figure id or crosswalk section, word, replaced rendering) wherever a label, description
    or reason about a section holding the word uses a rendering the translation replaced."""
    text_of = _sentence_of_section(sentences)
    area_zh = dict(zip(lawgov.frameworks()["code"], lawgov.frameworks()["title_zh"]))
    rows = [(f.id, f.section, "", f"{f.indicator_en} {f.description_en}") for f in figures.itertuples()]
    # a reason speaks of its section and of the framework area it maps to: both are its Chinese
    rows += [
        (f"crosswalk {c.section}", c.section, area_zh.get(c.area, ""), c.reason_en)
        for c in crosswalk.itertuples()
        if isinstance(c.reason_en, str)
    ]
    found = []
    for key, section, also_zh, en in rows:
        zh = also_zh + "".join(v for s, v in text_of.items() if s == section or s.startswith(f"{section}."))
        found += [(key, word, r) for word, r in replaced_renderings(zh, en)]
    return found


def test_labels_and_reasons_use_the_translation_renderings(sentences):
    broken = label_renderings_broken(sentences, lawgov.figures("kunshan-2012"), lawgov.crosswalk("kunshan-2012"))
    assert broken == []


def test_a_label_with_a_replaced_rendering_is_caught(sentences):
    figures = lawgov.figures("kunshan-2012").copy()
    row = figures.index[figures["id"] == "penalty_powers_devolved"][0]
    figures.loc[row, "description_en"] = "powers of supervisory inspection"
    assert ("penalty_powers_devolved", "监督检查权", "supervisory inspection") in label_renderings_broken(
        sentences, figures, lawgov.crosswalk("kunshan-2012").iloc[:0]
    )


def test_oversight_supervision_and_inspection_are_told_apart(sentences):
    """One English word no longer satisfies three Chinese ones: "supervision" for 监督, or
    "oversight" for 监察, is caught."""
    bad = sentences.copy()
    over = bad.index[bad["zh"].str.contains("强化行政监督", regex=False)][0]
    sup = bad.index[bad["zh"].str.contains("强化电子监察", regex=False)][0]
    bad.loc[over, "en"] = bad.loc[over, "en"].replace("oversight", "supervision")
    bad.loc[sup, "en"] = bad.loc[sup, "en"].replace("supervision", "oversight")
    broken = renderings_broken(bad)
    assert (bad.loc[over, "id"], "监督", "supervis") in broken
    assert (bad.loc[sup, "id"], "监察", "oversight") in broken


def framework_titles_broken(frameworks) -> list[tuple[str, str, str]]:
    """(area code, word, what is wrong) wherever a framework area's English title, translated by
    this project, misses a word's rendering or uses a replaced one. A title quoted from the
    issuer's own English (framework_title_en_source official) is a title, shown marked as such."""
    found = []
    for a in frameworks.itertuples():
        if a.framework_title_en_source == "official":
            continue
        zh = a.title_zh.replace("规范性文件", "")
        for word, r in replaced_renderings(zh, a.title_en):
            found.append((a.code, word, r))
        for word, (en, _) in ONE_RENDERING.items():
            if en and word in zh and en.lower() not in a.title_en.lower():
                found.append((a.code, word, f"no '{en}'"))
    return found


def test_framework_titles_use_the_book_renderings():
    assert framework_titles_broken(lawgov.frameworks()) == []


def test_a_framework_title_with_a_replaced_rendering_is_caught():
    fw = lawgov.frameworks().copy()
    row = fw.index[fw["code"] == "outline-2004.7"][0]
    fw.loc[row, "title_en"] = fw.loc[row, "title_en"].replace("standardising", "regulating")
    assert ("outline-2004.7", "规范", r"regulat(?:e|es|ed|ing)\b") in framework_titles_broken(fw)
    row = fw.index[fw["code"] == "opinion-2010.9"][0]
    fw.loc[row, "title_en"] = "Strengthening organisation and leadership, supervision and inspection"
    assert ("opinion-2010.9", "督促检查", "supervis") in framework_titles_broken(fw)


_CJK = re.compile(r"[\u4e00-\u9fff]+")


def glossary_renderings_broken(glossary) -> list[tuple[str, str, str]]:
    """(term, word, replaced rendering) wherever a glossary entry's rendering or explanation uses a
    replaced rendering of a word in the term or in the Chinese its explanation cites."""
    found = []
    for t in glossary.itertuples():
        # the rendering against the term; the explanation against the Chinese it cites (it may say
        # why another rendering is wrong: 区镇 are zones, Kunshan "had no urban districts")
        found += [(t.zh, word, r) for word, r in replaced_renderings(t.zh, t.en)]
        cited = "".join(_CJK.findall(t.explanation_en))
        found += [(t.zh, word, r) for word, r in replaced_renderings(cited, t.explanation_en)]
    return found


def test_glossary_uses_the_book_renderings():
    assert glossary_renderings_broken(lawgov.glossary()) == []


def test_a_glossary_entry_with_a_replaced_rendering_is_caught():
    g = lawgov.glossary().copy()
    row = g.index[g["zh"] == "村务监督委员会"][0]
    g.loc[row, "en"] = "village affairs supervisory committee"
    assert ("村务监督委员会", "监督", "supervis") in glossary_renderings_broken(g)


BOOK = Path(__file__).resolve().parents[1] / "book"


def page_glosses_broken(pages) -> list[tuple[str, str, str]]:
    """(page, word, replaced rendering) wherever a page glosses an English phrase with the word in
    brackets, "leading officials (领导干部)", and the phrase uses a replaced rendering."""
    found = []
    for name, text in pages:
        text = " ".join(text.split())
        for word, (_, rejected) in ONE_RENDERING.items():
            for m in re.finditer(rf"([^().;:]{{0,60}})\({re.escape(word)}[,)]", text):
                found += [(name, word, r) for r in rejected if re.search(rf"\b{r.lower()}", m.group(1).lower())]
    return found


def test_pages_gloss_the_words_with_their_renderings():
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(BOOK.glob("*.md"))]
    assert page_glosses_broken(pages) == []


def test_a_page_gloss_with_a_replaced_rendering_is_caught():
    page = "Leading officials (领导干部) received petitioners; agency heads (行政机关负责人, chiefs or deputies)."
    assert page_glosses_broken([("p", page)]) == [
        ("p", "领导干部", "leading official"),
        ("p", "行政机关负责人", "agency head"),
    ]


def test_an_official_english_title_is_shown_as_a_quoted_title():
    """A framework's own English, which may leave out words of the Chinese (the 2015 Outline's
    "Strict, impartial and civil" has no 规范), is shown quoted and marked wherever the book
    lists the areas; a title this project translated is shown as it is."""
    from lawgov.analysis import crosswalk

    fw = lawgov.frameworks()
    shown = crosswalk.areas().set_index("code")["title_en"]
    assert shown["outline-2015.4"] == "“Strict, impartial and civil law enforcement” (official English title)"
    assert shown["opinion-2010.5"] == "Strict, standardised, impartial and civil law enforcement"
    official = fw.loc[fw["framework_title_en_source"] == "official", "code"]
    assert set(official) == {c for c in fw["code"] if c.startswith("outline-2015.")}
    assert all(shown[c].startswith("“") and shown[c].endswith("(official English title)") for c in official)
