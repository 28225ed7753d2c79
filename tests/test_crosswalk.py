"""lawgov.analysis.crosswalk: the crosswalk counted by measure and figure, with confidence marks."""
from __future__ import annotations

import yaml

import lawgov
from lawgov.analysis import crosswalk
from lawgov.analysis.wording import number_word
from lawgov.dataset.load import DEFAULT_DATA_DIR


def _yaml():
    return yaml.safe_load((DEFAULT_DATA_DIR / "frameworks.yaml").read_text(encoding="utf-8"))


def test_units_are_the_measures_plus_parts_without_subsections():
    out = lawgov.outline()
    units = crosswalk.units()
    assert set(units["section"]) == set(out.loc[out["level"] == 2, "section"]) | {"0", "6"}


def test_areas_with_no_measure_are_exactly_those_with_no_mapping_below_the_preamble_and_closing():
    # the preamble and the closing have no measures: an area they alone answer to has none
    raw = _yaml()
    mapped = {m["area"] for m in raw["crosswalk"] if m["section"] not in ("0", "6")}
    in_force = {a["code"] for f in raw["frameworks"] if f["relation_to_report"] != "later_lens" for a in f["areas"]}
    all_areas = {a["code"] for f in raw["frameworks"] for a in f["areas"]}
    assert set(crosswalk.areas_without_measure()["code"]) == in_force - mapped
    assert set(crosswalk.areas_without_measure(include_later_lens=True)["code"]) == all_areas - mapped


def test_matrix_counts_by_hand_for_one_cell():
    # Part 4 x opinion-2010.3: the crosswalk maps only 4.1.4 (a measure) to it -> 1 measure,
    # and the figures of 4.1.4 are counted independently from the figures file.
    raw = _yaml()
    sections = [m["section"] for m in raw["crosswalk"] if m["area"] == "opinion-2010.3" and m["section"].startswith("4")]
    assert sections == ["4.1.4"]
    figs = yaml.safe_load((DEFAULT_DATA_DIR / "figures" / "kunshan-2012.yaml").read_text(encoding="utf-8"))["figures"]
    n_figs = sum(1 for f in figs if f["section"] == "4.1.4")
    cell = crosswalk.matrix().set_index(["part", "area"]).loc[(4, "opinion-2010.3")]
    assert cell["measures"] == 1
    assert cell["figures"] == n_figs


def test_subsection_mapping_covers_all_its_measures():
    # 1.1 is mapped to outline-2004.11 at subsection level: all three of its measures count
    ua = crosswalk.unit_areas()
    got = set(ua.loc[ua["area"] == "outline-2004.11", "section"])
    assert {"1.1.1", "1.1.2", "1.1.3"} <= got


def test_matrix_is_complete_and_carries_confidence():
    mat = crosswalk.matrix()
    areas = crosswalk.areas()
    assert len(mat) == 7 * len(areas)
    conf = dict(zip(areas["code"], areas["confidence"]))
    assert all(conf[a] == c for a, c in zip(mat["area"], mat["confidence"]))
    assert set(mat["confidence"]) <= {"confirmed", "likely", "unverified"}
    # the same confidence marks as the YAML, area by area
    raw = {a["code"]: a["confidence"] for f in _yaml()["frameworks"] for a in f["areas"]}
    assert conf == raw
    later = mat[mat["framework"] == "outline-2015"]
    assert (later["relation"] == "later_lens").all()


def test_figures_in_matrix_agree_with_figures_framework_column():
    figs = lawgov.figures()
    mat = crosswalk.matrix()
    for area in ("outline-2004.8", "opinion-2010.6"):
        expected = sum(area in fw for fw in figs["framework"])
        assert mat.loc[mat["area"] == area, "figures"].sum() == expected


def test_subsection_matrix_sums_to_the_part_matrix_for_parts_1_to_5():
    by_part = crosswalk.matrix().query("part >= 1 and part <= 5").groupby("area")["measures"].sum()
    by_sub = crosswalk.matrix(by="subsection").groupby("area")["measures"].sum()
    assert by_part.to_dict() == by_sub.reindex(by_part.index, fill_value=0).to_dict()


