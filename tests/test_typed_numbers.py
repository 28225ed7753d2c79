"""No number about the report is typed by hand: every one a reader sees comes from the data.

Scans the book's pages (prose, headings, figure captions and the string literals of code
cells) and the data's notes and explanations for numerals. A numeral passes only if it is
one of the things a page may type (below, each with its reason); anything else is a number
about the report that should come from the data: a glue role ({glue:text}`...`) on a page,
a placeholder ({figure_id}, {relation_id.computed}) in a note.

One test per file, so a failure names the file and lists every numeral found there
(``-k intro`` checks one page).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import lawgov
from lawgov.analysis.vocabulary import COMPARED
from lawgov.frames.loaders import dataset

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "book").glob("*.md"))
EXCLUDED_PAGES = {"CONVENTIONS.md"}  # for authors, not built; its examples type numbers on purpose

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

# Numerals a text may type, each with why it is not a number about the report that the data holds.
ALLOWED: list[tuple[str, str]] = [
    (r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?", "an ISO date (a period, the page's date)"),
    (rf"\b\d{{1,2}}(?:\s?(?:[-–]|to)\s?\d{{1,2}})? (?:{MONTHS})\b", "a day of a month in a date (8-14 November)"),
    (r"\b(?:19|20)\d{2}s?\b", "a year"),
    (r"〔\d{4}〕\d+号", "a document number (国发〔2008〕17号)"),
    (
        r"\b(?:[Aa]rts?\.|[Aa]rticles?) \d+(?:\s?(?:[-–,]|and|to)\s?\d+)*(?: para\. \d+)?",
        "an article of a law or document (art. 42, arts. 31–32): "
        "the document's numbering, not a number about the report",
    ),
    (r"§\s?\d+(?:\.\d+)*(?:\s?[–-]\s?§?\d+(?:\.\d+)*)?", "a section number (§4.1.4, §0–§6)"),
    (r"\b[0-6]\.[1-9]\.[1-9]\b", "a measure's section number (4.1.4)"),
    (
        r"\b[Ss]ections? \d(?:\.\d)*(?:(?:,\s?|\s?[–-]\s?| and | to )\d(?:\.\d)*)*",
        "section numbers (Section 0, sections 1, 1.1–1.4)",
    ),
    (r"^\s*\d+\.(?=\s)", "the number of an item in an ordered list"),
    (r"\b[Pp]arts? \d+(?:\s?(?:[-–,]|and|to)\s?\d+)*", "a part of the report or of a framework (Part 4, parts 2-9)"),
    (r"\b(?:Figure|Fig\.|Table) \d+", "a figure or table number"),
    (r"(?<=[A-Za-z])-\d+", "part of a name (UTF-8, SHA-256)"),
    (r"\b12345\b", "the citizens' hotline's telephone number, a name (an exclusion in the figures file)"),
    (r"\b110\b", "民生110 and the 110 police number it borrows: a name (an exclusion in the figures file)"),
    (r"\b18th (?:Party|National) Congress", "the name of the Party's congress (十八大, an exclusion)"),
    (r"\bper 1,000\b|\b1,000 (?:characters|words|Chinese words|content words)\b", "the unit of a density"),
    (r"= 100\b", "the base of an index (2010 = 100)"),
    (r"\b100% or less\b", "the top of any rate's scale, in a sentence about what holds by construction"),
    (r"\bareas? \d+\b", "an area of a national framework, by its number in that document"),
    (
        r"\bfrom 0 to 100%",
        "a percent axis's range, a claim about the chart checked against its spec (test_captions_true)",
    ),
    (r"\b100 million\b", "what 亿 (in the unit 亿元) means"),
    (r"\bCC BY 4\.0\b", "the name of a licence"),
    (r"\bISO 8601(?:-[12])?\b", "the name of a standard (ISO 8601-2, its extension)"),
    (r"\b65001\b", "Excel's code page number for UTF-8"),
]
_ALLOWED = re.compile("|".join(f"(?:{p})" for p, _ in ALLOWED), re.M)
# A subsection's number (1.2) is allowed where it is one of the report's sections.
SECTIONS = set(lawgov.outline()["section"])
_SUBSECTION = re.compile(r"(?<![\d.])[0-6]\.[1-9](?![\d%])")
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*%?")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def typed_numbers(text: str) -> list[str]:
    """The numerals of ``text`` that nothing allows, each with a little context."""
    masked = _ALLOWED.sub(lambda m: " " * len(m.group(0)), text)
    masked = _SUBSECTION.sub(lambda m: " " * len(m.group(0)) if m.group(0) in SECTIONS else m.group(0), masked)
    found = []
    for m in _NUMERAL.finditer(masked):
        before, after = masked[m.start() - 1 : m.start()], masked[m.end() : m.end() + 1]
        if (before and (before.isalpha() and before.isascii() or before in "_.")) or (
            after and (after.isascii() and after.isalnum() or after == "_")
        ):
            continue  # part of a word or identifier (A4, p0, sha256, fig-p4)
        if _is_cjk(before) or _is_cjk(after):
            continue  # inside a verbatim Chinese quote of the report (截止10月底, 30多个): the source
        found.append(text[max(0, m.start() - 30) : m.end() + 20].replace("\n", " ").strip())
    return found


# ---- the book's pages --------------------------------------------------------------------------

_FENCE = re.compile(r"^(`{3,})(.*)$")
_ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")  # {glue:text}`x`, {numref}`fig-x`, {ref}`T <tbl-x>`
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_TAG = re.compile(r"<[^>\n]*>")
_LABEL = re.compile(r"^\([\w.-]+\)=\s*$", re.M)


def _prose(text: str) -> str:
    for pattern in (_ROLE, _INLINE_CODE, _URL, _TAG, _LABEL):
        text = pattern.sub(" ", text)
    return _LINK_TARGET.sub("]", text)


def _code_strings(code: str) -> list[str]:
    """The string literals of a cell (an f-string's literal parts included)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return [code]
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value not in SECTIONS
    ]  # a section named in a call: in_section(figs, "4.1")


