"""Facts about the web capture the report comes from, found by code in the verbatim text.

For "About the source": where the body sits in the page and the furniture around it
(:func:`capture_segments`, :func:`furniture`), the capture's metadata, the punctuation the
capture flattened (:func:`punctuation`), the ``?`` left where dashes were lost
(:func:`question_marks`), the figures whose period is not the report year, and the page's
summary for glue. Nothing here is typed: every count is read from the text or the data.
"""

from __future__ import annotations

import re

import pandas as pd

from lawgov.analysis import display
from lawgov.analysis.vocabulary import PART_LABELS
from lawgov.analysis.wording import number_word, percent, plural
from lawgov.dataset.headings import find_body
from lawgov.frames import loaders

FURNITURE = "page furniture"
BODY = "report body"


def _report(report: str | None, data_dir) -> pd.Series:
    reps = loaders.reports(data_dir=data_dir).set_index("id")
    return reps.loc[report] if report else reps.iloc[0]


def body_span(report: str | None = None, data_dir=None) -> tuple[int, int]:
    """Start and end of the body in the capture (characters), found by the report's two markers."""
    rep = _report(report, data_dir)
    return find_body(loaders.source_text(report, data_dir=data_dir), rep["body_starts_with"], rep["body_ends_before"])


def capture_segments(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """The capture cut into page furniture (before and after) and the body's parts, in characters.

    Columns: order, segment, kind (page furniture / report body), start, end (offsets in the
    capture), part (None for furniture), chars, first_line (the segment's first non-empty line, verbatim, shortened).
    """
    text = loaders.source_text(report, data_dir=data_dir)
    b0, b1 = body_span(report, data_dir)
    out = loaders.outline(report, data_dir=data_dir)
    parts = out[out["level"] == 0].sort_values("start")
    rows = [("Page furniture before the body", FURNITURE, None, 0, b0)]
    for p in parts.to_dict("records"):
        name = PART_LABELS[int(p["part"])]
        rows.append((f"{name}: {p['title_en']}", BODY, int(p["part"]), b0 + int(p["start"]), b0 + int(p["end"])))
    rows.append(("Page furniture after the body", FURNITURE, None, b1, len(text)))
    recs = []
    for k, (segment, kind, part, s, e) in enumerate(rows):
        first = next((ln.strip() for ln in text[s:e].splitlines() if ln.strip()), "")
        recs.append(
            {
                "order": k,
                "segment": segment,
                "kind": kind,
                "part": part,
                "start": s,
                "end": e,
                "chars": e - s,
                "first_line": first if len(first) <= 40 else first[:40] + "…",
            }
        )
    return pd.DataFrame(recs)


CAPTURE_FIELDS = [
    ("capture_site_zh", "Site", "网站"),
    ("capture_section_zh", "Section of the site", "栏目"),
    ("capture_page_date", "Page date and time", "日期"),
    ("capture_message_source_zh", "Message source", "消息来源"),
    ("capture_editor_zh", "Editor in charge", "责任编辑"),
    ("capture_original_url", "Original address", "原文地址"),
    ("source", "File in this repository", "文件"),
    ("sha256", "SHA-256 of the file", "校验和"),
]


def capture_metadata(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """The capture's metadata from ``data/reports.yaml``, one row per field (an empty field says so)."""
    rep = _report(report, data_dir)
    rows = []
    for key, en, zh in CAPTURE_FIELDS:
        value = rep[key]
        value = "" if display.missing(value) else str(value)
        if key == "source":
            value = f"data/{value}"
        rows.append({"field": f"{en} · {zh}", "value": value if value else "(empty)", "key": key})
    return pd.DataFrame(rows)


def furniture(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Every non-empty line of the capture outside the body, verbatim, with where it sits
    (``before`` or ``after`` the body)."""
    text = loaders.source_text(report, data_dir=data_dir)
    b0, b1 = body_span(report, data_dir)
    rows = []
    for where, chunk in (("before", text[:b0]), ("after", text[b1:])):
        for ln in chunk.splitlines():
            if ln.strip():
                rows.append({"where": where, "line": ln.strip()})
    return pd.DataFrame(rows, columns=["where", "line"])


# Each pair: the mark a Chinese text normally uses, and the ASCII mark a flattening leaves.
PUNCTUATION = [
    ("comma", "，", ","),
    ("left parenthesis", "（", "("),
    ("right parenthesis", "）", ")"),
    ("colon", "：", ":"),
    ("semicolon", "；", ";"),
    ("question mark", "？", "?"),
    ("enumeration comma", "、", None),
    ("full stop", "。", None),
    ("left double quote", "“", '"'),
]


def punctuation(text: str) -> pd.DataFrame:
    """How often each punctuation mark occurs in its full-width (Chinese) and ASCII forms."""
    rows = []
    for name, wide, ascii_ in PUNCTUATION:
        rows.append(
            {
                "mark": name,
                "full_width": wide,
                "full_width_count": text.count(wide),
                "ascii": ascii_ or "",
                "ascii_count": text.count(ascii_) if ascii_ else 0,
            }
        )
    return pd.DataFrame(rows)


_AROUND_Q = re.compile(r"[0-9年度]{0,8}\?[0-9年度]{0,8}")


def question_marks(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Every '?' in the body: the verbatim string around it (digits, 年, 度), its offset and section."""
    body = loaders.body(report, data_dir=data_dir)
    out = loaders.outline(report, data_dir=data_dir)
    leaves = out.sort_values(["start", "level"])
    rows = []
    for m in _AROUND_Q.finditer(body):
        q = m.start() + m.group().index("?")
        inside = leaves[(leaves["start"] <= q) & (leaves["end"] > q)]
        section = inside.sort_values("level").iloc[-1]["section"] if len(inside) else ""
        rows.append(
            {
                "string": m.group(),
                "offset": q,
                "section": section,
                "context": body[max(0, q - 12) : q + 12].replace("\n", " "),
            }
        )
    return pd.DataFrame(rows, columns=["string", "offset", "section", "context"])


def periods_off_year(report: str | None = None, data_dir=None) -> dict[str, pd.DataFrame]:
    """Figures whose period is not the report year: to the end of October (no start stated), an
    earlier year alone, several years ending in the report year, the report year and the next (a
    designation for 2012?2013年度), and a span within the year that only a reading of an undated
    phrase gives (the congress week). A period the text leaves open at one end (NaT) is none of
    the last four."""
    figs = loaders.figures(report, data_dir=data_dir)
    year = int(_report(report, data_dir)["year"])
    start, end = figs["period_start"].dt.year, figs["period_end"].dt.year
    basis = figs["period_basis"].astype(str)
    within = (basis == "reading") & (start == year) & (end == year)
    return {
        "october": figs[basis == "to_date"],
        "earlier": figs[end < year],
        "multi_year": figs[(start < year) & (end == year)],
        "into_next": figs[(start == year) & (end > year)],
        "within_year": figs[within],
    }


def marks_in(report: str | None, mark: str, data_dir=None) -> list[str]:
    """The sections (deepest level) in which each occurrence of ``mark`` in the body falls, in order."""
    body, leaves = loaders.body(report, data_dir=data_dir), loaders.outline(report, data_dir=data_dir)
    out = []
    for i in (k for k, ch in enumerate(body) if ch == mark):
        inside = leaves[(leaves["start"] <= i) & (leaves["end"] > i)]
        out.append(inside.sort_values("level").iloc[-1]["section"] if len(inside) else "")
    return out


def page_date(report: str | None = None, data_dir=None) -> str:
    """The capture's page date as a reader writes it: '15 May 2014'."""
    ts = pd.Timestamp(_report(report, data_dir)["capture_page_date"])
    return f"{ts.day} {ts:%B %Y}"


def _months_after(date: pd.Timestamp, year: int) -> str:
    """Months from the end of ``year`` to ``date``, to the nearest half month ('16.5')."""
    days = (date.normalize() - pd.Timestamp(year=year, month=12, day=31)).days
    halves = round(2 * days / (365.25 / 12))
    return f"{halves / 2:g}"


def summary(report: str | None = None, data_dir=None) -> dict[str, str]:
    """Every number and fact the "About the source" page states, as text keyed for glue."""
    rep = _report(report, data_dir)
    source, body = loaders.source_text(report, data_dir=data_dir), loaders.body(report, data_dir=data_dir)
    punct = punctuation(body).set_index("mark")
    qmarks = question_marks(report, data_dir)
    off = periods_off_year(report, data_dir)
    date = pd.Timestamp(rep["capture_page_date"])
    out = {
        "source.site_zh": rep["capture_site_zh"],
        "source.site_en": rep["capture_site_en"],
        "source.section_zh": rep["capture_section_zh"],
        "source.page_date": f"{page_date(report, data_dir)}, {date:%H:%M}",
        "source.message_source": rep["capture_message_source_zh"],
        "source.editor": rep["capture_editor_zh"],
        "source.sha256": rep["sha256"],
        "source.source_file": f"data/{rep['source']}",
        "source.source_chars": f"{len(source):,}",
        "source.body_chars": f"{len(body):,}",
        "source.body_share": percent(len(body), len(source)),
        "source.furniture_lines": str(len(furniture(report, data_dir))),
        "source.start_marker": rep["body_starts_with"],
        "source.end_marker": rep["body_ends_before"],
        "source.closing_marker": rep["closing_starts_with"],
        "source.title_count": str(source.count(rep["body_starts_with"])),
        "source.ascii_commas": f"{int(punct.loc['comma', 'ascii_count']):,}",
        "source.wide_commas": str(int(punct.loc["comma", "full_width_count"])),
        "source.enum_commas": str(int(punct.loc["enumeration comma", "full_width_count"])),
        "source.full_stops": str(int(punct.loc["full stop", "full_width_count"])),
        "source.ascii_parens": str(int(punct.loc["left parenthesis", "ascii_count"])),
        "source.n_qmarks": str(len(qmarks)),
        "source.n_october": str(len(off["october"])),
        "source.october_parts": ", ".join(sorted({PART_LABELS[int(p)] for p in off["october"]["part"]})),
        "source.n_earlier": plural(len(off["earlier"]), "figure"),
        "source.n_multi": plural(len(off["multi_year"]), "figure"),
        "source.n_into_next": plural(len(off["into_next"]), "figure"),
        "source.into_next_period": ", ".join(
            dict.fromkeys(
                display.period_en(a, b)
                for a, b in zip(off["into_next"]["period_start"], off["into_next"]["period_end"])
            )
        ),
        "source.n_within": plural(len(off["within_year"]), "figure"),
        "source.within_periods": ", ".join(
            dict.fromkeys(
                display.period_en(a, b)
                for a, b in zip(off["within_year"]["period_start"], off["within_year"]["period_end"])
            )
        ),
        "source.ascii_semicolons": plural(int(punct.loc["semicolon", "ascii_count"]), "ASCII semicolon"),
        "source.wide_semicolons": number_word(int(punct.loc["semicolon", "full_width_count"])),
        "source.semicolon_sections": ", ".join(f"§{s}" for s in dict.fromkeys(marks_in(report, ";", data_dir))),
        "source.months_after": _months_after(date, int(rep["year"])),
    }
    for i, q in enumerate(qmarks.to_dict("records"), start=1):
        out[f"source.qmark_{i}"], out[f"source.qmark_{i}_section"] = q["string"], q["section"]
    return out
