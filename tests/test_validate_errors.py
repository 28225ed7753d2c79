"""One test per class of data error: break one thing in a copy of the fixture data and check
that ``python -m lawgov validate --data DIR`` prints exactly the expected line(s) and exits 1.

Expected lines are written from the error format (FILE:LINE: entry 'ID': field 'F': what),
with lines looked up in the broken file, never copied from the program's output.

The per-class cases call the command in the test's process (``conftest.call_cli``, a fresh
process's view), but for ``IN_A_REAL_PROCESS``; the other tests run ``python -m lawgov``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import call_cli, line_of, replace_in, run_cli

FIG = "data/figures/kunshan-2012.yaml"
REL = "data/relations/kunshan-2012.yaml"
OUT = "data/outline/kunshan-2012.yaml"


def _entry_line(path: Path, fid: str) -> int:
    return line_of(path, f"- id: {fid}")


def _field_line(path: Path, fid: str, field: str) -> int:
    """Line of ``field:`` inside the entry whose id is ``fid``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = _entry_line(path, fid)
    for i in range(start - 1, len(lines)):
        if lines[i].lstrip(" -").startswith(f"{field}:") and (i == start - 1 or not lines[i].lstrip().startswith("- ")):
            return i + 1
    raise AssertionError(f"{field} not in entry {fid}")


