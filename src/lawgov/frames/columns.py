"""The one column dictionary: every table ``lawgov`` makes, and what each of its columns means.

A column's meaning comes from the pydantic models in :mod:`lawgov.dataset.schema` (the one
definition of the data format) where the column is a field of the data; the columns that
``lawgov`` derives (offsets, parts, audit results) and the few fields the models leave
undescribed are described here (:class:`Col`). Two readers use it: the data package
(:mod:`lawgov.frames.tableschema`, ``lawgov export``) and the loaders' own documentation
(``help(lawgov.figures)``, :func:`document`), so the two cannot disagree.

Imports here are lazy: the loaders import this module only when their docstring is read.
"""

from __future__ import annotations

import textwrap
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Col:
    """What the schema cannot say about a column: derived columns and missing descriptions."""

    description: str
    required: bool | None = None
    unit: str | None = None
    title: str | None = None


@dataclass
class Resource:
    name: str
    title: str
    description: str
    build: Callable[[Path], Any]  # data_dir -> DataFrame
    models: list[tuple[type, dict[str, str]]]  # pydantic model, {column: model field} (identity if absent)
    extra: dict[str, Col]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    unique: list[str] = field(default_factory=list)
    enums: dict[str, list[str]] = field(default_factory=dict)


def _fk(fields: list[str], resource: str, ref: list[str]) -> dict[str, Any]:
    return {"fields": fields, "reference": {"resource": resource, "fields": ref}}


_REPORT = Col("report id (see the reports resource), e.g. kunshan-2012", required=True)
_PART = Col(
    "part of the report: 0 preamble, 1-5 the five numbered parts 一、..五、, 6 closing (problems and plans); "
    "the first number of the section",
    required=True,
)
_OFFSET = "characters (Unicode code points) from the start of the report body"


def _in_both(name: str, description: str, required: bool | None = None) -> dict[str, Col]:
    """A column pair ``<name>_zh`` / ``<name>_en``: the same thing in Chinese and in English."""
    return {
        f"{name}_{lang}": Col(f"{description}, in {language}", required=required)
        for lang, language in (("zh", "Chinese"), ("en", "English"))
    }


def _api(name: str) -> Callable[[Path], Any]:
    def build(data_dir: Path):
        import lawgov

        return getattr(lawgov, name)(data_dir=data_dir)

    return build


def _relation_kinds() -> list[str]:
    from lawgov.dataset import schema

    union = typing.get_args(schema.Relation)[0]
    return [typing.get_args(cls.model_fields["kind"].annotation)[0] for cls in typing.get_args(union)]


