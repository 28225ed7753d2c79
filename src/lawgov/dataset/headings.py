"""Find the report body inside a page capture and parse its outline from the text.

The outline is never typed: it is read from the markers the report itself uses,
``一、`` for parts, ``(一)`` for subsections and ``一是`` for measures, and numbered
``P.S.M`` (part 0 = preamble, 6 = closing). ``data/outline/*.yaml`` only adds English
titles and tags keyed by these numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A part heading stands at the start of a line; a subsection at the start of a
# paragraph; a measure right after a full stop (so 统一 or 一是 inside a word never match).
_PART = re.compile(r"(?m)^[ \t\u3000\xa0]*([一二三四五六七八九十]+)、([^\n]*)")
_SUBSECTION = re.compile(r"(?m)^[ \t\u3000\xa0]*\(([一二三四五六七八九十]+)\)([^。\n]*)。")
_MEASURE = re.compile(r"(?<=。)([一二三四五六七八九十]+)是([^。\n]*)。")


@dataclass(frozen=True)
class Heading:
    section: str  # P.S.M
    level: int  # 0 = part, 1 = subsection, 2 = measure
    marker: str  # 一、 / (一) / 一是 / "" for preamble and closing
    heading_zh: str  # verbatim words after the marker, without the full stop
    start: int  # offset of the marker in the body
    end: int  # offset where the next heading of the same or a higher level starts


def find_body(text: str, starts_with: str, ends_before: str) -> tuple[int, int]:
    """Offsets of the report body in the capture: the last ``starts_with`` before ``ends_before``."""
    end = text.find(ends_before)
    if end < 0:
        raise ValueError(f"end marker {ends_before!r} not found")
    start = text.rfind(starts_with, 0, end)
    if start < 0:
        raise ValueError(f"start marker {starts_with!r} not found before the end marker")
    return start, start + len(text[start:end].rstrip())


def _number(numeral: str) -> int:
    """一 .. 九十九 as the markers write them, read by cn2an (strict: 十十 or 二二 is no number)."""
    import cn2an  # imported on first use, as in lawgov.dataset.numerals: ``import lawgov`` stays light

    try:
        return int(cn2an.cn2an(numeral, "strict"))
    except ValueError:
        raise ValueError(f"not a marker numeral: {numeral!r}") from None


def parse_outline(body: str, closing_starts_with: str) -> list[Heading]:
    """Every heading and measure of the body, in reading order, with stable P.S.M numbers."""
    closing = body.find(closing_starts_with)
    if closing < 0:
        raise ValueError(f"closing marker {closing_starts_with!r} not found in the body")

    parts = [m for m in _PART.finditer(body, 0, closing)]
    if not parts:
        raise ValueError("no part heading (一、) found in the body")
    first_part = parts[0].start() + len(parts[0].group(0)) - len(parts[0].group(0).lstrip())
    headings = [Heading("0", 0, "", "", 0, first_part)]

    bounds = [m.start() + len(m.group(0)) - len(m.group(0).lstrip()) for m in parts] + [closing]
    for i, m in enumerate(parts):
        p = _number(m.group(1))
        if p != i + 1:
            raise ValueError(f"part {m.group(1)}、 found where part {i + 1} was expected")
        p_start, p_end = bounds[i], bounds[i + 1]
        headings.append(Heading(str(p), 0, f"{m.group(1)}、", m.group(2).strip(), p_start, p_end))
        subs = list(_SUBSECTION.finditer(body, p_start, p_end))
        s_bounds = [s.start() + len(s.group(0)) - len(s.group(0).lstrip()) for s in subs] + [p_end]
        for j, s in enumerate(subs):
            if _number(s.group(1)) != j + 1:
                raise ValueError(f"subsection ({s.group(1)}) found where ({j + 1}) was expected in part {p}")
            s_start, s_end = s_bounds[j], s_bounds[j + 1]
            number = f"{p}.{j + 1}"
            headings.append(Heading(number, 1, f"({s.group(1)})", s.group(2).strip(), s_start, s_end))
            measures = list(_MEASURE.finditer(body, s_start, s_end))
            m_bounds = [x.start() for x in measures] + [s_end]
            for k, x in enumerate(measures):
                if _number(x.group(1)) != k + 1:
                    raise ValueError(f"measure {x.group(1)}是 found where {k + 1} was expected in {number}")
                headings.append(
                    Heading(f"{number}.{k + 1}", 2, f"{x.group(1)}是", x.group(2).strip(), m_bounds[k], m_bounds[k + 1])
                )
    headings.append(Heading("6", 0, "", "", closing, len(body)))
    return headings


def section_of(headings: list[Heading], offset: int) -> str:
    """The deepest section whose span holds ``offset``."""
    holding = [h for h in headings if h.start <= offset < h.end]
    if not holding:
        raise ValueError(f"offset {offset} lies outside the body")
    return max(holding, key=lambda h: h.level).section