# Each case breaks the data dir and returns the expected stderr problem lines. A line that
# starts with "re:" is a regular expression (used where the wording is the YAML or pydantic
# library's own, so only our part of the line is pinned exactly).
Case = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` by ``new`` in one file; the one problem is reported at a line of the edited file.

    ``at`` finds that line after the edit: a text (its first line holding it) or
    (entry id, field) for the line of that field in that entry. In ``expect``, ``{file}``
    and ``{line}`` stand for the file (as the problem names it) and that line.
    """

    file: str  # relative to the data dir
    old: str
    new: str
    at: str | tuple[str, str]
    expect: str

    def __call__(self, d: Path) -> list[str]:
        p = d / self.file
        replace_in(p, self.old, self.new)
        line = line_of(p, self.at) if isinstance(self.at, str) else _field_line(p, *self.at)
        file = f"data/{self.file}"
        shown = re.escape(file) if self.expect.startswith("re:") else file
        return [self.expect.replace("{file}", shown).replace("{line}", str(line))]


# The files of the data dir an edit breaks (problem lines name them as data/<file>).
F, R, O, G, W = (
    "figures/kunshan-2012.yaml",
    "relations/kunshan-2012.yaml",
    "outline/kunshan-2012.yaml",
    "glossary.yaml",
    "frameworks.yaml",
)
HOTLINE_PERIOD = (
    "    period: /2012-10-31\n    period_basis: to_date\n    period_words: 截止10月底\n    indicator_en: Hotline calls"
)
SECTION_414 = '  - section: "4.1.4"\n    title_en: Section 4.1.4\n    tags: []\n'

EDITS: dict[str, Edit] = {
    "yaml_syntax_error": Edit(
        G,
        "    zh: 行政复议",
        "    zh: [行政复议",
        "en: administrative reconsideration",
        r"re:^{file}:{line}: YAML syntax error: \S.*$",
    ),
    "unknown_field": Edit(
        F,
        "    topic: audit\n    kind: money\n",
        "    topic: audit\n    kind: money\n    source_page: 3\n",
        "    source_page: 3",
        "{file}:{line}: entry 'audit_savings': field 'source_page': unknown field",
    ),
    "missing_field": Edit(
        F,
        "    unit_en: 100 million yuan\n",
        "",
        "- id: audit_savings",
        "{file}:{line}: entry 'audit_savings': field 'unit_en': missing required field",
    ),
    "wrong_type": Edit(
        F,
        "    value: 3.7\n",
        "    value: a lot\n",
        ("audit_savings", "value"),
        r"re:^{file}:{line}: entry 'audit_savings': field 'value': input should be a valid number.* \(got 'a lot'\)$",
    ),
    "bad_period": Edit(
        F,
        HOTLINE_PERIOD,
        HOTLINE_PERIOD.replace("/2012-10-31", "2012-01 to 2012-10"),
        ("hotline_calls", "period"),
        "{file}:{line}: entry 'hotline_calls': field 'period': "
        "not an ISO 8601 interval YYYY-MM-DD/YYYY-MM-DD (either end may be empty: YYYY-MM-DD/) "
        "(got '2012-01 to 2012-10')",
    ),
    "reversed_period": Edit(
        F,
        HOTLINE_PERIOD,
        HOTLINE_PERIOD.replace("/2012-10-31", "2012-10-31/2012-01-01"),
        ("hotline_calls", "period"),
        "{file}:{line}: entry 'hotline_calls': field 'period': "
        "interval starts after it ends (got '2012-10-31/2012-01-01')",
    ),
    "period_words_not_in_sentence": Edit(
        F,
        "    period_words: 今年\n",
        "    period_words: 今年以来\n",
        ("suggestions_satisfaction_rate", "period_words"),
        r"re:^{file}:{line}: entry 'suggestions_satisfaction_rate': field 'period_words': "
        r"'今年以来' is not in the quote's sentence s-3\.3\.3-3 \(今年,认真办理.*\.\.\.\)$",
    ),
    "whole_year_period_not_the_year": Edit(
        F,
        "    period: 2012-01-01/2012-12-31\n    period_basis: whole_year\n    period_words: 全年\n"
        "    indicator_en: Administrative lawsuits lost",
        "    period: 2012-01-01/2012-11-30\n    period_basis: whole_year\n    period_words: 全年\n"
        "    indicator_en: Administrative lawsuits lost",
        ("lawsuits_lost", "period"),
        "{file}:{line}: entry 'lawsuits_lost': field 'period': whole_year: the period must be "
        "2012-01-01/2012-12-31 (全年 is the report's year); got 2012-01-01/2012-11-30",
    ),
    # 今年 gives the start of the year and no end: a count "this year" claims no 31 December
    "year_to_date_period_with_an_end": Edit(
        F,
        "    period: 2012-01-01/\n    period_basis: year_to_date\n",
        "    period: 2012-01-01/2012-12-31\n    period_basis: year_to_date\n",
        ("suggestions_satisfaction_rate", "period"),
        "{file}:{line}: entry 'suggestions_satisfaction_rate': field 'period': year_to_date: the period must be "
        "2012-01-01/ (the text gives the start of the year and no end); got 2012-01-01/2012-12-31",
    ),
    # 截止10月底 gives the end and no start: a count to the end of October claims no 1 January
    "to_date_period_from_january": Edit(
        F,
        HOTLINE_PERIOD,
        HOTLINE_PERIOD.replace("/2012-10-31", "2012-01-01/2012-10-31"),
        ("hotline_calls", "period"),
        "{file}:{line}: entry 'hotline_calls': field 'period': to_date: the period must be /2012-10-31 "
        "('截止10月底' gives the end and no start); got 2012-01-01/2012-10-31",
    ),
    "section_not_in_outline": Edit(
        F,
        "    section: 4.2.3\n",
        "    section: 4.2.9\n",
        ("audit_savings", "section"),
        "{file}:{line}: entry 'audit_savings': field 'section': section 4.2.9 is not in the parsed outline",
    ),
    "quote_not_verbatim": Edit(
        F,
        "quote: 废止95件",
        "quote: 共废止95件",
        ("normative_documents_abolished", "quote"),
        "{file}:{line}: entry 'normative_documents_abolished': field 'quote': quote not found in source",
    ),
    "quote_in_other_section": Edit(
        F,
        "    section: 4.2.3\n",
        "    section: 4.2.2\n",
        ("audit_savings", "quote"),
        "{file}:{line}: entry 'audit_savings': field 'quote': quote found in source but not in section 4.2.2",
    ),
    "value_not_in_quote": Edit(
        F,
        "    value: 95\n",
        "    value: 96\n",
        ("normative_documents_abolished", "value"),
        "{file}:{line}: entry 'normative_documents_abolished': field 'value': "
        "value 96 does not appear in quote '废止95件'",
    ),
    "chinese_value_not_in_quote": Edit(
        F,
        "    value: 4\n",
        "    value: 5\n",
        ("town_reform_working_groups", "value"),
        "{file}:{line}: entry 'town_reform_working_groups': field 'value': "
        "value 5 does not appear in quote '等四个工作组'",
    ),
    "unknown_topic": Edit(
        F,
        "    topic: audit\n",
        "    topic: auditing\n",
        ("audit_savings", "topic"),
        "{file}:{line}: entry 'audit_savings': field 'topic': unknown topic 'auditing' (not in topics.yaml)",
    ),
    "relation_names_missing_figure": Edit(
        R,
        "      - hotline_valid_orders\n",
        "      - hotline_orders\n",
        "      - hotline_orders",
        "{file}:{line}: entry 'hotline_funnel': field 'stages': "
        "relation names figure 'hotline_orders' that does not exist",
    ),
    "relation_unknown_kind": Edit(
        R,
        "    kind: funnel\n",
        "    kind: pipeline\n",
        "    kind: pipeline",
        r"re:^{file}:{line}: entry 'hotline_funnel': field 'kind': input tag 'pipeline' .*$",
    ),
    "term_not_in_text": Edit(
        G,
        "    zh: 行政复议\n",
        "    zh: 依法治国\n",
        "zh: 依法治国",
        "{file}:{line}: entry 'administrative_reconsideration': field 'zh': term not found in the text",
    ),
    "outline_missing_section": Edit(
        O,
        SECTION_414,
        "",
        "sections:",
        "{file}:{line}: entry '4.1.4': section 4.1.4 (四是规范文件管理) is missing from the outline file",
    ),
    "outline_extra_section": Edit(
        O,
        '  - section: "4.1.4"\n',
        '  - section: "4.1.5"\n    title_en: Not in the text\n  - section: "4.1.4"\n',
        'section: "4.1.5"',
        "{file}:{line}: entry '4.1.5': field 'section': section 4.1.5 is not in the parsed outline",
    ),
    "outline_unknown_tag": Edit(
        O,
        SECTION_414,
        SECTION_414.replace("tags: []\n", "tags:\n      - normative_documents\n      - paperwork\n"),
        "- paperwork",
        "{file}:{line}: entry '4.1.4': field 'tags': unknown topic 'paperwork' (not in topics.yaml)",
    ),
    "body_marker_missing": Edit(
        "reports.yaml",
        'body_ends_before: "原文地址:"',
        'body_ends_before: "原文链接:"',
        "body_ends_before:",
        r"re:^{file}:{line}: entry 'kunshan-2012': field 'body_ends_before': body marker not found in the source: .*$",
    ),
    "crosswalk_unknown_area": Edit(
        W,
        "    area: opinion-2010.4\n",
        "    area: opinion-2010.5\n",
        "area: opinion-2010.5",
        "{file}:{line}: entry '4.1.4': field 'area': unknown framework area 'opinion-2010.5'",
    ),
    "crosswalk_unknown_section": Edit(
        W,
        "    section: 4.1.4\n",
        "    section: 4.1.8\n",
        "section: 4.1.8",
        "{file}:{line}: entry '4.1.8': field 'section': section 4.1.8 is not in the parsed outline",
    ),
    "excluded_quote_missing": Edit(
        F,
        "  - quote: 纪念宪法颁布30周年",
        "  - quote: 纪念宪法颁布三十周年",
        "- quote: 纪念宪法颁布三十周年",
        "{file}:{line}: entry '纪念宪法颁布三十周年': field 'quote': quote not found in source",
    ),
    "report_mismatch": Edit(
        R,
        "report: kunshan-2012",
        "report: kunshan-2013",
        "report: kunshan-2013",
        "{file}:{line}: field 'report': report 'kunshan-2013' does not match the file name (kunshan-2012)",
    ),
}


# The cases an edit and one line cannot state: bytes, whole files, two lines, another file.


def not_utf8(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    raw = p.read_bytes()
    at = raw.index("废止95件".encode())
    p.write_bytes(raw[:at] + b"\xff" + raw[at + 1 :])
    line = raw.count(b"\n", 0, at) + 1
    return [f"{FIG}:{line}: not valid UTF-8 (byte 0xff at offset {at})"]


def empty_file(d: Path) -> list[str]:
    (d / "glossary.yaml").write_text("", encoding="utf-8")
    return ["data/glossary.yaml:1: file is empty"]


def wrong_top_level(d: Path) -> list[str]:
    (d / "glossary.yaml").write_text("# comment\n- 依法行政\n- 行政复议\n", encoding="utf-8")
    return ["data/glossary.yaml:2: expected a mapping with keys terms, found a list"]


def duplicate_id(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    first = _entry_line(p, "lawsuits_lost")
    replace_in(p, "- id: audit_savings", "- id: lawsuits_lost")
    second = line_of(p, "- id: lawsuits_lost", 2)
    return [
        f"{FIG}:{second}: entry 'lawsuits_lost': field 'id': "
        f"duplicate figure id 'lawsuits_lost' (first at line {first})"
    ]


def duplicate_key(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    topic: audit\n", "    topic: audit\n    topic: audit\n")
    first = line_of(p, "    topic: audit")
    return [f"{FIG}:{first + 1}: duplicate key 'topic' (first at line {first})"]


def sum_mixes_units(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(
        p,
        "    quote: 修改23件\n    value: 23\n    unit_zh: 件\n",
        "    quote: 修改23件\n    value: 23\n    unit_zh: 项\n",
    )
    line = line_of(d / "relations" / "kunshan-2012.yaml", "    parts: [")
    return [
        f"{REL}:{line}: entry 'normative_cleanup_adds_up': field 'parts': "
        "part 'normative_documents_amended' is in '项' but the whole is in '件'"
    ]


def source_sha256_mismatch(d: Path) -> list[str]:
    src = d / "sources" / "kunshan-2012.txt"
    src.write_bytes(src.read_bytes() + b"\n")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    line = line_of(d / "reports.yaml", "  sha256:")
    return [
        f"data/reports.yaml:{line}: entry 'kunshan-2012': field 'sha256': "
        f"source data/sources/kunshan-2012.txt has sha256 {digest}"
    ]


def duplicate_area(d: Path) -> list[str]:
    p = d / "frameworks.yaml"
    replace_in(p, "      - code: opinion-2010.8\n", "      - code: opinion-2010.4\n")
    replace_in(p, "    area: opinion-2010.8\n", "    area: opinion-2010.4\n")
    first, second = line_of(p, "- code: opinion-2010.4"), line_of(p, "- code: opinion-2010.4", 2)
    return [
        f"data/frameworks.yaml:{second}: entry 'opinion-2010.4': field 'code': "
        f"duplicate framework area 'opinion-2010.4' (first at line {first})"
    ]


def missing_required_file(d: Path) -> list[str]:
    (d / "figures" / "kunshan-2012.yaml").unlink()
    return [f"{FIG}: file not found"]


def file_for_unknown_report(d: Path) -> list[str]:
    (d / "figures" / "wuxi-2012.yaml").write_text("report: wuxi-2012\nfigures: []\n", encoding="utf-8")
    return ["data/figures/wuxi-2012.yaml: no report 'wuxi-2012' in reports.yaml"]


CASES: dict[str, Case] = (
    EDITS
    | {
        "note_names_unknown_figure": Edit(
            F,
            "    note_en: January to October only (截止10月底).\n",
            '    note_en: "January to October only, {hotline_cals} in all."\n',
            "{hotline_cals}",
            "{file}:{line}: entry 'hotline_calls': field 'note_en': "
            "unknown placeholder {hotline_cals} (no figure or relation 'hotline_cals' in this report)",
        )
    }
    | {
        f.__name__: f
        for f in (
            not_utf8,
            empty_file,
            wrong_top_level,
            duplicate_id,
            duplicate_key,
            sum_mixes_units,
            source_sha256_mismatch,
            duplicate_area,
            missing_required_file,
            file_for_unknown_report,
        )
    }
)


IN_A_REAL_PROCESS = {"not_utf8", "missing_required_file", "duplicate_key"}


def test_the_real_process_cases_exist() -> None:
    assert set(CASES) >= IN_A_REAL_PROCESS


def test_fixture_data_is_valid(shared_data: Path) -> None:
    result = run_cli("validate", "--data", str(shared_data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 report, ")


@pytest.mark.parametrize("name", sorted(CASES))
def test_error_is_one_exact_line(name: str, data_dir: Path) -> None:
    expected = CASES[name](data_dir)
    lawgov = run_cli if name in IN_A_REAL_PROCESS else call_cli
    result = lawgov("validate", "--data", str(data_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1] == f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found"
    problems = lines[:-1]
    assert len(problems) == len(expected), result.stderr
    for want, got in zip(expected, problems):
        if want.startswith("re:"):
            assert re.match(want[3:], got), (want, got)
        else:
            assert got == want


def test_unknown_field_also_reports_the_missing_one(data_dir: Path) -> None:
    """A misspelt field name is both unknown and leaves the real one missing: both are shown."""
    p = data_dir / "figures" / "kunshan-2012.yaml"
    entry = _entry_line(p, "normative_documents_abolished")
    replace_in(p, "quote: 废止95件", "qoute: 废止95件")
    result = run_cli("validate", "--data", str(data_dir))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{FIG}:{entry}: entry 'normative_documents_abolished': field 'quote': missing required field",
        f"{FIG}:{entry + 2}: entry 'normative_documents_abolished': field 'qoute': unknown field",
    ]


def test_all_problems_are_listed_together(data_dir: Path) -> None:
    """Problems in several files are all reported in one run, ordered by file and line."""
    expected = sorted(
        [
            line
            for name in ("term_not_in_text", "value_not_in_quote", "unknown_topic")
            for line in CASES[name](data_dir)
        ],
        key=lambda line: (line.split(":")[0], int(line.split(":")[1])),
    )
    result = run_cli("validate", "--data", str(data_dir))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, "3 problems found"]


def test_missing_data_dir_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"lawgov: data directory not found: {tmp_path / 'nowhere'} (from data_dir= (--data))"
    ]
