"""The outline parser: markers found in the text, stable P.S.M numbers, nested spans."""
from __future__ import annotations

import re

import pytest

from conftest import real_body, real_headings
from lawgov.dataset.headings import Heading, find_body, parse_outline, section_of

SYNTHETIC = """标题
前言一段。
一、第一部分
(一)小节甲。一是做甲。统一行动。二是做乙。
(二)小节乙。正文。
二、第二部分
(一)小节丙。一是做丙。
回顾一年来的工作,结尾。
"""


def test_synthetic_outline_numbers_and_spans() -> None:
    hs = parse_outline(SYNTHETIC, "回顾一年来的工作")
    assert [h.section for h in hs] == ["0", "1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "2.1.1", "6"]
    by = {h.section: h for h in hs}
    assert by["1.1"].heading_zh == "小节甲" and by["1.1.2"].heading_zh == "做乙"
    assert by["1.1.1"].marker == "一是" and by["1.1"].marker == "(一)" and by["2"].marker == "二、"
    # 统一 inside a sentence is not a measure marker: measure 1 runs on until 二是
    assert "统一行动" in SYNTHETIC[by["1.1.1"].start : by["1.1.1"].end]
    assert SYNTHETIC[by["6"].start :].startswith("回顾一年来的工作")


def test_parser_rejects_out_of_order_parts() -> None:
    with pytest.raises(ValueError, match="part"):
        parse_outline("一、甲\n三、丙\n结尾", "结尾")


def test_parser_needs_the_closing_marker() -> None:
    with pytest.raises(ValueError, match="closing marker"):
        parse_outline(SYNTHETIC, "没有这句话")


def test_find_body_takes_the_last_title_before_the_end() -> None:
    text = "导航 标题\n页眉\n标题\n正文。\n原文地址:\n页脚"
    start, end = find_body(text, "标题", "原文地址:")
    assert text[start:end] == "标题\n正文。"
    with pytest.raises(ValueError):
        find_body(text, "标题", "不存在")


@pytest.fixture(scope="module")
def headings() -> list[Heading]:
    return real_headings()


def test_real_outline_has_every_part_and_level(headings: list[Heading]) -> None:
    parts = [h.section for h in headings if h.level == 0]
    assert parts == ["0", "1", "2", "3", "4", "5", "6"]
    assert len({h.section for h in headings}) == len(headings)
    assert all(re.fullmatch(r"[0-6](\.[1-9](\.[1-9])?)?", h.section) for h in headings)
    assert {h.level for h in headings} == {0, 1, 2}


def test_real_outline_markers_sit_at_their_offsets(headings: list[Heading]) -> None:
    body = real_body()
    for h in headings:
        if h.marker:
            assert body[h.start :].startswith(h.marker + h.heading_zh), h.section


def test_real_outline_spans_nest(headings: list[Heading]) -> None:
    by = {h.section: h for h in headings}
    for h in headings:
        assert 0 <= h.start < h.end
        if "." in h.section:
            parent = by[h.section.rsplit(".", 1)[0]]
            assert parent.start <= h.start and h.end <= parent.end, h.section
    tops = [h for h in headings if h.level == 0]
    assert tops[0].start == 0 and tops[-1].end == len(real_body())
    assert all(a.end == b.start for a, b in zip(tops, tops[1:]))


def test_design_example_4_1_4(headings: list[Heading]) -> None:
    by = {h.section: h for h in headings}
    assert by["4.1.4"].heading_zh == "规范文件管理"
    assert by["4.1"].marker == "(一)" and by["4"].marker == "四、"
    assert section_of(headings, real_body().index("废止95件")) == "4.1.4"


def test_section_of_is_the_deepest_holding_section(headings: list[Heading]) -> None:
    body = real_body()
    sub = {h.section: h for h in headings}["4.1"]
    assert section_of(headings, sub.start) == "4.1"  # the heading itself precedes 一是
    assert section_of(headings, 0) == "0"
    assert section_of(headings, body.index("回顾一年来的工作")) == "6"
    with pytest.raises(ValueError):
        section_of(headings, len(body) + 5)