def resources() -> list[Resource]:
    """The tables of the data package, in the order the package lists them."""
    from lawgov.dataset import arithmetic, schema
    from lawgov.frames import package_tables

    return [
        Resource(
            "reports",
            "Reports",
            "One row per report: titles, issuer, and the facts of the web capture the text comes from.",
            _api("reports"),
            [(schema.Report, {})],
            {
                **_in_both("issuer", "issuing government"),
                **_in_both("capture_site", "web site the text was captured from"),
                "sha256": Col("SHA-256 of the verbatim capture (sources/<report>.txt)"),
                "source": Col(
                    "path of the verbatim capture inside the package, relative to sources/ in the repository's data/"
                ),
            },
            ["id"],
        ),
        Resource(
            "outline",
            "Outline",
            "Every heading of the report, parsed from its markers (一、 / (一) / 一是), "
            "with an English title and topic tags.",
            _api("outline"),
            [(schema.OutlineEntry, {})],
            {
                "report": _REPORT,
                "part": _PART,
                "level": Col("depth of the heading: 0 part, 1 subsection (一), 2 measure 一是", required=True),
                "marker": Col("the marker as printed (一、, (一), 一是); empty for the preamble", required=True),
                "heading_zh": Col("the heading's words as printed; empty for the preamble", required=True),
                "start": Col("where the section starts in the body", required=True, unit=_OFFSET),
                "end": Col("where the section ends in the body (exclusive)", required=True, unit=_OFFSET),
                "n_figures": Col("figures in this section and the sections below it", required=True, unit="figures"),
                "tags": Col("topic ids (see the topics resource); ';'-separated in CSV"),
            },
            ["report", "section"],
            [_fk(["report"], "reports", ["id"])],
        ),
        Resource(
            "figures",
            "Figures",
            "Every quantitative claim in the report body, one row each, tied to the verbatim quote it comes from.",
            _api("figures"),
            [(schema.Figure, {})],
            {
                "report": _REPORT,
                "part": _PART,
                "global_id": Col("<report>/<id>: unique across reports", required=True),
                "unit_en": Col("unit in English (documents, percent, 100 million yuan)"),
                "indicator_zh": Col("short Chinese label for tables and charts"),
                "value_text": Col("the number as printed in the quote (Arabic or Chinese numerals)", required=True),
                "decimals": Col("decimal places as printed", required=True),
                "period_start": Col(
                    "first day of the period; missing where the text states no start (to_date: 截止10月底 gives the "
                    "end only)",
                    required=False,
                ),
                "period_end": Col(
                    "last day of the period; missing where the text states no end (year_to_date: 今年, 今年以来, "
                    "年初以来 give the start only; the report was compiled before its year ended); for whole_year "
                    "and not_stated (the report's year, assumed) the year's last day, the end of the period the "
                    "figure is given, not a date the count was compiled to",
                    required=False,
                ),
                "full_year": Col(
                    "true only where the text states the whole year (全年: period_basis whole_year); a figure "
                    "whose period is the report year by assumption, or stated as 'this year' (今年), is false",
                    required=True,
                ),
                "topic_en": Col("English name of the topic", required=True),
                "offset": Col("where the quote starts in the body", required=True, unit=_OFFSET),
                "framework": Col(
                    "framework area codes (see framework_areas) the figure's section and its parents answer to; "
                    "';'-separated in CSV"
                ),
            },
            ["report", "id"],
            [
                _fk(["report"], "reports", ["id"]),
                _fk(["report", "section"], "outline", ["report", "section"]),
                _fk(["topic"], "topics", ["id"]),
            ],
            unique=["global_id"],
        ),
        Resource(
            "relations",
            "Relations and audit",
            "The arithmetic the report implies (sums, rates, ratios, funnels, compound changes), "
            "each with the audit's verdict.",
            package_tables.relations_with_audit,
            [(schema.SumRelation, {})],
            {
                "report": _REPORT,
                "part": _PART,
                "kind": Col("sum, rate, ratio, funnel or compound", required=True),
                "note_en": Col("caveat on the relation, in English"),
                "inputs": Col(
                    "figure ids the relation names, in reading order (see relation_inputs for each role); "
                    "';'-separated in CSV",
                    required=True,
                ),
                "spec": Col(
                    "the relation as stated in the data: its figure ids by role, "
                    "plus interpretations (compound) or bounded (ratio); JSON object",
                    required=True,
                ),
                "computed": Col(
                    "value the audit derives from the inputs "
                    "(unit of the stated figure; empty when nothing can be derived)"
                ),
                "stated": Col("the value the report prints for the checked figure, when there is one"),
                "verdict": Col("audit verdict", required=True),
                "reason": Col("the audit's arithmetic or why it cannot check", required=True),
                "details": Col("per-stage or per-interpretation numbers of the audit; JSON array", required=True),
            },
            ["report", "id"],
            [_fk(["report"], "reports", ["id"]), _fk(["report", "section"], "outline", ["report", "section"])],
            enums={"kind": _relation_kinds(), "verdict": list(arithmetic.VERDICTS)},
        ),
        Resource(
            "relation_inputs",
            "Relation inputs",
            "One row per figure a relation names, with its role: the link from relations to figures as a table.",
            package_tables.relation_inputs,
            [],
            {
                "report": _REPORT,
                "relation": Col("relation id (see relations)", required=True),
                "order": Col("position among the relation's inputs, from 1", required=True),
                "role": Col(
                    "field of the relation naming the figure: "
                    "parts, whole, stated, numerator, denominator, stages, changes",
                    required=True,
                ),
                "item": Col(
                    "index within a list-valued role (parts, stages, changes), from 0; empty for single-valued roles"
                ),
                "figure": Col("figure id (see figures)", required=True),
            },
            ["report", "relation", "order"],
            [
                _fk(["report", "relation"], "relations", ["report", "id"]),
                _fk(["report", "figure"], "figures", ["report", "id"]),
            ],
        ),
        Resource(
            "glossary",
            "Glossary",
            "Bilingual terms of the report, each verbatim in the body, with pinyin and the section of first use.",
            _api("glossary"),
            [(schema.Term, {})],
            {
                "pinyin": Col("pinyin of zh, with tone marks", required=True),
                "first_use": Col("section where the term first appears in the body"),
                "first_offset": Col("where the term first appears in the body", unit=_OFFSET),
                "also_en": Col("other renderings a reader may meet; ';'-separated in CSV"),
            },
            ["id"],
        ),
        Resource(
            "topics",
            "Topics",
            "The controlled vocabulary of topics used by figures and outline tags.",
            _api("topics"),
            [(schema.Topic, {})],
            {
                "id": Col("topic id", required=True),
                "en": Col("English name", required=True),
                "zh": Col("Chinese name", required=True),
            },
            ["id"],
        ),
        Resource(
            "framework_areas",
            "Framework areas",
            "Areas of four national frameworks for law-based government, one row per area with its framework's fields.",
            _api("frameworks"),
            [
                (schema.FrameworkArea, {}),
                (
                    schema.Framework,
                    {
                        "framework": "id",
                        **{
                            f"framework_{k}": k
                            for k in (
                                "title_zh",
                                "title_en",
                                "document_no",
                                "issued",
                                "relation_to_report",
                                "confidence_note_en",
                                "title_zh_source",
                                "title_en_source",
                            )
                        },
                    },
                ),
            ],
            {
                "framework": Col("framework id, e.g. outline-2004", required=True),
                **_in_both("framework_title", "the framework's title", required=True),
                "framework_relation_to_report": Col(
                    "cited: the report names it; not_cited: in force in 2012 but not named; "
                    "later_lens: issued after 2012, used as a lens",
                    required=True,
                ),
                "framework_confidence_note_en": Col(
                    "how far the framework's text and structure were verified", required=True
                ),
                "framework_title_zh_source": Col(
                    "document: the areas' Chinese titles are the document's own; rendered: "
                    "this project's rendering (the document's Chinese headings were not checked)",
                    required=True,
                ),
                "framework_title_en_source": Col(
                    "project: the areas' English titles are this project's translation; official: the "
                    "issuer's own English, quoted as a title (it may leave out words of the Chinese)",
                    required=True,
                ),
                **_in_both("title", "the area's title", required=True),
                "confidence": Col(
                    "whether the area's title and numbering are confirmed, likely or unverified", required=True
                ),
            },
            ["code"],
            enums={
                "confidence": ["confirmed", "likely", "unverified"],
                "framework_relation_to_report": ["cited", "not_cited", "later_lens"],
                "framework_title_zh_source": ["document", "rendered"],
                "framework_title_en_source": ["project", "official"],
            },
        ),
        Resource(
            "sentences",
            "Sentences and translation",
            "Every sentence of the report body, verbatim, with this project's English translation "
            "(the parallel text), in reading order.",
            _api("sentences"),
            [(schema.TranslatedSentence, {"zh": "zh", "en": "en"})],
            {
                "report": _REPORT,
                "part": _PART,
                "id": Col(
                    "s-<section>-<n>: the n-th sentence of its section, in reading order; "
                    "stable anchor of the parallel text",
                    required=True,
                ),
                "section": Col("the deepest section holding the sentence's first character", required=True),
                "start": Col("where the sentence starts in the body", required=True, unit=_OFFSET),
                "end": Col("where the sentence ends in the body (exclusive)", required=True, unit=_OFFSET),
                "zh": Col("the sentence verbatim", required=True),
                "en": Col("English translation written for this project"),
                "figures": Col(
                    "ids of the figures whose quote starts in the sentence (empty when none); ';'-separated in CSV"
                ),
            },
            ["report", "id"],
            [_fk(["report"], "reports", ["id"]), _fk(["report", "section"], "outline", ["report", "section"])],
        ),
        Resource(
            "crosswalk",
            "Crosswalk",
            "Which section of the report answers to which area of a national framework, and why.",
            _api("crosswalk"),
            [(schema.Mapping, {})],
            {
                "report": _REPORT,
                "part": _PART,
                "framework": Col("framework id of the area", required=True),
                "area_title_en": Col("English title of the area", required=True),
            },
            ["report", "section", "area"],
            [
                _fk(["report"], "reports", ["id"]),
                _fk(["report", "section"], "outline", ["report", "section"]),
                _fk(["area"], "framework_areas", ["code"]),
            ],
        ),
    ]


