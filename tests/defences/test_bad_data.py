"""A corpus of broken inputs: each one clear error line, exit 1, no traceback, no half export.

Every case is a declarative row - a name, the file it breaks, how, and the words the one
problem line must hold - applied to a fresh copy of the real ``data/`` in tmp_path. For
each, ``lawgov validate --data DIR`` must exit 1 and print exactly one problem
line (``FILE:LINE: ...`` when the problem has a line, ``FILE: ...`` otherwise) and the count,
with no Python traceback; and ``python -m lawgov export OUT --data DIR`` must exit 1 and
leave OUT as it was: absent when it was absent, byte for byte the previous export when
there was one.

The command runs in this test's process (``conftest.call_cli``: a fresh process's view,
warnings and any traceback written to stderr as the interpreter would), except for the
cases in ``IN_A_REAL_PROCESS``, one of each kind of input that could behave otherwise in
a real ``python -m lawgov`` (undecodable bytes, non-ASCII problem text, a directory, a
huge file): there the exit status and stderr are the interpreter's own.

``tests/test_validate_errors.py`` pins the exact text of one case per class of error on
the small fixture data; the rows here are other ways to be wrong (other files, other
fields, encodings, shapes, sizes) on the real data, so they are not repeated there.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REAL_DATA, call_cli, run_cli

FIG = "figures/kunshan-2012.yaml"
REL = "relations/kunshan-2012.yaml"
OUT = "outline/kunshan-2012.yaml"
SRC = "sources/kunshan-2012.txt"
GLO = "glossary.yaml"
TOP = "topics.yaml"
FWK = "frameworks.yaml"
REP = "reports.yaml"
TRA = "translation/kunshan-2012.yaml"

Mutation = Callable[[Path], None]  # receives the data dir


# --- mutations ---------------------------------------------------------------------------


def sub(file: str, pattern: str, repl: str | Callable[[re.Match], str], count: int = 1) -> Mutation:
    """Replace the first ``count`` matches of a regex (multiline) in ``file``."""

    def mutate(d: Path) -> None:
        p = d / file
        text = p.read_text(encoding="utf-8")
        new, n = re.subn(pattern, repl, text, count=count, flags=re.M)
        assert n, f"{pattern!r} not found in {file}: update this case"
        p.write_text(new, encoding="utf-8")

    return mutate


def in_entry(file: str, entry_start: str, pattern: str, repl: str) -> Mutation:
    """Replace a regex inside one entry (from the line ``entry_start`` to the next entry)."""

    def mutate(d: Path) -> None:
        p = d / file
        text = p.read_text(encoding="utf-8")
        start = text.index(entry_start)
        nxt = re.compile(r"^  - |^\S", re.M).search(text, start + len(entry_start))
        end = nxt.start() if nxt else len(text)
        block, n = re.subn(pattern, repl, text[start:end], count=1, flags=re.M)
        assert n, f"{pattern!r} not in entry {entry_start!r} of {file}: update this case"
        p.write_text(text[:start] + block + text[end:], encoding="utf-8")

    return mutate


def write_text(file: str, text: str) -> Mutation:
    return lambda d: (d / file).write_text(text, encoding="utf-8")


def write_bytes(file: str, data: bytes) -> Mutation:
    return lambda d: (d / file).write_bytes(data)


def reencode(file: str, codec: str) -> Mutation:
    def mutate(d: Path) -> None:
        p = d / file
        p.write_bytes(p.read_text(encoding="utf-8").encode(codec))

    return mutate


def delete(file: str) -> Mutation:
    return lambda d: (d / file).unlink()


def replace_with_dir(file: str) -> Mutation:
    def mutate(d: Path) -> None:
        (d / file).unlink()
        (d / file).mkdir()

    return mutate


def huge(file: str, megabytes: int) -> Mutation:
    """The file followed by megabytes of well-formed YAML comments."""

    def mutate(d: Path) -> None:
        line = b"# " + b"x" * 1021 + b"\n"
        with open(d / file, "ab") as fh:
            for _ in range(megabytes * 1024):
                fh.write(line)

    return mutate


def source_bytes(change: Callable[[bytes], bytes]) -> Mutation:
    """Change the source capture and record its new sha256, so only the change is wrong."""

    def mutate(d: Path) -> None:
        p = d / SRC
        raw = change(p.read_bytes())
        p.write_bytes(raw)
        sub(REP, r"^(  sha256: )[0-9a-f]{64}$", rf"\g<1>{hashlib.sha256(raw).hexdigest()}")(d)

    return mutate


def fullwidth_digits(m: re.Match) -> str:
    return m.group(1) + m.group(2).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


# --- the corpus --------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # the file broken, relative to data/
    mutate: Mutation
    expect: str  # words the one problem line must hold
    line: bool = True  # whether the problem has a line (FILE:LINE:)
    shown: str | None = None  # the file the problem names, when not the one broken


FIRST_FIG = "  - id: model_unit_categories"
RATE_FIG = "  - id: approval_items_in_hall_rate"
LAWS_FIG = "  - id: laws_studied_by_executive_meeting"
SUM_REL = "  - id: normative_cleanup_adds_up"
FUNNEL_REL = "  - id: hotline_funnel"
RATE_REL = "  - id: mediation_success_rate_check"
COMPOUND_REL = "  - id: approval_speedup_combined"
FIRST_TERM = "  - id: law_based_administration"

CASES: list[Case] = [
    # -- YAML itself -------------------------------------------------------------------
    Case("yaml_tab_indent", FIG, sub(FIG, r"^    section: ", "\tsection: "), "YAML syntax error"),
    Case("yaml_unclosed_quote", GLO, sub(GLO, r"^    zh: 依法行政$", '    zh: "依法行政'), "YAML syntax error"),
    Case("yaml_unclosed_flow_mapping", TOP, sub(TOP, r"zh: 示范创建\}", "zh: 示范创建"), "YAML syntax error"),
    Case("yaml_bad_dedent", OUT, sub(OUT, r"^    title_en: Preamble$", "  title_en: Preamble"), "YAML syntax error"),
    Case("yaml_undefined_alias", REL, sub(REL, r"^    whole: \S+$", "    whole: *whole"), "found undefined alias"),
    Case(
        "yaml_two_documents",
        TOP,
        lambda d: (d / TOP).write_text((d / TOP).read_text("utf-8") + "---\ntopics: []\n", "utf-8"),
        "YAML syntax error",
    ),
    Case("yaml_control_character", REP, sub(REP, r"^(  issuer_en: .*)$", "\\g<1>\x07"), "YAML syntax error"),
    Case(
        "yaml_python_object_tag",
        GLO,
        sub(GLO, r"^    zh: 依法行政$", "    zh: !!python/object/apply:os.system [echo hi]"),
        "YAML syntax error: could not determine a constructor",
    ),
    Case("yaml_bad_merge_key", FIG, sub(FIG, r"^(    section: 1\.2\.1)$", "    <<: 5\n\\g<1>"), "YAML syntax error"),
    Case("yaml_bad_binary", FIG, sub(FIG, r"^    unit_en: categories$", "    unit_en: !!binary '%%%'"), "YAML"),
    Case("yaml_list_as_key", GLO, sub(GLO, r"^    zh: 依法行政$", "    ? [zh]\n    : 依法行政"), "unhashable key"),
    Case(
        "yaml_impossible_date",
        FIG,
        sub(FIG, r"^    period: 2012-01-01/2012-12-31$", "    period: 2012-02-30"),
        "YAML value error: day is out of range",
    ),
    Case(
        "yaml_deep_nesting",
        REL,
        write_text(REL, "report: kunshan-2012\nrelations: " + "[" * 20000 + "]" * 20000 + "\n"),
        "maximum nesting depth",
    ),
    # -- bytes and encodings -----------------------------------------------------------
    Case("encoding_gbk_file", GLO, reencode(GLO, "gbk"), "not valid UTF-8"),
    Case("encoding_utf16_file", TOP, reencode(TOP, "utf-16"), "not valid UTF-8 (byte 0xff at offset 0)"),
    Case(
        "encoding_latin1_byte_in_outline",
        OUT,
        lambda d: (d / OUT).write_bytes((d / OUT).read_bytes().replace(b"Preamble", b"Pr\xe9amble", 1)),
        "not valid UTF-8 (byte 0xe9",
    ),
    Case("encoding_binary_garbage", REL, write_bytes(REL, bytes(range(256)) * 64), "not valid UTF-8"),
    Case(
        "encoding_source_not_utf8",
        SRC,
        source_bytes(lambda raw: raw.replace("依法行政".encode(), "依法行政".encode("gbk"), 1)),
        "not valid UTF-8",
        shown=SRC,
    ),
    # -- empty, wrong shape, wrong kind of file, size ----------------------------------
    Case("empty_figures_file", FIG, write_text(FIG, ""), "file is empty"),
    Case("whitespace_only_outline", OUT, write_text(OUT, "   \n\n\t\n".replace("\t", " ")), "file is empty"),
    Case("comment_only_relations", REL, write_text(REL, "# nothing here yet\n"), "file is empty"),
    Case(
        "shape_topics_is_a_string",
        TOP,
        write_text(TOP, "just some words\n"),
        "expected a mapping with keys topics, found a string",
    ),
    Case(
        "shape_reports_is_a_mapping",
        REP,
        write_text(REP, "id: kunshan-2012\nyear: 2012\n"),
        "expected a list of entries, found a mapping",
    ),
    Case(
        "shape_figures_list_is_a_number",
        FIG,
        sub(FIG, r"^figures:\n(?:.*\n)*?(?=^excluded:)", "figures: 3\n"),
        "field 'figures': input should be a valid list",
    ),
    Case(
        "shape_frameworks_is_a_list",
        FWK,
        write_text(FWK, "- frameworks\n- crosswalk\n"),
        "expected a mapping with keys frameworks, crosswalk",
    ),
    Case(
        "shape_unknown_top_level_key",
        GLO,
        lambda d: (d / GLO).write_text((d / GLO).read_text("utf-8") + "extra: 1\n", "utf-8"),
        "field 'extra': unknown field",
    ),
    Case(
        "shape_missing_report_header",
        FIG,
        sub(FIG, r"^report: kunshan-2012\n", ""),
        "field 'report': missing required field",
    ),
    Case("file_is_a_directory", FIG, replace_with_dir(FIG), "file not found", line=False),
    Case("required_topics_missing", TOP, delete(TOP), "file not found", line=False),
    Case("huge_glossary", GLO, huge(GLO, 9), "file too large", line=False),
    # -- quotes ------------------------------------------------------------------------
    Case(
        "quote_empty",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    quote: .*$", '    quote: ""'),
        "field 'quote': string should have at least 1 character",
    ),
    Case(
        "quote_is_a_number",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    quote: .*$", "    quote: 22"),
        "field 'quote': input should be a valid string",
    ),
    Case(
        "quote_is_a_list",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    quote: .*$", "    quote: [4大类, 22家单位]"),
        "field 'quote': input should be a valid string",
    ),
    Case(
        "quote_is_null",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    quote: .*$", "    quote:"),
        "field 'quote': input should be a valid string",
    ),
    Case(
        "quote_fullwidth_digits",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^(    quote: \D*)(\d+)", fullwidth_digits),
        "field 'quote': quote not found in source",
    ),
    Case(
        "quote_trailing_space",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    quote: (.*)$", r'    quote: "\1 "'),
        "field 'quote': quote not found in source",
    ),
    Case(
        "quote_mojibake_repaired",
        FIG,
        sub(FIG, r"^  - quote: 2012年\?2013年", "  - quote: 2012年-2013年"),
        "field 'quote': quote not found in source",
    ),
    Case(
        "excluded_quote_empty",
        FIG,
        sub(FIG, r"^  - quote: 2012年\?2013年.*$", '  - quote: ""'),
        "string should have at least 1 character",
    ),
    # -- numbers -----------------------------------------------------------------------
    Case(
        "value_with_percent_sign",
        FIG,
        in_entry(FIG, RATE_FIG, r"^    value: (.*)$", r"    value: \1%"),
        "field 'value': input should be a valid number",
    ),
    Case(
        "value_nan",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    value: .*$", "    value: .nan"),
        "field 'value': input should be a finite number",
    ),
    Case(
        "value_infinite",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    value: .*$", "    value: -.inf"),
        "field 'value': input should be a finite number",
    ),
    Case(
        "value_overflows_to_infinity",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    value: .*$", "    value: 1e999"),
        "field 'value': input should be a finite number",
    ),
    Case(
        "value_thousands_separator",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    value: .*$", "    value: 4,000"),
        "field 'value': input should be a valid number",
    ),
    Case(
        "value_negative",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    value: .*$", "    value: -4"),
        "field 'value': value -4 does not appear in quote",
    ),
    Case(
        "value_boolean",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    value: .*$", "    value: yes"),
        "field 'value': value 1 does not appear in quote",
    ),
    Case(
        "value_missing", FIG, in_entry(FIG, FIRST_FIG, r"^    value: .*\n", ""), "field 'value': missing required field"
    ),
    Case(
        "report_year_out_of_range",
        REP,
        sub(REP, r"^  year: 2012$", "  year: 12"),
        "field 'year': input should be greater than or equal to 1990",
    ),
    # -- ids ---------------------------------------------------------------------------
    Case(
        "id_uppercase",
        FIG,
        sub(FIG, r"^  - id: suzhou_model_units_selected$", "  - id: Suzhou_model_units_selected"),
        "field 'id': string should match pattern",
    ),
    Case(
        "id_with_dash",
        REL,
        sub(REL, r"^  - id: hotline_funnel$", "  - id: hotline-funnel"),
        "field 'id': string should match pattern",
    ),
    Case(
        "id_is_a_number",
        GLO,
        sub(GLO, r"^  - id: law_based_administration$", "  - id: 42"),
        "field 'id': input should be a valid string",
    ),
    Case(
        "duplicate_relation_id",
        REL,
        sub(REL, r"^  - id: harmonious_community_base$", "  - id: hotline_funnel"),
        "duplicate relation id 'hotline_funnel'",
    ),
    Case(
        "duplicate_topic_id",
        TOP,
        lambda d: (d / TOP).write_text(
            (d / TOP).read_text("utf-8") + "  - {id: demonstration, en: Models again, zh: 示范}\n", "utf-8"
        ),
        "duplicate topic id 'demonstration'",
    ),
    Case(
        "duplicate_term_zh",
        GLO,
        in_entry(GLO, "  - id: law_based_government", r"^    zh: .*$", "    zh: 依法行政"),
        "field 'zh': duplicate term '依法行政'",
    ),
    Case(
        "duplicate_report_entry",
        REP,
        lambda d: (d / REP).write_text(
            (d / REP).read_text("utf-8") + "\n".join((d / REP).read_text("utf-8").split("\n")[2:]), "utf-8"
        ),
        "duplicate report id 'kunshan-2012'",
    ),
    Case(
        "framework_id_bad",
        FWK,
        sub(FWK, r"^  - id: outline-2004$", "  - id: Outline2004"),
        "field 'id': string should match pattern",
    ),
    # -- sections ----------------------------------------------------------------------
    Case(
        "section_measure_zero",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    section: .*$", "    section: 1.2.0"),
        "field 'section': string should match pattern",
    ),
    Case(
        "section_part_seven",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    section: .*$", '    section: "7"'),
        "field 'section': string should match pattern",
    ),
    Case(
        "relation_section_not_parsed",
        REL,
        in_entry(REL, FUNNEL_REL, r"^    section: .*$", "    section: 5.1.9"),
        "field 'section': section 5.1.9 is not in the parsed outline",
    ),
    Case(
        "outline_duplicate_section",
        OUT,
        sub(OUT, r'^  - section: "1"\n', '  - section: "1"\n    title_en: Again\n  - section: "1"\n'),
        "duplicate section '1'",
    ),
    Case(
        "outline_title_empty",
        OUT,
        sub(OUT, r"^    title_en: Preamble$", '    title_en: ""'),
        "field 'title_en': string should have at least 1 character",
    ),
    Case(
        "outline_tags_not_a_list",
        OUT,
        sub(OUT, r"^    tags: \[planning_assessment, demonstration\]$", "    tags: planning_assessment"),
        "field 'tags': input should be a valid list",
    ),
    Case(
        "outside_frameworks_section_not_parsed",
        FWK,
        sub(FWK, r'section: "1\.2", theme_en', 'section: "1.9", theme_en'),
        "section 1.9 is not in the parsed outline",
    ),
    Case(
        "closing_marker_missing",
        REP,
        sub(REP, r"^  closing_starts_with: .*$", "  closing_starts_with: 展望明年"),
        "field 'closing_starts_with': closing marker not found in the body",
    ),
    # -- periods -----------------------------------------------------------------------
    Case(
        "period_not_a_calendar_date",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period: .*$", "    period: 2012-02-30/2012-12-31"),
        "field 'period': not a calendar date",
    ),
    Case(
        "period_month_thirteen",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period: .*$", "    period: 2012-13-01/2012-12-31"),
        "not a calendar date",
    ),
    Case(
        "period_single_date",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period: .*$", '    period: "2012-10-31"'),
        "not an ISO 8601 interval",
    ),
    Case(
        "period_open_ended",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period: .*$", "    period: 2012-01-01/.."),
        "not an ISO 8601 interval",
    ),
    Case(
        "period_unquoted_date_object",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period: .*$", "    period: 2012-10-31"),
        "field 'period': input should be a valid string",
    ),
    Case(
        "report_period_reversed",
        REP,
        sub(REP, r"^  period: 2012-01-01/2012-12-31$", "  period: 2012-12-31/2012-01-01"),
        "field 'period': interval starts after it ends",
    ),
    # -- how a period is known: the basis, its words and the quote's sentence ---------------
    Case(
        "period_basis_unknown",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period_basis: .*$", "    period_basis: full_year"),
        "field 'period_basis': input should be 'whole_year'",
    ),
    Case(
        "period_basis_missing",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    period_basis: .*\n", ""),
        "field 'period_basis': missing required field",
    ),
    # 连续3年 names no years: 2010-2012 is the book's reading, never a stated period
    Case(
        "consecutive_years_not_a_reading",
        FIG,
        in_entry(FIG, "  - id: heads_in_court_years", r"^    period_basis: reading$", "    period_basis: other"),
        "field 'period_basis': '连续3年' names no years: the years are a reading",
    ),
    Case(
        "period_words_not_in_the_sentence",
        FIG,
        in_entry(FIG, LAWS_FIG, r"^    period_words: 今年$", "    period_words: 今年以来"),
        "field 'period_words': '今年以来' is not in the quote's sentence s-1.3.1-3",
    ),
    Case(
        "whole_year_without_quannian",
        FIG,
        in_entry(FIG, LAWS_FIG, r"^    period_basis: year_to_date$", "    period_basis: whole_year"),
        "field 'period_words': whole_year needs period_words matching 全年 (got '今年')",
    ),
    Case(
        "not_stated_with_words",
        FIG,
        in_entry(
            FIG, RATE_FIG, r"^    period_basis: not_stated$", "    period_basis: not_stated\n    period_words: 去年"
        ),
        "field 'period_words': '去年' states a period, but period_basis is not_stated",
    ),
    Case(
        "not_stated_in_a_quannian_sentence",
        FIG,
        in_entry(
            FIG,
            "  - id: mediation_cases",
            r"^    period_basis: whole_year\n    period_words: 全年$",
            "    period_basis: not_stated",
        ),
        "field 'period_basis': not_stated, but the quote's sentence s-5.3.1-4 opens with '全年'",
    ),
    Case(
        "not_stated_period_not_the_year",
        FIG,
        in_entry(FIG, "  - id: suzhou_model_units_selected", r"^    period: .*$", "    period: 2012-01-01/2012-06-30"),
        "field 'period': not_stated: the period must be 2012-01-01/2012-12-31 (no period is stated, so the "
        "report's year is assumed)",
    ),
    Case(
        "to_date_period_wrong_end",
        FIG,
        in_entry(FIG, "  - id: hotline_calls", r"^    period: .*$", "    period: /2012-09-30"),
        "field 'period': to_date: the period must be /2012-10-31 ('截止10月底' gives the end and no start); "
        "got /2012-09-30",
    ),
    Case(
        "to_date_period_starting_in_january",  # 截止10月底 states no start: the period claims none
        FIG,
        in_entry(FIG, "  - id: hotline_calls", r"^    period: .*$", "    period: 2012-01-01/2012-10-31"),
        "field 'period': to_date: the period must be /2012-10-31",
    ),
    Case(
        "year_to_date_period_to_31_december",  # 今年以来 states no end: the report was written before it
        FIG,
        in_entry(FIG, "  - id: executive_meeting_topics", r"^    period: .*$", "    period: 2012-01-01/2012-12-31"),
        "field 'period': year_to_date: the period must be 2012-01-01/ (the text gives the start of the year and "
        "no end); got 2012-01-01/2012-12-31",
    ),
    Case(
        "last_year_outside_its_clause",  # 去年 dates the 14.4% of 2011, not the 19.62% after it
        FIG,
        in_entry(
            FIG,
            "  - id: approval_speedup_2012",
            r"^    period_basis: .*$",
            "    period_basis: other\n    period_words: 去年",
        ),
        "field 'period_words': '去年' dates only the clause it stands in, not the quote's clause '再提速19.62%'",
    ),
    Case(
        "designation_years_as_one_year",  # 2012?2013年度 is two years
        FIG,
        in_entry(FIG, "  - id: model_units_designated", r"^    period: .*$", "    period: 2012-01-01/2012-12-31"),
        "field 'period': other: the period must be 2012-01-01/2013-12-31 ('2012?2013年度' in a report of 2012)",
    ),
    Case(
        "other_without_words",
        FIG,
        in_entry(FIG, "  - id: model_unit_categories", r"^    period_words: .*\n", ""),
        "field 'period_words': other needs period_words",
    ),
    Case(
        "reading_without_note",
        FIG,
        in_entry(FIG, "  - id: leaders_receiving_per_day", r"^    note_en: .*\n", ""),
        "field 'period_basis': a reading needs a note_en",
    ),
    # -- relations ---------------------------------------------------------------------
    Case("relation_missing_kind", REL, in_entry(REL, FUNNEL_REL, r"^    kind: funnel\n", ""), "field 'kind'"),
    Case(
        "relation_one_part",
        REL,
        in_entry(REL, SUM_REL, r"^    parts: \[.*\]$", "    parts: [normative_documents_abolished]"),
        "field 'parts': list should have at least 2 items",
    ),
    Case(
        "relation_part_is_the_whole",
        REL,
        in_entry(REL, SUM_REL, r"^    parts: \[(\w+),", r"    parts: [normative_documents_cleaned_up,"),
        "is both a part and the whole",
    ),
    Case(
        "relation_numerator_is_a_rate",
        REL,
        in_entry(REL, RATE_REL, r"^    numerator: .*$", "    numerator: approval_items_in_hall_rate"),
        "is a rate, not a count",
    ),
    Case(
        "relation_stated_is_a_count",
        REL,
        in_entry(REL, RATE_REL, r"^    stated: .*$", "    stated: mediation_cases"),
        "is a count, not a rate",
    ),
    Case(
        "relation_funnel_starts_with_rate",
        REL,
        in_entry(
            REL, FUNNEL_REL, r"^    stages: \[hotline_calls,", "    stages: [hotline_on_time_rate, hotline_calls,"
        ),
        "must be a count, not a rate",
    ),
    Case(
        "relation_bad_formula",
        REL,
        in_entry(REL, COMPOUND_REL, r"^        formula: compound_reduction$", "        formula: multiply"),
        "field 'formula': input should be",
    ),
    Case(
        "relation_unknown_field",
        REL,
        in_entry(REL, SUM_REL, r"^    whole: (.*)$", r"    whole: \1\n    total: \1"),
        "field 'total': unknown field",
    ),
    # -- other fields ------------------------------------------------------------------
    Case(
        "qualifier_unknown",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    qualifier: .*$", "    qualifier: roughly"),
        "field 'qualifier': input should be",
    ),
    Case(
        "kind_unknown",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    kind: .*$", "    kind: percentage"),
        "field 'kind': input should be",
    ),
    Case(
        "unit_en_empty",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    unit_en: .*$", '    unit_en: ""'),
        "field 'unit_en': string should have at least 1 character",
    ),
    Case(
        "note_is_a_list",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    note_en: .*$", "    note_en: [one, two]"),
        "field 'note_en': input should be a valid string",
    ),
    Case(
        "topic_is_a_list",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    topic: .*$", "    topic: [demonstration]"),
        "field 'topic': input should be a valid string",
    ),
    Case(
        "also_en_not_a_list",
        GLO,
        in_entry(GLO, FIRST_TERM, r"^    also_en: .*$", "    also_en: administration according to law"),
        "field 'also_en': input should be a valid list",
    ),
    Case(
        "term_missing_english",
        GLO,
        in_entry(GLO, FIRST_TERM, r"^    en: .*\n", ""),
        "field 'en': missing required field",
    ),
    Case(
        "framework_confidence_unknown",
        FWK,
        sub(FWK, r"\{code: outline-2004\.1, confidence: likely,", "{code: outline-2004.1, confidence: maybe,"),
        "field 'confidence': input should be",
    ),
    Case(
        "crosswalk_reason_empty",
        FWK,
        sub(FWK, r'area: outline-2004\.2, reason_en: "[^"]*"', 'area: outline-2004.2, reason_en: ""'),
        "field 'reason_en': string should have at least 1 character",
    ),
    Case(
        "crosswalk_unknown_report",
        FWK,
        sub(
            FWK,
            r'\{report: kunshan-2012, section: "0", area: outline-2004\.2',
            '{report: wuxi-2012, section: "0", area: outline-2004.2',
        ),
        "no report 'wuxi-2012' in reports.yaml",
    ),
    Case(
        "sha256_not_hex",
        REP,
        sub(REP, r"^  sha256: [0-9a-f]{64}$", "  sha256: not-a-digest"),
        "field 'sha256': string should match pattern",
    ),
    Case(
        "source_path_missing",
        REP,
        sub(REP, r"^  source: .*$", "  source: sources/nowhere.txt"),
        "source file not found: data/sources/nowhere.txt",
    ),
    # -- the parallel text -------------------------------------------------------------
    Case(
        "translation_sentence_missing",
        TRA,
        sub(TRA, r"^  - id: s-4\.1\.4-2\n    zh: .*\n    en: .*\n", ""),
        "sentences not translated: s-4.1.4-2",
    ),
    Case(
        "translation_zh_not_verbatim",
        TRA,
        sub(TRA, r"^(    zh: \"一是注重规划)。", r"\1."),
        "field 'zh': differs from the body's sentence s-1.1.1-1",
    ),
    Case(
        "translation_en_empty",
        TRA,
        sub(TRA, r"^(  - id: s-0-3\n    zh: .*\n)    en: .*$", r'\1    en: ""'),
        "field 'en': string should have at least 1 character",
    ),
    Case(
        "translation_out_of_order",
        TRA,
        sub(TRA, r"^(  - id: s-0-2\n    zh: .*\n    en: .*\n)(  - id: s-0-3\n    zh: .*\n    en: .*\n)", r"\2\1"),
        "out of reading order",
    ),
    Case(
        "source_truncated",
        SRC,
        source_bytes(lambda raw: raw.decode()[: len(raw.decode()) // 3].encode()),
        "body marker not found in the source",
        shown=REP,
    ),
    # -- notes are templates: a placeholder must name the report's data ---------------
    Case(
        "note_placeholder_unknown_figure",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    note_en: .*$", '    note_en: "Covers {model_unit_categorie}."'),
        "field 'note_en': unknown placeholder {model_unit_categorie}",
    ),
    Case(
        "note_placeholder_figure_with_format",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    note_en: .*$", '    note_en: "Covers {model_unit_categories:.1f}."'),
        "a figure takes no format",
    ),
    Case(
        "note_placeholder_unbalanced",
        FIG,
        in_entry(FIG, FIRST_FIG, r"^    note_en: .*$", '    note_en: "Covers {model_unit_categories."'),
        "unbalanced brace",
    ),
    Case(
        "relation_placeholder_bad_attribute",
        REL,
        in_entry(REL, RATE_REL, r"^    note_en: .*$", '    note_en: "Computed {mediation_success_rate_check.value}."'),
        "a relation needs .computed, .stated or .verdict",
    ),
    Case(
        "relation_placeholder_bad_format",
        REL,
        in_entry(
            REL, RATE_REL, r"^    note_en: .*$", '    note_en: "Computed {mediation_success_rate_check.computed:.9q}."'
        ),
        "bad format '.9q'",
    ),
    Case(
        "interpretation_label_unknown_placeholder",
        REL,
        sub(
            REL,
            r"^(        label_en: Processing time cut by )\{approval_speedup_2011\}",
            "\\g<1>{approval_speedup_2010}",
        ),
        "field 'interpretations[0].label_en': unknown placeholder {approval_speedup_2010}",
    ),
    Case(
        "crosswalk_reason_unknown_placeholder",
        FWK,
        sub(FWK, r"\(\{executive_meeting_topics\}\)", "({executive_meetings})"),
        "field 'reason_en': unknown placeholder {executive_meetings}",
    ),
    Case(
        "glossary_explanation_with_placeholder",
        GLO,
        in_entry(
            GLO, FIRST_TERM, r"^    explanation_en: (.*)$", '    explanation_en: "Counted {hotline_calls} times."'
        ),
        "a glossary explanation is shared by every report",
    ),
]


def test_corpus_is_large_and_distinct() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 50
    from test_validate_errors import CASES as EXACT

    assert not set(names) & set(EXACT)


IN_A_REAL_PROCESS = {
    "yaml_tab_indent",
    "encoding_gbk_file",
    "encoding_binary_garbage",
    "file_is_a_directory",
    "huge_glossary",
    "quote_fullwidth_digits",
    "translation_zh_not_verbatim",
    "source_truncated",
}


def test_the_real_process_cases_exist() -> None:
    assert {c.name for c in CASES} >= IN_A_REAL_PROCESS


def _tree(path: Path) -> dict[str, str]:
    return {
        p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def previous_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good export of the real data: what a failed export must leave untouched."""
    out = tmp_path_factory.mktemp("previous") / "export"
    result = run_cli("export", str(out), "--data", str(REAL_DATA))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_input(case: Case, tmp_path: Path, previous_export: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    case.mutate(data)
    lawgov = run_cli if case.name in IN_A_REAL_PROCESS else call_cli

    result = lawgov("validate", "--data", str(data))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    lines = result.stderr.splitlines()
    assert lines[-1:] == ["1 problem found"], f"expected one problem line:\n{result.stderr}"
    (problem,) = lines[:-1]
    shown = re.escape(f"data/{case.shown or case.file}")
    where = rf"^{shown}:[1-9]\d*: " if case.line else rf"^{shown}: "
    assert re.match(where, problem), f"{problem!r} does not start with {where!r}"
    assert case.expect.lower() in problem.lower(), f"{case.expect!r} not in {problem!r}"

    # the export refuses too, and leaves its target as it found it
    index = CASES.index(case)
    out = tmp_path / "out"
    if index % 2:
        shutil.copytree(previous_export, out)
    before = _tree(out) if out.exists() else None
    exported = lawgov("export", str(out), "--data", str(data))
    assert "Traceback" not in exported.stderr, exported.stderr
    assert exported.returncode == 1, exported.stderr
    assert problem in exported.stderr.splitlines()
    if before is None:
        assert not out.exists(), f"export left {sorted(p.name for p in out.iterdir())} behind"
    else:
        assert _tree(out) == before, "a failed export changed the previous export"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("data", "out")]
    assert leftovers == [], f"export left temporary files: {leftovers}"
