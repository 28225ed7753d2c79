"""The shape of every file in ``data/``: pydantic models, one per kind of entry.

These models are the single definition of the data format. The loaders validate every
entry against them, and the "Data and methods" chapter prints its schema tables from
them, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _section_as_text(value: object) -> object:
    """YAML reads an unquoted ``4.1`` as a float and ``4`` as an int: take them as the section meant."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    return value


Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="snake_case identifier, unique in its file")]
Section = Annotated[
    str,
    BeforeValidator(_section_as_text),
    Field(pattern=r"^[0-6](\.[1-9](\.[1-9])?)?$", description="P.S.M number of a heading parsed from the text"),
]

Qualifier = Literal["exact", "more_than", "at_least", "approximately", "ordinal"]
PeriodBasis = Literal["whole_year", "year_to_date", "to_date", "other", "reading", "not_stated"]

# What ``period_words`` must be for each period basis (a regular expression the words match
# whole). The validator checks it, and the field descriptions below say it in words.
# A sentence that opens with the words of the first three bases states the period of every
# figure in it, so a figure there cannot be ``not_stated``.
PERIOD_WORDS: dict[str, str] = {
    "whole_year": "全年",
    "year_to_date": "今年|今年以来|年初以来",
    "to_date": r"截[止至](\d{1,2})月底",
    "other": ".+",
    "reading": ".+",
    "not_stated": "",
}
SENTENCE_WIDE_BASES = ("whole_year", "year_to_date", "to_date")
Kind = Literal["count", "rate", "money", "people", "duration"]


class Strict(BaseModel):
    """Unknown fields are errors: a typo in a field name must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def _check_period(value: str) -> str:
    """An ISO 8601 date interval ``YYYY-MM-DD/YYYY-MM-DD`` whose start is not after its end; either end may
    be left empty where the text does not state it (ISO 8601-2 / EDTF level 1 "unknown" end:
    ``2012-01-01/`` begins on 1 January and ends on a day the text does not give, ``/2012-10-31`` ends on
    31 October and begins on a day the text does not give)."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})?/(\d{4}-\d{2}-\d{2})?", value)
    if not m:
        raise ValueError("not an ISO 8601 interval YYYY-MM-DD/YYYY-MM-DD (either end may be empty: YYYY-MM-DD/)")
    if not any(m.groups()):
        raise ValueError("an interval needs a start or an end (both are empty)")
    try:
        start, end = (dt.date.fromisoformat(g) if g else None for g in m.groups())
    except ValueError as exc:
        raise ValueError(f"not a calendar date ({exc})") from None
    if start and end and start > end:
        raise ValueError("interval starts after it ends")
    return value


PERIOD_NOTATION = (
    "ISO 8601 interval YYYY-MM-DD/YYYY-MM-DD; an end the text does not state is left empty "
    "(ISO 8601-2 / EDTF 'unknown': 2012-01-01/ has no stated end, /2012-10-31 no stated start)"
)
Period = Annotated[str, AfterValidator(_check_period), Field(description=PERIOD_NOTATION)]