def test_not_named_themes_come_from_the_yaml():
    nn = crosswalk.not_named()
    raw = _yaml()["not_named_by_frameworks"]
    assert list(nn["section"]) == [r["section"] for r in raw]
    assert list(nn["theme_en"]) == [r["theme_en"] for r in raw]


# The 2008 Decision's part headings, in order, as shared/reference/frameworks.md confirms them.
DECISION_2008 = ["充分认识加强市县政府依法行政的重要性和紧迫性", "大力提高市县行政机关工作人员依法行政的意识和能力",
                 "完善市县政府行政决策机制", "建立健全规范性文件监督管理制度", "严格行政执法", "强化对行政行为的监督",
                 "增强社会自治功能", "加强组织领导"]


def test_2008_decision_is_not_cited_and_mapped_by_its_confirmed_headings():
    fs = crosswalk.frameworks_summary().set_index("framework")
    assert fs.loc["decision-2008", "relation"] == "not_cited"
    areas = crosswalk.areas().query("framework == 'decision-2008'").sort_values("part_no")
    assert list(areas["title_zh"]) == DECISION_2008
    assert (areas["confidence"] == "confirmed").all()
    # its part 7 (social self-government) is where §5.2 belongs: every measure of §5.2 answers to it
    ua = crosswalk.unit_areas()
    measures_52 = set(crosswalk.units().query("subsection == '5.2'")["section"])
    assert measures_52 and measures_52 <= set(ua.loc[ua["area"] == "decision-2008.7", "section"])
    # ... so self-government is no longer a theme the frameworks do not name
    assert not any(s == "5.2" or s.startswith("5.2.") for s in crosswalk.not_named()["section"])


def test_no_mapping_above_a_measure_is_justified_by_one_of_its_measures():
    # a row for §5.2 whose reason says "(5.2.1)" maps all of §5.2's measures for the sake of one
    # of them, inflating the counts: such a row belongs to that measure
    import re

    sections = set(lawgov.outline()["section"])
    bad = []
    for m in _yaml()["crosswalk"]:
        s = m["section"]
        children = {c for c in sections if c.startswith(s + ".") or (s in "0123456" and c.startswith(s + "."))}
        named = {c for c in re.findall(r"\b\d\.\d(?:\.\d)?\b", m["reason_en"]) if c in children}
        if named:
            bad.append(f"{s} -> {m['area']}: names {', '.join(sorted(named))}")
    assert not bad, bad


def test_summary_is_text_without_gaps():
    s = crosswalk.summary()
    assert s["frameworks.areas_none"] == number_word(len(crosswalk.areas_without_measure()))
    assert all(isinstance(v, str) and v for v in s.values())


def test_heatmap_is_described_bilingual_and_marks_confidence():
    from lawgov import charts
    from test_writing import _tooltip_has_chinese

    c = charts.crosswalk.heatmap(crosswalk.matrix(frameworks=["outline-2004", "opinion-2010", "outline-2015"]), description="d")
    spec = c.to_dict()
    assert spec["description"] == "d"
    assert _tooltip_has_chinese(c)
    labels = {r["y_label"] for d in spec["datasets"].values() for r in d if "y_label" in r}  # the areas' table
    assert labels
    # every mark the drawn areas carry is on a label (the 2015 areas are confirmed: no "?" is due)
    from lawgov.analysis.vocabulary import CONFIDENCE_SYMBOL

    drawn = crosswalk.areas().query("framework in ['outline-2004', 'opinion-2010', 'outline-2015']")
    assert {CONFIDENCE_SYMBOL[c] for c in drawn["confidence"]} == {lbl.split(" ")[0] for lbl in labels}


def test_a_measure_the_frameworks_do_not_name_is_not_swept_in_by_its_subsection():
    # §5.3.4 (emergency management) is a theme no framework heading names: a row mapping all of
    # §5.3 to dispute resolution would count it there on its neighbours' account. Such a measure
    # may answer to an area only through a mapping of its own.
    measures = set(crosswalk.units()["section"])
    not_named = [s for s in crosswalk.not_named()["section"] if s in measures]
    assert not_named  # the property has measures to hold for
    ua = crosswalk.unit_areas()
    swept = ua[ua["section"].isin(not_named) & (ua["mapped_at"] != ua["section"])]
    assert swept.empty, swept[["section", "area", "mapped_at"]].to_dict("records")


