"""Tidy, typed pandas frames built from a validated ``Dataset``."""

from __future__ import annotations

import typing
from dataclasses import replace
from typing import Any

import pandas as pd

from lawgov.dataset import arithmetic, schema
from lawgov.dataset.headings import section_of
from lawgov.dataset.load import Dataset, ReportData
from lawgov.dataset.numerals import find_value
from lawgov.dataset.romanize import pinyin
from lawgov.dataset.sections import ancestors, find_in_span
from lawgov.frames.texts import Numbers, fill

# Every basis, in the schema's order (whole year first, not stated last), even one no figure has.
PERIOD_BASES = pd.CategoricalDtype(typing.get_args(schema.PeriodBasis))


def _part(section: str) -> int:
    return int(section.split(".")[0])


def _frame(rows: list[dict[str, Any]], dtypes: dict[str, Any]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(dtypes))
    return df.astype({c: t for c, t in dtypes.items() if t != "object"})


def reports(ds: Dataset) -> pd.DataFrame:
    rows = []
    for rd in ds.reports.values():
        row, numbers = rd.report.model.model_dump(), Numbers(rd)
        rows.append(row | {"notes_en": [fill(n, numbers) for n in row["notes_en"]]})
    df = pd.DataFrame(rows)
    return df.astype({c: "string" for c in df.columns if c not in ("year", "notes_en")} | {"year": "Int64"})