class Report(Strict):
    """One report: ``data/reports.yaml`` holds a list of these."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="global report id, e.g. kunshan-2012")]
    title_zh: str = Field(description="title as printed")
    title_en: str = Field(description="English title (this project's translation)")
    issuer_zh: str
    issuer_en: str
    jurisdiction_en: str = Field(description="the government's place in the administrative hierarchy")
    year: int = Field(ge=1990, le=2100, description="the year reported on")
    period: Period = Field(description="default period of a figure: the report year")
    source: str = Field(description="path of the verbatim capture, relative to data/")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    body_starts_with: str = Field(
        description="the body starts at the last occurrence of this text before body_ends_before"
    )
    body_ends_before: str = Field(description="the body ends just before this text")
    closing_starts_with: str = Field(description="first words of the closing part (6): problems and plans")
    capture_site_zh: str
    capture_site_en: str
    capture_section_zh: str = Field(description="section of the site the page is filed under")
    capture_page_date: str = Field(description="date and time printed on the page, ISO 8601")
    capture_message_source_zh: str = Field(description="消息来源 as printed")
    capture_editor_zh: str = Field(description="责任编辑 as printed")
    capture_original_url: str = Field(description="原文地址 as printed (empty on this page)")
    notes_en: list[str] = Field(default_factory=list, description="facts about the capture a reader must know")


class OutlineEntry(Strict):
    """English title and tags for one heading found by the parser."""

    section: Section
    title_en: str = Field(min_length=1, description="English title (this project's translation)")
    tags: list[str] = Field(default_factory=list, description="topics, from data/topics.yaml")


class OutlineFile(Strict):
    report: str
    sections: list[OutlineEntry]


class Figure(Strict):
    """One quantitative claim of the report."""

    id: Id
    section: Section
    quote: str = Field(
        min_length=1,
        description="verbatim substring of the body, inside its section; the shortest that identifies the claim",
    )
    value: float = Field(
        allow_inf_nan=False, description="as printed: percents as printed (99.95), money in the printed unit"
    )
    unit_zh: str = Field(description="unit as printed (件, %, 亿元); empty when the text prints none")
    unit_en: str = Field(min_length=1)
    qualifier: Qualifier = Field(
        description="exact; more_than (多, 以上 on a count); at_least (以上 on a rate); approximately; ordinal"
    )
    period: Period = Field(
        description="ISO 8601 interval: the period the text states for the figure or, where it "
        "states none (period_basis not_stated), the report's year as an assumption. An end the text does not "
        "state is left empty (ISO 8601-2 / EDTF 'unknown'): year_to_date figures (今年, 今年以来, 年初以来) are "
        "2012-01-01/ (the text gives no end, and the report was compiled before its year ended), to_date "
        "figures (截止10月底) /2012-10-31 (the text gives no start)"
    )
    period_basis: PeriodBasis = Field(
        description=(
            "how the period is known, from the sentence that holds the quote: whole_year, stated for the whole year "
            "(全年); year_to_date, stated as this year or since the start of the year (今年, 今年以来, 年初以来), "
            "with no stated end; to_date, stated to a date (截止10月底), with no stated start; other, stated in "
            "another way (去年, which dates only the clause it stands in; a designation's years "
            "2012?2013年度); reading, a phrase that names no dates and that this project reads as a period "
            "(十八大期间 read as the congress's sitting; 连续3年 read as the three years to the report's), "
            "explained in note_en; "
            "not_stated, no time expression, the report's year assumed. The report was written before its year "
            "ended, so even whole_year counts were compiled before 31 December"
        )
    )
    period_words: str = Field(
        default="",
        description=(
            "the words of the quote's sentence that state the period (全年, 今年以来, 截止10月底, 十八大期间): the "
            "time expression that governs the quote, the last before the quote ends of a head word (全年, 今年, "
            "今年以来, 年初以来, 截止10月底, 十八大期间: it governs the clauses after it) or of a word that dates only "
            "its own clause (去年, 连续3年) standing in the quote's clause, else one after the quote in its clause "
            "(2012?2013年度); empty when period_basis is not_stated"
        ),
    )
    indicator_en: str = Field(min_length=1, description="short label for tables and charts")
    indicator_zh: str = Field(min_length=1)
    description_en: str = Field(min_length=1, description="what exactly is counted, in one plain sentence")
    topic: str = Field(description="one topic from data/topics.yaml")
    kind: Kind = Field(description="count, rate, money, people or duration")
    note_en: str | None = Field(default=None, description="caveat shown as a footnote wherever the figure is shown")


class Exclusion(Strict):
    """A numeral in the body that is deliberately not a figure, and why."""

    quote: str = Field(min_length=1, description="verbatim substring of the body holding the numeral")
    reason_en: str = Field(min_length=1)


class FiguresFile(Strict):
    report: str
    figures: list[Figure]
    excluded: list[Exclusion] = Field(default_factory=list)


class _Relation(Strict):
    id: Id
    section: Section = Field(description="where the relation's figures are")
    description_en: str = Field(min_length=1, description="the arithmetic in words")
    note_en: str | None = None

    # The fields that name figures, in reading order (the checks and the audit use them).
    input_fields: ClassVar[tuple[str, ...]] = ()

    def input_refs(self) -> Iterator[tuple[str, int | None, str]]:
        """(field, item index or None, figure id) for every figure the relation names."""
        for name in self.input_fields:
            value = getattr(self, name)
            if isinstance(value, list):
                for i, fid in enumerate(value):
                    yield name, i, fid
            elif value is not None:
                yield name, None, value

    def inputs(self) -> list[str]:
        """The figure ids the relation names, without repeats, in reading order."""
        return list(dict.fromkeys(fid for _, _, fid in self.input_refs()))


class SumRelation(_Relation):
    """Parts that should add up to a stated whole."""

    input_fields: ClassVar[tuple[str, ...]] = ("parts", "whole")
    kind: Literal["sum"]
    parts: list[Id] = Field(min_length=2)
    whole: Id


class RateRelation(_Relation):
    """A stated rate (percent) against its numerator and denominator, when the text gives them."""

    input_fields: ClassVar[tuple[str, ...]] = ("stated", "numerator", "denominator", "pooled_denominator")
    kind: Literal["rate"]
    stated: Id
    numerator: Id | None = None
    denominator: Id | None = None
    pooled_denominator: list[Id] | None = Field(
        default=None,
        min_length=2,
        description=(
            "counts whose sum is the base, when the text prints one rate for them together "
            "(a reading: say so in description_en)"
        ),
    )

    @model_validator(mode="after")
    def _one_base(self) -> RateRelation:
        if self.denominator is not None and self.pooled_denominator is not None:
            raise ValueError("give denominator or pooled_denominator, not both")
        return self


class RatioRelation(_Relation):
    """A part of a whole, or a count per unit, with no stated rate: derived, bound-checked."""

    input_fields: ClassVar[tuple[str, ...]] = ("numerator", "denominator")
    kind: Literal["ratio"]
    numerator: Id
    denominator: Id
    bounded: bool = Field(default=True, description="numerator must not exceed denominator")
    per_en: str | None = Field(
        default=None,
        min_length=1,
        description="what a count per unit counts, for an unbounded ratio ('penalty powers per department')",
    )


class FunnelRelation(_Relation):
    """Successive stages of one process; counts must not grow from stage to stage."""

    input_fields: ClassVar[tuple[str, ...]] = ("stages",)
    kind: Literal["funnel"]
    stages: list[Id] = Field(min_length=2)


class Interpretation(Strict):
    id: Id
    formula: Literal["compound_reduction", "additive", "compound_speed"]
    label_en: str
    supported: bool = Field(
        description="whether this is the reading the wording fits best (others may remain possible)"
    )
    reason_en: str


class CompoundRelation(_Relation):
    """Successive percentage changes whose combination the text leaves open."""

    input_fields: ClassVar[tuple[str, ...]] = ("changes",)
    kind: Literal["compound"]
    changes: list[Id] = Field(min_length=2)
    interpretations: list[Interpretation] = Field(min_length=2)


Relation = Annotated[
    SumRelation | RateRelation | RatioRelation | FunnelRelation | CompoundRelation,
    Field(discriminator="kind"),
]


class RelationsFile(Strict):
    report: str
    relations: list[Relation]


class Term(Strict):
    """A glossary term. Pinyin and the section of first use are computed, not stored."""

    id: Id
    zh: str = Field(min_length=1, description="the term as it appears in the report")
    en: str = Field(min_length=1, description="the one English rendering used throughout the book")
    explanation_en: str = Field(min_length=1, description="one line on what it means in Chinese governance")
    also_en: list[str] = Field(default_factory=list, description="other renderings a reader may meet")
    proper_noun: bool = Field(
        False,
        description="a name (of a law, an event, a body or a service): "
        "its pinyin capitalises each word, as the orthography does for proper nouns",
    )


class GlossaryFile(Strict):
    terms: list[Term]


class Topic(Strict):
    id: Id
    en: str
    zh: str


class TopicsFile(Strict):
    topics: list[Topic]


class FrameworkArea(Strict):
    code: Annotated[str, Field(pattern=r"^[a-z]+-\d{4}\.\d+$", description="<framework id>.<part number>")]
    title_zh: str
    title_en: str
    confidence: Literal["confirmed", "likely", "unverified"]


class Framework(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z]+-\d{4}$")]
    title_zh: str
    title_en: str
    document_no: str = Field(description="issuing number, e.g. 国发〔2004〕10号; empty if none")
    issued: str = Field(description="ISO date or year of issue")
    relation_to_report: Literal["cited", "not_cited", "later_lens"]
    confidence_note_en: str
    title_zh_source: Literal["document", "rendered"] = Field(
        "document",
        description="where the areas' Chinese headings come from: the document's own text, or this "
        "project's rendering (the document's Chinese headings were not checked)",
    )
    title_en_source: Literal["project", "official"] = Field(
        "project",
        description="where the areas' English titles come from: this project's translation of the "
        "Chinese, or the issuer's own official English (quoted as a title, and marked so wherever shown: "
        "it may leave out words of the Chinese)",
    )
    areas: list[FrameworkArea]


class Mapping(Strict):
    report: str
    section: Section
    area: str = Field(description="a FrameworkArea code")
    reason_en: str = Field(min_length=1, description="one line: why this section answers to this area")


class OutsideFramework(Strict):
    report: str
    section: Section
    theme_en: str = Field(description="what the report covers that the frameworks do not name")


class FrameworksFile(Strict):
    frameworks: list[Framework]
    crosswalk: list[Mapping]
    not_named_by_frameworks: list[OutsideFramework] = Field(default_factory=list)


SentenceId = Annotated[
    str,
    Field(
        pattern=r"^s-[0-6](\.[1-9](\.[1-9])?)?-[1-9][0-9]*$",
        description="s-<section>-<n>: the n-th sentence of a parsed section",
    ),
]


class TranslatedSentence(Strict):
    """One sentence of the report body and this project's English translation of it."""

    id: SentenceId
    zh: str = Field(min_length=1, description="the sentence verbatim, as lawgov splits the body (checked against it)")
    en: str = Field(min_length=1, description="English translation written for this project")


class TranslationFile(Strict):
    report: str
    sentences: list[TranslatedSentence]
