"""One test per class of data error: break one thing in a copy of the fixture data and check
that ``python -m lawgov validate --data DIR`` prints exactly the expected line(s) and exits 1.

Expected lines are written from the error format (FILE:LINE: entry 'ID': field 'F': what),
with lines looked up in the broken file, never copied from the program's output.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import line_of, replace_in, run_cli

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


def yaml_syntax_error(d: Path) -> list[str]:
    p = d / "glossary.yaml"
    replace_in(p, "    zh: 行政复议", "    zh: [行政复议")
    return [rf"re:^data/glossary\.yaml:{line_of(p, 'en: administrative reconsideration')}: YAML syntax error: \S.*$"]


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


def unknown_field(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    line = _field_line(p, "audit_savings", "kind")
    replace_in(p, "    topic: audit\n    kind: money\n", "    topic: audit\n    kind: money\n    source_page: 3\n")
    return [f"{FIG}:{line + 1}: entry 'audit_savings': field 'source_page': unknown field"]


def missing_field(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    unit_en: 100 million yuan\n", "")
    return [f"{FIG}:{_entry_line(p, 'audit_savings')}: entry 'audit_savings': field 'unit_en': missing required field"]


def wrong_type(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    value: 3.7\n", "    value: a lot\n")
    line = _field_line(p, "audit_savings", "value")
    return [rf"re:^{re.escape(FIG)}:{line}: entry 'audit_savings': field 'value': input should be a valid number.* \(got 'a lot'\)$"]


def bad_period(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    period: 2012-01-01/2012-10-31\n    indicator_en: Hotline calls", "    period: 2012-01 to 2012-10\n    indicator_en: Hotline calls")
    line = _field_line(p, "hotline_calls", "period")
    return [f"{FIG}:{line}: entry 'hotline_calls': field 'period': not an ISO 8601 interval YYYY-MM-DD/YYYY-MM-DD (got '2012-01 to 2012-10')"]


def reversed_period(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    period: 2012-01-01/2012-10-31\n    indicator_en: Hotline calls", "    period: 2012-10-31/2012-01-01\n    indicator_en: Hotline calls")
    line = _field_line(p, "hotline_calls", "period")
    return [f"{FIG}:{line}: entry 'hotline_calls': field 'period': interval starts after it ends (got '2012-10-31/2012-01-01')"]


def duplicate_id(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    first = _entry_line(p, "lawsuits_lost")
    replace_in(p, "- id: audit_savings", "- id: lawsuits_lost")
    second = line_of(p, "- id: lawsuits_lost", 2)
    return [f"{FIG}:{second}: entry 'lawsuits_lost': field 'id': duplicate figure id 'lawsuits_lost' (first at line {first})"]


def duplicate_key(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    topic: audit\n", "    topic: audit\n    topic: audit\n")
    first = line_of(p, "    topic: audit")
    return [f"{FIG}:{first + 1}: duplicate key 'topic' (first at line {first})"]


def section_not_in_outline(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    section: 4.2.3\n", "    section: 4.2.9\n")
    line = _field_line(p, "audit_savings", "section")
    return [f"{FIG}:{line}: entry 'audit_savings': field 'section': section 4.2.9 is not in the parsed outline"]


def quote_not_verbatim(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "quote: 废止95件", "quote: 共废止95件")
    line = _field_line(p, "normative_documents_abolished", "quote")
    return [f"{FIG}:{line}: entry 'normative_documents_abolished': field 'quote': quote not found in source"]


def quote_in_other_section(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    section: 4.2.3\n", "    section: 4.2.2\n")
    line = _field_line(p, "audit_savings", "quote")
    return [f"{FIG}:{line}: entry 'audit_savings': field 'quote': quote found in source but not in section 4.2.2"]


def value_not_in_quote(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    value: 95\n", "    value: 96\n")
    line = _field_line(p, "normative_documents_abolished", "value")
    return [f"{FIG}:{line}: entry 'normative_documents_abolished': field 'value': value 96 does not appear in quote '废止95件'"]


def chinese_value_not_in_quote(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    value: 4\n", "    value: 5\n")
    line = _field_line(p, "town_reform_working_groups", "value")
    return [f"{FIG}:{line}: entry 'town_reform_working_groups': field 'value': value 5 does not appear in quote '等四个工作组'"]


def unknown_topic(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    topic: audit\n", "    topic: auditing\n")
    line = _field_line(p, "audit_savings", "topic")
    return [f"{FIG}:{line}: entry 'audit_savings': field 'topic': unknown topic 'auditing' (not in topics.yaml)"]


def relation_names_missing_figure(d: Path) -> list[str]:
    p = d / "relations" / "kunshan-2012.yaml"
    replace_in(p, "      - hotline_valid_orders\n", "      - hotline_orders\n")
    line = line_of(p, "      - hotline_orders")
    return [f"{REL}:{line}: entry 'hotline_funnel': field 'stages': relation names figure 'hotline_orders' that does not exist"]


def relation_unknown_kind(d: Path) -> list[str]:
    p = d / "relations" / "kunshan-2012.yaml"
    replace_in(p, "    kind: funnel\n", "    kind: pipeline\n")
    line = line_of(p, "    kind: pipeline")
    return [rf"re:^{re.escape(REL)}:{line}: entry 'hotline_funnel': field 'kind': input tag 'pipeline' .*$"]


def sum_mixes_units(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "    quote: 修改23件\n    value: 23\n    unit_zh: 件\n", "    quote: 修改23件\n    value: 23\n    unit_zh: 项\n")
    r = d / "relations" / "kunshan-2012.yaml"
    line = line_of(r, "    parts: [")
    return [f"{REL}:{line}: entry 'normative_cleanup_adds_up': field 'parts': part 'normative_documents_amended' is in '项' but the whole is in '件'"]


def term_not_in_text(d: Path) -> list[str]:
    p = d / "glossary.yaml"
    replace_in(p, "    zh: 行政复议\n", "    zh: 依法治国\n")
    return [f"data/glossary.yaml:{line_of(p, 'zh: 依法治国')}: entry 'administrative_reconsideration': field 'zh': term not found in the text"]


def outline_missing_section(d: Path) -> list[str]:
    p = d / "outline" / "kunshan-2012.yaml"
    replace_in(p, '  - section: "4.1.4"\n    title_en: Section 4.1.4\n    tags: []\n', "")
    return [f"{OUT}:{line_of(p, 'sections:')}: entry '4.1.4': section 4.1.4 (四是规范文件管理) is missing from the outline file"]


def outline_extra_section(d: Path) -> list[str]:
    p = d / "outline" / "kunshan-2012.yaml"
    replace_in(p, '  - section: "4.1.4"\n', '  - section: "4.1.5"\n    title_en: Not in the text\n  - section: "4.1.4"\n')
    line = line_of(p, 'section: "4.1.5"')
    return [f"{OUT}:{line}: entry '4.1.5': field 'section': section 4.1.5 is not in the parsed outline"]


def outline_unknown_tag(d: Path) -> list[str]:
    p = d / "outline" / "kunshan-2012.yaml"
    replace_in(p, '  - section: "4.1.4"\n    title_en: Section 4.1.4\n    tags: []\n', '  - section: "4.1.4"\n    title_en: Section 4.1.4\n    tags:\n      - normative_documents\n      - paperwork\n')
    return [f"{OUT}:{line_of(p, '- paperwork')}: entry '4.1.4': field 'tags': unknown topic 'paperwork' (not in topics.yaml)"]


def source_sha256_mismatch(d: Path) -> list[str]:
    src = d / "sources" / "kunshan-2012.txt"
    src.write_bytes(src.read_bytes() + b"\n")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    line = line_of(d / "reports.yaml", "  sha256:")
    return [f"data/reports.yaml:{line}: entry 'kunshan-2012': field 'sha256': source data/sources/kunshan-2012.txt has sha256 {digest}"]


def body_marker_missing(d: Path) -> list[str]:
    p = d / "reports.yaml"
    replace_in(p, 'body_ends_before: "原文地址:"', 'body_ends_before: "原文链接:"')
    line = line_of(p, "body_ends_before:")
    return [rf"re:^data/reports\.yaml:{line}: entry 'kunshan-2012': field 'body_ends_before': body marker not found in the source: .*$"]


def crosswalk_unknown_area(d: Path) -> list[str]:
    p = d / "frameworks.yaml"
    replace_in(p, "    area: opinion-2010.4\n", "    area: opinion-2010.5\n")
    return [f"data/frameworks.yaml:{line_of(p, 'area: opinion-2010.5')}: entry '4.1.4': field 'area': unknown framework area 'opinion-2010.5'"]


def crosswalk_unknown_section(d: Path) -> list[str]:
    p = d / "frameworks.yaml"
    replace_in(p, "    section: 4.1.4\n", "    section: 4.1.8\n")
    return [f"data/frameworks.yaml:{line_of(p, 'section: 4.1.8')}: entry '4.1.8': field 'section': section 4.1.8 is not in the parsed outline"]


def duplicate_area(d: Path) -> list[str]:
    p = d / "frameworks.yaml"
    replace_in(p, "      - code: opinion-2010.8\n", "      - code: opinion-2010.4\n")
    replace_in(p, "    area: opinion-2010.8\n", "    area: opinion-2010.4\n")
    first, second = line_of(p, "- code: opinion-2010.4"), line_of(p, "- code: opinion-2010.4", 2)
    return [f"data/frameworks.yaml:{second}: entry 'opinion-2010.4': field 'code': duplicate framework area 'opinion-2010.4' (first at line {first})"]


def excluded_quote_missing(d: Path) -> list[str]:
    p = d / "figures" / "kunshan-2012.yaml"
    replace_in(p, "  - quote: 纪念宪法颁布30周年", "  - quote: 纪念宪法颁布三十周年")
    return [f"{FIG}:{line_of(p, '- quote: 纪念宪法颁布三十周年')}: entry '纪念宪法颁布三十周年': field 'quote': quote not found in source"]


def missing_required_file(d: Path) -> list[str]:
    (d / "figures" / "kunshan-2012.yaml").unlink()
    return [f"{FIG}: file not found"]


def file_for_unknown_report(d: Path) -> list[str]:
    (d / "figures" / "wuxi-2012.yaml").write_text("report: wuxi-2012\nfigures: []\n", encoding="utf-8")
    return ["data/figures/wuxi-2012.yaml: no report 'wuxi-2012' in reports.yaml"]


def report_mismatch(d: Path) -> list[str]:
    replace_in(d / "relations" / "kunshan-2012.yaml", "report: kunshan-2012", "report: kunshan-2013")
    return [f"{REL}:1: field 'report': report 'kunshan-2013' does not match the file name (kunshan-2012)"]


CASES: list[Case] = [
    yaml_syntax_error, not_utf8, empty_file, wrong_top_level, unknown_field, missing_field, wrong_type,
    bad_period, reversed_period, duplicate_id, duplicate_key, section_not_in_outline, quote_not_verbatim,
    quote_in_other_section, value_not_in_quote, chinese_value_not_in_quote, unknown_topic,
    relation_names_missing_figure, relation_unknown_kind, sum_mixes_units, term_not_in_text,
    outline_missing_section, outline_extra_section, outline_unknown_tag, source_sha256_mismatch,
    body_marker_missing, crosswalk_unknown_area, crosswalk_unknown_section, duplicate_area,
    excluded_quote_missing, missing_required_file, file_for_unknown_report, report_mismatch,
]


def test_fixture_data_is_valid(shared_data: Path) -> None:
    result = run_cli("validate", "--data", str(shared_data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 report, ")


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_error_is_one_exact_line(case: Case, data_dir: Path) -> None:
    expected = case(data_dir)
    result = run_cli("validate", "--data", str(data_dir))
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
        term_not_in_text(data_dir) + value_not_in_quote(data_dir) + unknown_topic(data_dir),
        key=lambda line: (line.split(":")[0], int(line.split(":")[1])),
    )
    result = run_cli("validate", "--data", str(data_dir))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*expected, "3 problems found"]


def test_missing_data_dir_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"lawgov: data directory not found: {tmp_path / 'nowhere'} (from data_dir= (--data))"]