def outline(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    """One row per parsed heading; n_figures counts the figures in the section and below it."""
    rows = []
    for rd in rds:
        titles = {e.model.section: e.model for e in rd.outline}
        counts: dict[str, int] = {}
        for e in rd.figures:
            for s in ancestors(e.model.section):
                counts[s] = counts.get(s, 0) + 1
        for h in rd.headings or []:
            meta = titles.get(h.section)
            rows.append(
                {
                    "report": rd.id,
                    "section": h.section,
                    "part": _part(h.section),
                    "level": h.level,
                    "marker": h.marker,
                    "heading_zh": h.heading_zh,
                    "title_en": meta.title_en if meta else None,
                    "tags": list(meta.tags) if meta else [],
                    "start": h.start,
                    "end": h.end,
                    "n_figures": counts.get(h.section, 0),
                }
            )
    return _frame(
        rows,
        {
            "report": "category",
            "section": "string",
            "part": "Int64",
            "level": "Int64",
            "marker": "string",
            "heading_zh": "string",
            "title_en": "string",
            "tags": "object",
            "start": "Int64",
            "end": "Int64",
            "n_figures": "Int64",
        },
    )


def _areas_by_section(ds: Dataset) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for e in ds.crosswalk:
        out.setdefault((e.model.report, e.model.section), []).append(e.model.area)
    return out


def figures(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    topics = {t.model.id: t.model.en for t in ds.topics}
    areas = _areas_by_section(ds)
    rows = []
    for rd in rds:
        spans = rd.spans
        numbers = Numbers(rd)
        for e in rd.figures:
            f = e.model
            printed = find_value(f.value, f.quote)
            offset, _ = find_in_span(rd.body or "", f.quote, spans.get(f.section))
            start, end = f.period.split("/")
            framework = sorted({a for s in ancestors(f.section) for a in areas.get((rd.id, s), [])})
            rows.append(
                {
                    "report": rd.id,
                    "id": f.id,
                    "global_id": f"{rd.id}/{f.id}",
                    "section": f.section,
                    "part": _part(f.section),
                    "quote": f.quote,
                    "value": f.value,
                    "value_text": printed.text if printed else None,
                    "decimals": printed.decimals if printed else None,
                    "unit_zh": f.unit_zh,
                    "unit_en": f.unit_en,
                    "qualifier": f.qualifier,
                    "period": f.period,
                    # an end the text does not state is empty in `period` and missing (NaT) here
                    "period_start": start or None,
                    "period_end": end or None,
                    # stated, never assumed: a year-to-date (今年) or unstated figure is not a full year
                    "full_year": f.period_basis == "whole_year",
                    "period_basis": f.period_basis,
                    "period_words": f.period_words,
                    "indicator_en": f.indicator_en,
                    "indicator_zh": f.indicator_zh,
                    "description_en": fill(f.description_en, numbers),
                    "topic": f.topic,
                    "topic_en": topics.get(f.topic),
                    "kind": f.kind,
                    "note_en": fill(f.note_en, numbers),
                    "offset": offset,
                    "framework": framework,
                }
            )
    df = _frame(
        rows,
        {
            "report": "category",
            "id": "string",
            "global_id": "string",
            "section": "string",
            "part": "Int64",
            "quote": "string",
            "value": "Float64",
            "value_text": "string",
            "decimals": "Int64",
            "unit_zh": "string",
            "unit_en": "string",
            "qualifier": "category",
            "period": "string",
            "period_start": "object",
            "period_end": "object",
            "full_year": "boolean",
            "period_basis": PERIOD_BASES,
            "period_words": "string",
            "indicator_en": "string",
            "indicator_zh": "string",
            "description_en": "string",
            "topic": "category",
            "topic_en": "string",
            "kind": "category",
            "note_en": "string",
            "offset": "Int64",
            "framework": "object",
        },
    )
    for col in ("period_start", "period_end"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
    return df


def relations(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    rows = []
    for rd in rds:
        numbers = Numbers(rd)
        for e in rd.relations:
            r = e.model
            rows.append(
                {
                    "report": rd.id,
                    "id": r.id,
                    "kind": r.kind,
                    "section": r.section,
                    "part": _part(r.section),
                    "description_en": fill(r.description_en, numbers),
                    "note_en": fill(r.note_en, numbers),
                    "inputs": r.inputs(),
                    "spec": {k: getattr(r, k) for k in r.input_fields}
                    | (
                        {"interpretations": [_filled(i.model_dump(), numbers) for i in r.interpretations]}
                        if r.kind == "compound"
                        else {}
                    )
                    | ({"bounded": r.bounded} if r.kind == "ratio" else {}),
                }
            )
    return _frame(
        rows,
        {
            "report": "category",
            "id": "string",
            "kind": "category",
            "section": "string",
            "part": "Int64",
            "description_en": "string",
            "note_en": "string",
            "inputs": "object",
            "spec": "object",
        },
    )


def _filled(d: dict[str, Any], numbers: Numbers) -> dict[str, Any]:
    return {k: fill(v, numbers) for k, v in d.items()}


def audit_results(rd: ReportData) -> list[arithmetic.Result]:
    """Every relation of the report evaluated; a compound's reason and readings quote its
    interpretations' labels, so they are filled like the labels."""
    numbers = Numbers(rd)
    return [
        replace(r, reason=fill(r.reason, numbers), details=[_filled(d, numbers) for d in r.details])
        for r in numbers.results.values()
    ]


def audit(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    rows = []
    for rd in rds:
        for r in audit_results(rd):
            rows.append(
                {
                    "report": rd.id,
                    "id": r.id,
                    "kind": r.kind,
                    "section": r.section,
                    "part": _part(r.section),
                    "inputs": r.inputs,
                    "computed": r.computed,
                    "stated": r.stated,
                    "verdict": r.verdict,
                    "reason": r.reason,
                    "details": r.details,
                }
            )
    df = _frame(
        rows,
        {
            "report": "category",
            "id": "string",
            "kind": "category",
            "section": "string",
            "part": "Int64",
            "inputs": "object",
            "computed": "Float64",
            "stated": "Float64",
            "verdict": "object",
            "reason": "string",
            "details": "object",
        },
    )
    df["verdict"] = pd.Categorical(df["verdict"], categories=list(arithmetic.VERDICTS))
    return df


def glossary(ds: Dataset) -> pd.DataFrame:
    rows = []
    for e in ds.terms:
        t = e.model
        first_use = first_offset = None
        for rd in ds.reports.values():
            at = (rd.body or "").find(t.zh)
            if at >= 0 and rd.headings:
                first_use, first_offset = section_of(rd.headings, at), at
                break
        rows.append(
            {
                "id": t.id,
                "zh": t.zh,
                "pinyin": pinyin(t.zh, t.proper_noun),
                "en": t.en,
                "also_en": list(t.also_en),
                "explanation_en": t.explanation_en,
                "first_use": first_use,
                "first_offset": first_offset,
            }
        )
    return _frame(
        rows,
        {
            "id": "string",
            "zh": "string",
            "pinyin": "string",
            "en": "string",
            "also_en": "object",
            "explanation_en": "string",
            "first_use": "string",
            "first_offset": "Int64",
        },
    )


def topics(ds: Dataset) -> pd.DataFrame:
    return _frame([e.model.model_dump() for e in ds.topics], {"id": "string", "en": "string", "zh": "string"})


def frameworks(ds: Dataset) -> pd.DataFrame:
    """One row per framework area, with its framework's fields alongside."""
    rows = []
    for e in ds.frameworks:
        fw = e.model.model_dump(exclude={"areas"})
        for area in e.model.areas:
            rows.append({f"framework_{k}" if k != "id" else "framework": v for k, v in fw.items()} | area.model_dump())
    cols = [
        "framework",
        "framework_title_zh",
        "framework_title_en",
        "framework_document_no",
        "framework_issued",
        "framework_relation_to_report",
        "framework_confidence_note_en",
        "framework_title_zh_source",
        "framework_title_en_source",
        "code",
        "title_zh",
        "title_en",
        "confidence",
    ]
    return _frame(rows, {c: "string" for c in cols})


def crosswalk(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    numbers = {rd.id: Numbers(rd) for rd in rds}
    areas = {a.code: (e.model.id, a.title_en) for e in ds.frameworks for a in e.model.areas}
    rows = [
        {
            "report": m.report,
            "section": m.section,
            "part": _part(m.section),
            "area": m.area,
            "framework": areas.get(m.area, (None, None))[0],
            "area_title_en": areas.get(m.area, (None, None))[1],
            "reason_en": fill(m.reason_en, numbers[m.report]),
        }
        for m in (e.model for e in ds.crosswalk)
        if m.report in numbers
    ]
    return _frame(
        rows,
        {
            "report": "category",
            "section": "string",
            "part": "Int64",
            "area": "string",
            "framework": "string",
            "area_title_en": "string",
            "reason_en": "string",
        },
    )


def excluded(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    """Numerals of the body that are deliberately not figures, with the reason."""
    rows = [
        {
            "report": rd.id,
            "quote": e.model.quote,
            "reason_en": e.model.reason_en,
            "offset": (rd.body or "").find(e.model.quote),
        }
        for rd in rds
        for e in rd.excluded
    ]
    return _frame(rows, {"report": "category", "quote": "string", "reason_en": "string", "offset": "Int64"})


def sentences(ds: Dataset, rds: list[ReportData]) -> pd.DataFrame:
    """One row per sentence of the body, with this project's English translation (when the
    report has one) and the figures whose quote starts in the sentence."""
    rows = []
    for rd in rds:
        english = {e.model.id: e.model.en for e in rd.translation}
        body = rd.body or ""
        starts = sorted(
            (find_in_span(body, e.model.quote, rd.spans.get(e.model.section))[0] or -1, e.model.id) for e in rd.figures
        )
        for s in rd.sentences:
            rows.append(
                {
                    "report": rd.id,
                    "id": s.id,
                    "section": s.section,
                    "part": _part(s.section),
                    "start": s.start,
                    "end": s.end,
                    "zh": s.text,
                    "en": english.get(s.id),
                    "figures": [fid for at, fid in starts if s.start <= at < s.end],
                }
            )
    return _frame(
        rows,
        {
            "report": "category",
            "id": "string",
            "section": "string",
            "part": "Int64",
            "start": "Int64",
            "end": "Int64",
            "zh": "string",
            "en": "string",
            "figures": "object",
        },
    )