def _excluded() -> Resource:
    """A frame the package does not publish: numerals of the body that are not figures."""
    from lawgov.dataset import schema

    return Resource(
        "excluded",
        "Excluded numerals",
        "Numerals of the report body that are deliberately not figures, with the reason.",
        _api("excluded"),
        [(schema.Exclusion, {})],
        {
            "report": _REPORT,
            "reason_en": Col("why the numeral is not a figure (a year in a title, a date, a set name)", required=True),
            "offset": Col("where the quote first appears in the body", required=True, unit=_OFFSET),
        },
        [],
    )


# --- what each column means ---------------------------------------------------------------


def properties(res: Resource) -> dict[str, tuple[dict, bool]]:
    """{column: (its JSON-schema property in the models, whether the models require it)}."""
    out: dict[str, tuple[dict, bool]] = {}
    for model, mapping in res.models:
        js = model.model_json_schema()
        required = set(js.get("required", []))
        inverse = {v: k for k, v in mapping.items()}
        for fname, prop in js["properties"].items():
            col = inverse.get(fname, fname)
            if mapping and fname not in inverse and col in out:
                continue
            if "anyOf" in prop:  # Optional[...]: take the non-null branch, keep the description
                branch = next((b for b in prop["anyOf"] if b.get("type") != "null"), {})
                prop = {**branch, **{k: v for k, v in prop.items() if k != "anyOf"}}
            # json-schema drops a pattern that sits beside a BeforeValidator (Section): take it from the field.
            if "pattern" not in prop:
                pattern = next(
                    (
                        getattr(m, "pattern", None)
                        for m in model.model_fields[fname].metadata
                        if getattr(m, "pattern", None)
                    ),
                    None,
                )
                if pattern:
                    prop = {**prop, "pattern": pattern}
            out.setdefault(col, (prop, fname in required))
    return out