def test_measures_are_the_measures_and_the_preamble_and_closing_are_counted_apart():
    # "measures" never counts the preamble or the closing: the area the closing names as a
    # problem is not answered by the closing itself
    s = crosswalk.area_summary().set_index("code")
    ua = crosswalk.unit_areas()
    closing_only = ua[(ua["section"] == "6")]["area"]
    assert len(closing_only)
    for code in closing_only:
        body = ua[(ua["area"] == code) & ~ua["section"].isin(["0", "6"])]
        assert s.loc[code, "measures"] == body["section"].nunique()
        assert "the closing" in s.loc[code, "framing"]
    out = lawgov.outline()
    assert crosswalk.summary()["frameworks.measures"] == str(int((out["level"] == 2).sum()))


def test_a_measure_that_answers_to_no_framework_is_a_theme_they_do_not_name():
    # the frameworks page says so of every measure the crosswalk leaves out
    un = crosswalk.units().query("is_measure")
    left_out = set(un["section"]) - set(crosswalk.unit_areas()["section"])
    named = set(crosswalk.not_named()["section"])
    assert all(s in named or ".".join(s.split(".")[:2]) in named for s in left_out), left_out


def test_area_names_read_as_parts_of_their_framework():
    # prose names areas as a reader reads them, never by code
    assert crosswalk.area_names(["outline-2004.10", "outline-2004.11", "opinion-2010.2"]) == \
        "parts 10 and 11 of the 2004 Outline and part 2 of the 2010 Opinion"
    titled = crosswalk.area_names(["decision-2008.8"], with_titles=True)
    assert titled.startswith("part 8 (strengthening organisation and leadership)") and titled.endswith("of the 2008 Decision")


def test_the_parts_the_chapter_names_are_the_datas():
    """The chapter types the framework parts it names (and "the last", "the first and the last",
    "each", "both the preamble and the closing"); each is checked against the crosswalk here."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "book" / "frameworks.md").read_text(encoding="utf-8")
    page = " ".join(page.split())
    summ = crosswalk.area_summary().set_index("code")
    ua = crosswalk.unit_areas()
    part_1 = set(ua.loc[ua["part"] == 1, "area"])
    assert ("its part 一 (foundations) answers to parts 10 and 11 of the 2004 Outline and parts 2 and 9 of the "
            "2010 Opinion, that is to the *last* parts of the 2004 Outline") in page
    assert {c for c in part_1 if summ.loc[c, "relation"] == "cited"} == {
        "outline-2004.10", "outline-2004.11", "opinion-2010.2", "opinion-2010.9"}
    outline, opinion = (sorted(int(c.rsplit(".", 1)[1]) for c in summ.index if c.startswith(f)) for f in ("outline-2004.", "opinion-2010."))
    assert outline[-2:] == [10, 11], "the last parts of the 2004 Outline"
    # the first and the last task parts of the 2010 Opinion: its part 1 is its preamble (no task)
    assert opinion[-1] == 9 and summ.loc["opinion-2010.1", "title_en"].startswith("The importance and urgency")
    assert "the framework it does not cite, to parts 2 and 8 of the 2008 Decision;" in page
    assert {c for c in part_1 if summ.loc[c, "relation"] == "not_cited"} == {"decision-2008.2", "decision-2008.8"}
    in_force = summ[summ["relation"] != "later_lens"]
    top = in_force[in_force["measures"] == in_force["measures"].max()]
    assert list(top.index) == ["outline-2004.4", "opinion-2010.9"], "the two parts the page names, tied ('each')"
    for code, framework in (("outline-2004.4", "2004 Outline"), ("opinion-2010.9", "2010 Opinion")):
        title = top.loc[code, "title_en"]
        named = f"part {code.rsplit('.', 1)[1]} ({title[:1].lower()}{title[1:]}) of the {framework}"
        assert named in page, named
    assert "measures, {glue:text}`frameworks.measures_mapped_word`, and both the preamble and the closing, answer" in page
    assert {"0", "6"} <= set(ua["section"]), "both the preamble and the closing answer to some part"
