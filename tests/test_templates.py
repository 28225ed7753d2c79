"""Data notes are templates filled from the report's own figures and audit (lawgov.dataset.templates,
lawgov.frames.texts): what a reader sees is filled, what the files hold names the data."""

from __future__ import annotations

from fractions import Fraction

import pytest

import lawgov
from lawgov.dataset.templates import placeholders, problems
from lawgov.frames.loaders import dataset
from lawgov.frames.texts import Numbers, fill

REPORT = "kunshan-2012"
FIGS = {"mediation_cases", "mediation_successes", "mediation_success_rate", "venture_projects_shortlisted"}
RELS = {"mediation_success_rate_check"}


def _numbers() -> Numbers:
    return Numbers(dataset().reports[REPORT])


def test_the_mediation_note_is_computed_from_its_figures():
    f = lawgov.figures(REPORT).set_index("id")
    successes, cases = int(f.loc["mediation_successes", "value"]), int(f.loc["mediation_cases", "value"])
    rate = 100 * Fraction(successes, cases)
    note = f.loc["mediation_success_rate", "note_en"]
    assert f"{successes:,} / {cases:,} is {float(rate):.4f}%" in note
    assert f"rounds to {float(rate):.2f}%" in note
    assert "99.9556" not in note  # the typed value was wrong: 17985 / 17993 = 99.95553...%


def test_every_text_a_reader_sees_is_filled():
    figs, rel, aud = lawgov.figures(REPORT), lawgov.relations(REPORT), lawgov.audit(REPORT)
    texts = [
        *figs["note_en"].dropna(),
        *figs["description_en"],
        *rel["description_en"],
        *rel["note_en"].dropna(),
        *aud["reason"],
        *lawgov.crosswalk(REPORT)["reason_en"],
        *lawgov.reports()["notes_en"].iloc[0],
    ]
    texts += [
        v for spec in rel["spec"] for it in spec.get("interpretations", []) for v in (it["label_en"], it["reason_en"])
    ]
    texts += [v for d in aud["details"] for item in d for v in item.values() if isinstance(v, str)]
    assert texts and not [t for t in texts if "{" in t or "}" in t]


def test_the_files_keep_the_templates():
    raw = [e.model.note_en for rd in dataset().reports.values() for e in rd.figures if e.model.note_en]
    assert any(list(placeholders(t)) for t in raw)


def test_a_reading_label_reads_like_its_figures():
    f = lawgov.figures(REPORT).set_index("id")
    spec = lawgov.relations(REPORT).set_index("id").loc["approval_speedup_combined", "spec"]
    first = spec["interpretations"][0]["label_en"]
    assert (
        f"{f.loc['approval_speedup_2011', 'value']:g}%" in first
        and f"{f.loc['approval_speedup_2012', 'value']:g}%" in first
    )
    assert first in lawgov.audit(REPORT).set_index("id").loc["approval_speedup_combined", "reason"]


@pytest.mark.parametrize(
    "template, expected",
    [
        ("{mediation_cases}", "17,993 disputes"),
        ("{mediation_cases.number}", "17,993"),
        ("{venture_projects_shortlisted.zh}", "30多个"),
        ("{venture_projects_shortlisted}", "more than 30 projects"),
        ("{mediation_success_rate_check.stated}", "99.95"),
        ("{mediation_success_rate_check.verdict}", "consistent (truncated)"),
        ("{mediation_success_rate_check.computed:.1f}", "100.0"),
        ("no placeholder here", "no placeholder here"),
    ],
)
def test_fill(template, expected):
    # expected values are as the report prints them (17993件, 30多个, 99.95%) and as the audit judges
    assert fill(template, _numbers()) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("{mediation_cas}", "unknown placeholder {mediation_cas}"),
        ("{mediation_cases:.1f}", "a figure takes no format"),
        ("{mediation_cases.value}", "a figure takes no format and only .number or .zh"),
        ("{mediation_success_rate_check}", "a relation needs .computed, .stated or .verdict"),
        ("{mediation_success_rate_check.verdict:.1f}", "bad format"),
        ("{mediation_success_rate_check.computed:.2q}", "bad format"),
        ("{Mediation Cases}", "malformed placeholder"),
        ("a { stray brace", "unbalanced brace"),
    ],
)
def test_problems(text, message):
    found = problems(text, FIGS, RELS)
    assert len(found) == 1 and message in found[0], found


def test_a_good_template_has_no_problem():
    assert (
        problems(
            "{mediation_successes.number} / {mediation_cases.number} = {mediation_success_rate_check.computed:.4f}%",
            FIGS,
            RELS,
        )
        == []
    )


def test_unreadable_relations_leave_relation_placeholders_unjudged():
    # the unreadable relations file is the one problem; a note naming a relation is not a second one
    assert problems("{mediation_success_rate_check.computed:.2f}", FIGS, None) == []
    assert problems("{mediation_cas}", FIGS, None) == [
        "placeholder {mediation_cas}: a relation needs .computed, .stated or .verdict"
    ]