def meaning(res: Resource, column: str, props: dict[str, tuple[dict, bool]]) -> str:
    """What a column holds: the model field's description, else the dictionary's ("" if neither)."""
    extra = res.extra.get(column)
    return props.get(column, ({}, False))[0].get("description") or (extra.description if extra else "")


# The entry that describes each public loader's frame, with a summary where the loader's
# frame is not exactly that table (the package's relations table carries the audit too).
LOADERS: dict[str, tuple[str, str | None]] = {
    "reports": ("reports", None),
    "outline": ("outline", None),
    "figures": ("figures", None),
    "relations": (
        "relations",
        "The arithmetic the report implies (sums, rates, ratios, funnels, compound "
        "changes), one row per relation; audit() holds each one's verdict.",
    ),
    "audit": (
        "relations",
        "Every relation checked: what the audit derives from its inputs, the value the "
        "report prints, and the verdict with its reason.",
    ),
    "glossary": ("glossary", None),
    "topics": ("topics", None),
    "frameworks": ("framework_areas", None),
    "crosswalk": ("crosswalk", None),
    "excluded": ("excluded", None),
    "sentences": ("sentences", None),
}


def _dtype(series) -> str:
    dtype = str(series.dtype)
    if dtype == "category" and len(series.cat.categories) <= 12:
        return f"category ({', '.join(map(str, series.cat.categories))})"
    return dtype


def document(loader: str, frame) -> str:
    """The data dictionary of a loader's frame: a summary, then every column, its dtype and meaning."""
    name, summary = LOADERS[loader]
    res = next((r for r in resources() if r.name == name), None) or _excluded()
    props = properties(res)
    lines = [summary or res.description, "", "Columns", "-------"]
    for col in frame.columns:
        extra = res.extra.get(col)
        text = meaning(res, col, props) or "(not described)"
        if extra and extra.unit:
            text += f"; unit: {extra.unit}"
        lines.append(f"{col} : {_dtype(frame[col])}")
        lines += textwrap.wrap(text, width=88, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)
    return "\n".join(lines)
