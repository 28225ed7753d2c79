"""A tiny report whose text, quotes and labels hold HTML and script: the hostile fixture.

``build_hostile_data(parent)`` writes ``parent/data``: a valid data dir (it passes
``lawgov.validate``) for one report, ``hostile-2012``, whose source text itself carries the
payloads, so that the figures' quotes are verbatim substrings of it as the rules demand.
Every field a reader sees - quote, indicator labels, unit, description, note, outline
title, glossary term - holds one of the payloads; nothing in it is the real report's data.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
REPORT = "hostile-2012"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMG)

QUOTE_SCRIPT = f"{SCRIPT}办理案件12件"
QUOTE_IMG = f"{IMG}新增制度7项"

SOURCE = f"""网页抬头 (page furniture)
敌意测试报告
本报告只用于测试。
一、第一部分
  (一)第一小节。一是{QUOTE_SCRIPT}。二是{QUOTE_IMG}。
回顾一年来的工作,仍有不足。
原文地址:
"""


def _q(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def _figure(
    fid: str,
    section: str,
    quote: str,
    value: int,
    unit_zh: str,
    unit_en: str,
    indicator_en: str,
    indicator_zh: str,
    description_en: str,
    note_en: str | None = None,
) -> str:
    """One figure entry of a figures file, every text a reader sees quoted as YAML."""
    texts = {
        "quote": _q(quote),
        "value": value,
        "unit_zh": unit_zh,
        "unit_en": _q(unit_en),
        "indicator_en": _q(indicator_en),
        "indicator_zh": _q(indicator_zh),
        "description_en": _q(description_en),
        "qualifier": "exact",
        "period": "2012-01-01/2012-12-31",
        "period_basis": "not_stated",
        "topic": "legal_training",
        "kind": "count",
    }
    if note_en is not None:
        texts["note_en"] = _q(note_en)
    return f"  - id: {fid}\n    section: {section}\n" + "".join(f"    {k}: {v}\n" for k, v in texts.items()).rstrip(
        "\n"
    )


def build_hostile_data(parent: Path) -> Path:
    data = parent / "data"
    for folder in ("sources", "outline", "figures", "relations"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    raw = SOURCE.encode("utf-8")
    (data / "sources" / f"{REPORT}.txt").write_bytes(raw)
    shutil.copy(REPO / "data" / "topics.yaml", data / "topics.yaml")
    (data / "reports.yaml").write_text(
        f"""- id: {REPORT}
  title_zh: 敌意测试报告
  title_en: {_q(SCRIPT + " Hostile test report")}
  issuer_zh: 测试
  issuer_en: {_q(IMG)}
  jurisdiction_en: nowhere
  year: 2012
  period: 2012-01-01/2012-12-31
  source: sources/{REPORT}.txt
  sha256: {hashlib.sha256(raw).hexdigest()}
  body_starts_with: 敌意测试报告
  body_ends_before: "原文地址:"
  closing_starts_with: 回顾一年来的工作
  capture_site_zh: 测试
  capture_site_en: test
  capture_section_zh: 测试
  capture_page_date: "2014-05-15T03:35"
  capture_message_source_zh: 测试
  capture_editor_zh: 测试
  capture_original_url: ""
""",
        encoding="utf-8",
    )
    (data / "outline" / f"{REPORT}.yaml").write_text(
        f"""report: {REPORT}
sections:
  - section: "0"
    title_en: Preamble
  - section: "1"
    title_en: {_q(SCRIPT + " Part one")}
  - section: "1.1"
    title_en: {_q(IMG + " Subsection")}
  - section: "1.1.1"
    title_en: Cases
  - section: "1.1.2"
    title_en: Rules
  - section: "6"
    title_en: Closing
""",
        encoding="utf-8",
    )
    (data / "figures" / f"{REPORT}.yaml").write_text(
        f"""report: {REPORT}
figures:
{_figure("hostile_cases", "1.1.1", QUOTE_SCRIPT, 12, "件", IMG, SCRIPT + " cases", IMG + "案件", "Cases " + SCRIPT, "Note " + IMG)}
{_figure("hostile_rules", "1.1.2", QUOTE_IMG, 7, "项", SCRIPT, IMG + " rules", SCRIPT + "制度", "Rules " + IMG)}
""",
        encoding="utf-8",
    )
    (data / "glossary.yaml").write_text(
        f"""terms:
  - id: handling_cases
    zh: 办理案件
    en: {_q(SCRIPT)}
    explanation_en: {_q(IMG)}
    also_en: [{_q(SCRIPT)}]
""",
        encoding="utf-8",
    )
    return data