def page_texts(path: Path) -> list[tuple[int, str]]:
    """(line, text) for everything a reader of the page sees or a cell prints: prose, captions, cell strings."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[tuple[int, str]] = []
    i = 0
    if lines and lines[0] == "---":  # front matter
        i = lines.index("---", 1) + 1
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            out.append((i + 1, _prose(lines[i])))
            i += 1
            continue
        start, ticks, info = i, fence.group(1), fence.group(2).strip()
        i += 1
        while i < len(lines) and lines[i].strip() != ticks:
            i += 1
        block = lines[start + 1 : i]
        i += 1
        if not info.startswith("{code-cell}"):
            continue  # a literal example (```python, ```sh) or a directive: not the page's numbers
        if block and block[0].strip() == "---":  # YAML options: the figure's caption is read
            end = block.index("---", 1)
            options = yaml.safe_load("\n".join(block[1:end])) or {}
            caption = ((options.get("mystnb") or {}).get("figure") or {}).get("caption")
            if caption:
                out.append((start + 2, caption))
            block = block[end + 1 :]
        code = "\n".join(ln for ln in block if not ln.startswith(":"))
        out += [(start + 1, s) for s in _code_strings(code)]
    return out


def _page_failures(path: Path) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{line}: {hit}" for line, text in page_texts(path) for hit in typed_numbers(text)]


@pytest.mark.parametrize("path", [p for p in PAGES if p.name not in EXCLUDED_PAGES], ids=lambda p: p.stem)
def test_page_types_no_number(path: Path) -> None:
    failures = _page_failures(path)
    assert not failures, f"{len(failures)} typed number(s):\n" + "\n".join(failures)


# ---- the data's notes and explanations -------------------------------------------------------

# Text fields a reader sees as notes, by kind of entry. Not scanned: frameworks' confidence
# notes, which describe the national documents (their articles and parts), not the report.
SCANNED = {
    "figures": ("description_en", "note_en"),
    "excluded": ("reason_en",),
    "relations": ("description_en", "note_en"),
    "interpretations": ("label_en", "reason_en"),
    "terms": ("explanation_en",),
    "crosswalk": ("reason_en",),
    "outside_frameworks": ("theme_en",),
    "reports": ("notes_en",),
}


def data_texts() -> dict[str, list[tuple[int | None, str, str, str]]]:
    """{file: [(line, entry, field, text)]} for every scanned field, templates as written (unfilled)."""
    ds = dataset()
    groups = {
        "terms": ds.terms,
        "crosswalk": ds.crosswalk,
        "outside_frameworks": ds.outside_frameworks,
        "reports": [rd.report for rd in ds.reports.values()],
        "figures": [e for rd in ds.reports.values() for e in rd.figures],
        "excluded": [e for rd in ds.reports.values() for e in rd.excluded],
        "relations": [e for rd in ds.reports.values() for e in rd.relations],
    }
    out: dict[str, list] = {}
    for kind, entries in groups.items():
        for e in entries:
            subs = [(e, f) for f in SCANNED[kind]]
            subs += [
                (it, f) for it in getattr(e.model, "interpretations", None) or [] for f in SCANNED["interpretations"]
            ]
            for obj, field in subs:
                value = getattr(getattr(obj, "model", obj), field)
                for text in value if isinstance(value, list) else [value]:
                    if text:
                        out.setdefault(e.file, []).append(
                            (e.line(field) if obj is e else e.line("interpretations"), e.label, field, text)
                        )
    return out


DATA_TEXTS = data_texts()


@pytest.mark.parametrize("file", sorted(DATA_TEXTS))
def test_data_notes_type_no_number(file: str) -> None:
    failures = [
        f"{file}:{line}: entry '{entry}': field '{field}': {hit}"
        for line, entry, field, text in DATA_TEXTS[file]
        for hit in typed_numbers(_PLACEHOLDER.sub(" ", text))
    ]
    assert not failures, f"{len(failures)} typed number(s):\n" + "\n".join(failures)


# ---- the scanner itself can fail ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Of the 359 documents reviewed, most were retained.",  # a count typed in prose
        "17985 / 17993 is 99.9556%, which rounds to 99.96%.",  # the wrong note this test was written for
        "The hotline took 94,129 calls.",  # thousands separator
        "about 42 per department",  # a derived ratio
        "Covers 3 consecutive years.",
        "The Licensing Law (art. 42) allows 20 working days.",  # an article allowed, the count after it not
    ],
)
def test_a_typed_number_is_caught(text: str) -> None:
    assert typed_numbers(text), text


@pytest.mark.parametrize(
    "text",
    [
        "{glue:text}`audit.n_exact` relations are exact ({numref}`fig-audit-verdicts`).",
        "Source: report §4.1.4 and §5.3.1–5.3.3; see Part 4 and parts 2-9 of the Opinion.",
        "国发〔2008〕17号, issued in 2008; the page is dated 2014-05-15 03:35.",
        "the Licensing Law (art. 42) and the Regulations, arts. 31–32, and article 5 of the Constitution",
        "截止10月底 and 30多个 and 99.6%以上 are quoted as printed.",
        "The congress sat from 8 to 14 November 2012 (the 18th Party Congress).",
        "Figures per 1,000 characters; processing time, 2010 = 100; UTF-8 and SHA-256.",
        "Administrative Penalty Law, art. 16; the Regulations, arts. 31–32; article 5 of the Constitution.",
    ],
)
def test_what_may_be_typed_passes(text: str) -> None:
    assert typed_numbers(_prose(text)) == []


def test_a_page_with_typed_numbers_fails(tmp_path: Path) -> None:
    page = tmp_path / "typed.md"
    page.write_text(
        "---\nkernelspec:\n  name: python3\n---\n\n# A page · 一页\n\nThe clean-up reviewed 359 documents.\n\n"
        "```{code-cell} python\n---\ntags: [remove-input]\nmystnb:\n  figure:\n    name: fig-x\n"
        '    caption: "The 95 documents abolished. Source: report §4.1.4."\n---\n'
        'charts.bars(figs, ids, description="Bars: 95 abolished, 23 amended.")\n```\n\n'
        '```python\nlawgov.figures().query("value > 1000")\n```\n',
        encoding="utf-8",
    )
    hits = [hit for _, text in page_texts(page) for hit in typed_numbers(text)]
    assert len(hits) == 4 and all(n in " ".join(hits) for n in ("359", "95 documents", "95 abolished", "23 amended")), (
        hits
    )


def test_a_note_with_a_typed_number_fails_and_its_template_passes() -> None:
    typed = "17985 / 17993 is 99.9556%, which rounds to 99.96%."
    template = (
        "{mediation_successes.number} / {mediation_cases.number} is {mediation_success_rate_check.computed:.4f}%."
    )
    assert typed_numbers(_PLACEHOLDER.sub(" ", typed))
    assert not typed_numbers(_PLACEHOLDER.sub(" ", template))


def test_every_data_file_with_notes_is_scanned() -> None:
    files = set(DATA_TEXTS)
    assert {
        "data/figures/kunshan-2012.yaml",
        "data/relations/kunshan-2012.yaml",
        "data/glossary.yaml",
        "data/frameworks.yaml",
        "data/reports.yaml",
    } <= files
    assert sum(len(v) for v in DATA_TEXTS.values()) > len(lawgov.figures())


# ---- words typed on the part chapters, checked against the data ---------------------------------
#
# A part chapter types a word where the text fixes it ("Part 4 has three subsections") or where
# a sentence needs it ("Twice the report says"); each such claim is listed here with what it
# asserts, so an edit of the page or of the data that makes it false fails. A claim is matched in
# the page's source with every glue role written as {} and whitespace collapsed.

from lawgov.analysis import crosswalk, parts, writing  # noqa: E402
from lawgov.book.glue import PART_PAGES  # noqa: E402

REPORT = "kunshan-2012"
OUTLINE = lawgov.outline(REPORT)
FIGS = lawgov.figures(REPORT)


def _subsections(part: int) -> list[str]:
    return list(OUTLINE[(OUTLINE["part"] == part) & (OUTLINE["level"] == 1)]["section"])


def _measures(section: str) -> list[str]:
    m = OUTLINE[OUTLINE["level"] == 2]["section"]
    return list(m[m.str.startswith(f"{section}.")])


def _n_figures(section: str) -> int:
    return int(((FIGS["section"] == section) | FIGS["section"].str.startswith(f"{section}.")).sum())


def _by_part() -> dict[int, int]:
    return {p: int((FIGS["part"] == p).sum()) for p in range(1, 6)}


def _figures_rank(part: int) -> int:
    n = _by_part()
    return 1 + sum(v > n[part] for v in n.values())


def _no_figures_measures(part: int) -> list[str]:
    return [m for s in _subsections(part) for m in _measures(s) if _n_figures(m) == 0]


def _density() -> dict[int, float]:
    d = writing.figures_density(REPORT).set_index("part")["per_1000"]
    return {p: float(d[p]) for p in range(1, 6)}


def _months_left(section: str) -> int:
    start = writing.start_date(REPORT, section)
    return 12 - start.month + 1


def _opinion() -> pd.DataFrame:
    s = crosswalk.area_summary(REPORT)
    return s[s["framework"] == "opinion-2010"].set_index("code")


def _closing_sentences() -> list[int]:
    return [p.count("。") for p in parts.closing_paragraphs(REPORT)]


def _s43_rates():
    s43 = FIGS[FIGS["section"].str.startswith("4.3.")]
    return s43[s43["kind"].astype(str) == "rate"]["value"]


def _share_without(part: int) -> float:
    measures = [m for s in _subsections(part) for m in _measures(s)]
    return len(_no_figures_measures(part)) / len(measures)


_SECTION_6 = OUTLINE.set_index("section").loc["6"]
_CLOSING_TEXT = lawgov.body(REPORT)[int(_SECTION_6["start"]) : int(_SECTION_6["end"])]

TYPED_CLAIMS: list[tuple[int, str, object]] = [
    (
        0,
        "the Scientific Outlook on Development and two State Council documents",
        lambda: (crosswalk.frameworks_summary()["relation"] == "cited").sum() == 2,
    ),
    (
        0,
        "The preamble cites two documents of the State Council",
        lambda: (crosswalk.frameworks_summary()["relation"] == "cited").sum() == 2,
    ),
    (0, "the report's five parts do not", lambda: len(_by_part()) == 5 and not _subsections(0)),
    (
        0,
        "The body of the report has five numbered parts, each with three or four subsections",
        lambda: {len(_subsections(p)) for p in range(1, 6)} == {3, 4},
    ),
    (
        0,
        "each subsection with three or four measures",
        lambda: {len(_measures(s)) for p in range(1, 6) for s in _subsections(p)} == {3, 4},
    ),
    (
        0,
        "part 5 ({} figures) and part 4 ({}) carry the most, part 2 ({}) sits between, and part 1 ({}) "
        "and part 3 ({}) carry the fewest",
        lambda: sorted(_by_part(), key=_by_part().get, reverse=True) == [5, 4, 2, 3, 1],
    ),
    (0, "The preamble has no figures", lambda: (FIGS["part"] == 0).sum() == 0),
    (1, "It has four subsections", lambda: len(_subsections(1)) == 4),
    (
        1,
        "the least quantified of the five substantive parts, by number of figures and by figures per "
        "thousand characters",
        lambda: (
            _by_part()[1] < min(v for p, v in _by_part().items() if p != 1)
            and _density()[1] < min(v for p, v in _density().items() if p != 1)
        ),
    ),
    (
        1,
        "the same share as in part 3) say",
        lambda: [p for p in range(2, 6) if _share_without(p) == _share_without(1)] == [3],
    ),
    (1, "three measures each", lambda: {len(_measures(s)) for s in _subsections(1)} == {3}),
    (
        1,
        "one subsection, on deployment and assessment, has none",
        lambda: [s for s in _subsections(1) if _n_figures(s) == 0] == ["1.1"],
    ),
    (1, "The subsection carries no figures: the report", lambda: _n_figures("1.1") == 0),
    (1, "nurturing projects through on-site meetings, has no figures", lambda: _n_figures("1.2.3") == 0),
    (1, "The subsection's three measures name its audiences", lambda: len(_measures("1.3")) == 3),
    (1, "The subsection has one figure, an ordinal", lambda: _n_figures("1.4") == 1),
    (2, "It has three subsections", lambda: len(_subsections(2)) == 3),
    (2, "Its figures are of two kinds", lambda: set(FIGS[FIGS["part"] == 2]["kind"].astype(str)) == {"count", "rate"}),
    (
        2,
        "only one measure in the part, grassroots openness of services (2.3.3), has none",
        lambda: _no_figures_measures(2) == ["2.3.3"],
    ),
    (2, "falls in the last month of the report year", lambda: _months_left("2.1.3") == 1),
    (2, "began only in the last month of the year", lambda: _months_left("2.1.3") == 1),
    (2, "leaves the last three months of the report year", lambda: _months_left("2.1.1") == 3),
    (3, "It has three subsections", lambda: len(_subsections(3)) == 3),
    (3, "Its three measures are systems", lambda: len(_measures("3.1")) == 3),
    (
        3,
        "The three rates are printed once",
        lambda: (
            len(parts.P3_RATES) == 3 == int(((FIGS["section"] == "3.3.3") & (FIGS["kind"].astype(str) == "rate")).sum())
        ),
    ),
    (4, "It has three subsections", lambda: len(_subsections(4)) == 3),
    (4, "the second largest number of figures of any part", lambda: _figures_rank(4) == 2),
    (4, "The report groups three kinds of oversight", lambda: len(_subsections(4)) == 3),
    (4, "The subsection has four measures", lambda: len(_measures("4.1")) == 4),
    (
        4,
        "The first and the last carry numbers",
        lambda: [_n_figures(m) > 0 for m in _measures("4.1")] == [True, False, False, True],
    ),
    (
        4,
        "The fourth measure has the most figures of any measure in the report",
        lambda: (
            sorted((_n_figures(m), m) for p in range(7) for s in _subsections(p) for m in _measures(s))[-1][1]
            == "4.1.4"
            and sorted(_n_figures(m) for p in range(7) for s in _subsections(p) for m in _measures(s))[-2]
            < _n_figures("4.1.4")
        ),
    ),
    (4, "every rate in the subsection is {}", lambda: _s43_rates().nunique() == 1),
    (4, 'Twice the report says "无一败诉"', lambda: _body_count("无一败诉") == 2),
    (
        5,
        "the largest number of figures: three subsections",
        lambda: _figures_rank(5) == 1 and len(_subsections(5)) == 3,
    ),
    (5, "only {} is printed with both its counts", lambda: parts.summary(REPORT, 5)["p5.n_checkable_rates"] == "one"),
    (
        5,
        "Its two counts let the rate be checked",
        lambda: (
            [
                i
                for i in lawgov.audit(REPORT).set_index("id").loc["mediation_success_rate_check", "inputs"]
                if FIGS.set_index("id").loc[i, "kind"] == "count"
            ]
            == ["mediation_successes", "mediation_cases"]
        ),
    ),
    (5, "The subsection has three measures: nurturing", lambda: len(_measures("5.2")) == 3),
    (5, "The subsection's four measures are each", lambda: len(_measures("5.3")) == 4),
    (6, "the two paragraphs after part 五", lambda: len(parts.closing_paragraphs(REPORT)) == 2),
    (6, "After five parts of achievements", lambda: len(_by_part()) == 5),
    (
        6,
        "one sentence on problems and one sentence on plans, with no figures",
        lambda: _closing_sentences() == [1, 1] and (FIGS["part"] == 6).sum() == 0,
    ),
    (6, "The plan for 2013 is one sentence", lambda: _closing_sentences()[1] == 1),
    (6, 'All four are phrased in the same way, "有待进一步…"', lambda: _CLOSING_TEXT.count("有待进一步") == 4),
    (
        6,
        "more than any other part of the 2010 Opinion",
        lambda: _opinion()["measures"].drop("opinion-2010.9").max() < _opinion().loc["opinion-2010.9", "measures"],
    ),
    (
        6,
        "answer to most often",
        lambda: _opinion()["measures"].drop("opinion-2010.9").max() < _opinion().loc["opinion-2010.9", "measures"],
    ),
    (
        6,
        "the fifth largest count of its",
        lambda: 1 + (_opinion()["figures"] > _opinion().loc["opinion-2010.9", "figures"]).sum() == 5,
    ),
    (6, "four measures and {} figures", lambda: len(_measures("4.1")) == 4),
    (
        6,
        "it is answered only by the preamble and the closing",
        lambda: (
            {
                s.split(".")[0]
                for s in _opinion().sort_values(["measures", "figures"], kind="stable").iloc[0]["sections"].split(", ")
            }
            == {"0", "6"}
        ),
    ),
    (
        6,
        "(parts 1, 5, 7 and 9 of the 2010 Opinion)",
        lambda: parts.closing_areas(REPORT) == [f"opinion-2010.{n}" for n in (1, 5, 7, 9)],
    ),
]


def _body_count(text: str) -> int:
    return lawgov.body(REPORT).count(text)


def _source(part: int) -> str:
    text = (ROOT / "book" / f"{PART_PAGES[part]}.md").read_text(encoding="utf-8")
    return " ".join(re.sub(r"\{glue:(?:text|md)\}`[^`]*`", "{}", text).split())


@pytest.mark.parametrize("part, claim, check", TYPED_CLAIMS, ids=[f"p{p}-{c[:40]}" for p, c, _ in TYPED_CLAIMS])
def test_a_typed_claim_is_on_its_page_and_true(part: int, claim: str, check) -> None:
    assert claim in _source(part), f"{PART_PAGES[part]}.md no longer says: {claim}"
    assert check(), f"{PART_PAGES[part]}.md says '{claim}', which the data does not bear out"


# A number word before a counted noun ("three subsections", "two paragraphs") is a claim about
# the report: on a part chapter it must be one of the claims above or come from glue.
# ("the two documents", "the first two problems" refer back to what the text has just named, and
# "one" is mostly the article: neither is scanned; nor is a quoted rendering of a term, such as
# "three kinds of small vehicles" for 三小车, which is a name, not a count.)
_COUNTED = re.compile(
    r"(?<![\"“‘'])(?<!\bthe )(?<!\bfirst )\b(?:two|three|four|five|six|seven|eight|nine|ten|twice)\b(?: \w+)?? "
    r"(?:subsections?|measures?|figures?|parts?|kinds?|documents?|paragraphs?|sentences?|"
    r"rates?|counts?|months?|problems?)\b",
    re.I,
)


@pytest.mark.parametrize("part", range(7), ids=lambda p: PART_PAGES[p])
def test_every_typed_count_on_a_part_chapter_is_checked(part: int) -> None:
    text = _source(part)
    claims = [c for p, c, _ in TYPED_CLAIMS if p == part]
    spans = [(m.start(), m.end()) for c in claims for m in re.finditer(re.escape(c), text)]
    loose = [
        text[max(0, m.start() - 30) : m.end() + 10]
        for m in _COUNTED.finditer(text)
        if not any(a <= m.start() and m.end() <= b for a, b in spans)
    ]
    assert not loose, f"{PART_PAGES[part]}.md types a count no test checks:\n" + "\n".join(loose)


# ---- typed words that state a fact about the data ---------------------------------------------
#
# A page types its sentences; where a word of one states a fact about the data ("none of the
# relations", "each of them"), the fact is checked here, so a change in the data that makes
# the sentence false fails this test instead of printing it. Each entry: the page, the words
# as typed (whitespace aside), and what must hold for them to be true.


def _verdicts() -> dict[str, str]:
    a = lawgov.audit()
    return dict(zip(a["id"], a["verdict"].astype(str)))


def _no_verdict(verdict: str) -> bool:
    return verdict not in _verdicts().values()


def _all_rates_with_no_count(verdict: str = "not checkable") -> bool:
    a = lawgov.audit()
    spec = lawgov.relations().set_index("id")["spec"]
    none = a[a["verdict"].astype(str) == verdict]
    return len(none) > 0 and all(
        r["kind"] == "rate"
        and spec[r["id"]]["numerator"] is None
        and not (spec[r["id"]]["denominator"] or spec[r["id"]].get("pooled_denominator"))
        for r in none.to_dict("records")
    )


def _mediation_was_cut_off() -> bool:
    from lawgov.analysis import display, verdicts

    printed = display.value_en(lawgov.figures().set_index("id").loc["mediation_success_rate"])
    s = verdicts.summary()
    return (
        _verdicts()["mediation_success_rate_check"] == "consistent (truncated)"
        and s["audit.mediation_success_rate_check.computed_truncated"]
        == printed
        != s["audit.mediation_success_rate_check.computed_rounded"]
    )


TYPED_FACTS: list[tuple[str, str, object]] = [
    (
        "audit.md",
        "Only {glue:text}`audit.compared` of {glue:text}`audit.relations` relations are real tests: they set a "
        "computed number against one the report prints, and none contradicts it.",
        lambda: _no_verdict("inconsistent") and 2 * sum(v in COMPARED for v in _verdicts().values()) < len(_verdicts()),
    ),
    (
        "audit.md",
        "is the printed one; none of the report's relations has this verdict",
        lambda: _no_verdict("consistent (rounded)"),
    ),
    (
        "audit.md",
        "or a bound is broken; none of the report's relations has this verdict",
        lambda: _no_verdict("inconsistent"),
    ),
    (
        "audit.md",
        "The report prints {glue:md}`mediation_success_rate`: the figure was cut off, not rounded",
        _mediation_was_cut_off,
    ),
    # the examples named under a verdict have that verdict
    (
        "audit.md",
        "only through a misprint. For example, of the {glue:md}`filings_reviewed` submitted for filing review",
        lambda: _verdicts()["filings_acceptance_share"] == "bound holds",
    ),
    (
        "audit.md",
        "{glue:md}`approval_items_in_hall_rate` (§2.2.1), printed without the number of items",
        lambda: _verdicts()["approval_items_in_hall_base"] == "not checkable",
    ),
    ("audit.md", "Each of them is a rate printed with no count that could be its base", _all_rates_with_no_count),
    ("audit.md", "they are the rates the report prints without any count beside them", _all_rates_with_no_count),
]


@pytest.mark.parametrize("page,words,holds", TYPED_FACTS, ids=[f"{p}:{w[:40]}" for p, w, _ in TYPED_FACTS])
def test_a_typed_fact_is_on_its_page_and_true(page: str, words: str, holds) -> None:
    text = " ".join((ROOT / "book" / page).read_text(encoding="utf-8").split())
    assert " ".join(words.split()) in text, f"{page} no longer says {words!r}: update TYPED_FACTS"
    assert holds(), f"{page} says {words!r}, which the data no longer bears out"


def test_the_fact_checks_can_fail() -> None:
    # asked of verdicts the sentences do not describe, the same checks say no
    assert not _no_verdict("exact")
    assert not _all_rates_with_no_count("implied")  # the implied rates have a base
