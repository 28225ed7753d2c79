"""The checks that need more than one file, as a short list of rules.

Each rule takes a loaded ``Dataset`` and yields Problems; ``check`` runs them all and
returns every problem, those found while loading included, in file and line order.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Iterator

from lawgov.dataset import templates
from lawgov.dataset.entries import Entry
from lawgov.dataset.errors import Problem
from lawgov.dataset.load import Dataset
from lawgov.dataset.numerals import find_value, format_number
from lawgov.dataset.schema import PERIOD_WORDS, SENTENCE_WIDE_BASES, Figure
from lawgov.dataset.sections import find_in_span
from lawgov.dataset.templates import TEMPLATED_FIELDS

Rule = Callable[[Dataset], Iterable[Problem]]


def _duplicates(entries: list[Entry], key: Callable[[Entry], str], field: str, what: str) -> Iterator[Problem]:
    first: dict[str, int | None] = {}
    for e in entries:
        k = key(e)
        if k in first:
            yield e.problem(field, f"duplicate {what} '{k}' (first at line {first[k]})")
        else:
            first[k] = e.line(field)


def unique_ids(ds: Dataset) -> Iterator[Problem]:
    """Ids are unique: figures and relations within a report; terms (id and Chinese), topics, frameworks and
    framework areas overall."""
    for rd in ds.reports.values():
        yield from _duplicates(rd.figures, lambda e: e.model.id, "id", "figure id")
        yield from _duplicates(rd.relations, lambda e: e.model.id, "id", "relation id")
    yield from _duplicates(ds.terms, lambda e: e.model.id, "id", "term id")
    yield from _duplicates(ds.terms, lambda e: e.model.zh, "zh", "term")
    yield from _duplicates(ds.topics, lambda e: e.model.id, "id", "topic id")
    yield from _duplicates(ds.frameworks, lambda e: e.model.id, "id", "framework id")
    areas = [
        Entry(area, e.node["areas"][i], e.file, area.code)
        for e in ds.frameworks
        for i, area in enumerate(e.model.areas)
    ]
    yield from _duplicates(areas, lambda e: e.model.code, "code", "framework area")


def _unknown(declared: set[str] | None, name: str) -> bool:
    return declared is not None and name not in declared


def outline_matches_text(ds: Dataset) -> Iterator[Problem]:
    """The outline file and the outline parsed from the text agree one-to-one; every tag is a declared topic."""
    for rd in ds.reports.values():
        doc = rd.outline_file
        for e in rd.outline:
            for i, tag in enumerate(e.model.tags):
                if _unknown(ds.declared_topics, tag):
                    yield e.problem("tags", f"unknown topic '{tag}' (not in topics.yaml)", i)
        listed = doc.declared("sections", "section") if doc is not None else None
        if rd.headings is None or listed is None:
            continue
        parsed = rd.spans
        yield from _duplicates(rd.outline, lambda e: e.model.section, "section", "section")
        for e in rd.outline:
            if e.model.section not in parsed:
                yield e.problem("section", f"section {e.model.section} is not in the parsed outline")
        sections_line = doc.key_line("sections")
        for h in rd.headings:
            if h.section not in listed:
                yield Problem(
                    doc.file,
                    sections_line,
                    h.section,
                    None,
                    f"section {h.section} ({h.marker}{h.heading_zh}) is missing from the outline file",
                )


def figures_match_text(ds: Dataset) -> Iterator[Problem]:
    """Every quote is a verbatim substring of the body inside its section, its value appears in it (Arabic or
    Chinese numerals), its topic is declared; every excluded numeral is in the body."""
    for rd in ds.reports.values():
        spans = rd.spans
        for e in rd.figures:
            f = e.model
            if _unknown(ds.declared_topics, f.topic):
                yield e.problem("topic", f"unknown topic '{f.topic}' (not in topics.yaml)")
            if find_value(f.value, f.quote) is None:
                yield e.problem("value", f"value {format_number(f.value)} does not appear in quote '{f.quote}'")
            if rd.body is None:
                continue
            span = spans.get(f.section)
            if span is None and rd.headings is not None:  # no outline: its problem is reported once
                yield e.problem("section", f"section {f.section} is not in the parsed outline")
            offset, anywhere = find_in_span(rd.body, f.quote, span)
            if not anywhere:
                yield e.problem("quote", "quote not found in source")
            elif offset is None and span is not None:
                yield e.problem("quote", f"quote found in source but not in section {f.section}")
        for e in rd.excluded:
            if rd.body is not None and e.model.quote not in rd.body:
                yield e.problem("quote", "quote not found in source")


def relations_name_figures(ds: Dataset) -> Iterator[Problem]:
    """Relations name existing figures of the right kind (rates where a rate is stated, counts where counts are
    added), sum parts share the whole's unit, and a funnel starts with a count."""
    for rd in ds.reports.values():
        figures = {e.model.id: e.model for e in rd.figures}
        spans = rd.spans
        for e in rd.relations:
            rel = e.model
            if rd.headings is not None and rel.section not in spans:
                yield e.problem("section", f"section {rel.section} is not in the parsed outline")
            for name, i, fid in rel.input_refs():
                fig = figures.get(fid)
                if fig is None:
                    if _unknown(rd.declared_figures, fid):
                        yield e.problem(name, f"relation names figure '{fid}' that does not exist", i)
                elif name in ("stated", "changes") and fig.kind != "rate":
                    yield e.problem(name, f"figure '{fid}' is a {fig.kind}, not a rate", i)
                elif name in ("numerator", "denominator", "parts", "whole") and fig.kind == "rate":
                    yield e.problem(name, f"figure '{fid}' is a rate, not a count", i)
            if rel.kind == "sum":
                whole = figures.get(rel.whole)
                for i, pid in enumerate(rel.parts):
                    part = figures.get(pid)
                    if pid == rel.whole:
                        yield e.problem("parts", f"figure '{pid}' is both a part and the whole", i)
                    elif part and whole and part.unit_zh != whole.unit_zh:
                        yield e.problem(
                            "parts", f"part '{pid}' is in '{part.unit_zh}' but the whole is in '{whole.unit_zh}'", i
                        )
            if rel.kind == "funnel" and (first := figures.get(rel.stages[0])) and first.kind == "rate":
                yield e.problem("stages", f"the first stage '{first.id}' must be a count, not a rate", 0)


# Time words that sit inside a phrase and date only the clause they stand in (去年 in
# 在去年…的基础上, 连续3年, a designation's years): they never carry over to the next clause.
CLAUSE_WORDS = r"去年|连续(\d+)年|(\d{4})\D(\d{4})年度"
_CLAUSE_BREAK = re.compile(r"[,，;；]")


def stated_period(basis: str, words: str, year: str) -> str | None:
    """The ISO period that ``words`` state for a figure of a report whose year is ``year``
    (``2012-01-01/2012-12-31``), an end the words do not give left empty; None where the words
    cannot be read as dates by rule (十八大期间, an unknown phrase). 连续N年 names no years: the book
    reads it (a reading) as the N years to the report's, and holds the period to that reading."""
    start, end = year.split("/")
    y = int(start[:4])
    if basis in ("whole_year", "not_stated"):  # 全年, or the report's year assumed
        return year
    if basis == "year_to_date":  # the start of the year, and no end: the report was written before it ended
        return f"{start}/"
    if basis == "to_date" and (m := re.fullmatch(PERIOD_WORDS[basis], words)):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            return None
        return f"/{y}-{month:02d}-{calendar.monthrange(y, month)[1]:02d}"  # the end, and no start
    if basis in ("other", "reading") and (m := re.fullmatch(CLAUSE_WORDS, words)):
        if words == "去年":
            return f"{y - 1}-01-01/{y - 1}-12-31"
        if m.group(1):  # 连续N年: the N years to the report's
            return f"{y - int(m.group(1)) + 1}-01-01/{end}"
        return f"{m.group(2)}-01-01/{m.group(3)}-12-31"
    return None


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` that holds ``sentence[start:end]`` (from the comma before it to the one after)."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def _period_problem(f: Figure, sentence: str, at: int, sentence_id: str, year: str) -> tuple[str, str] | None:
    """(field, message) of the first thing wrong with a figure's period, else None; its quote
    starts at ``at`` in ``sentence``."""
    words, basis = f.period_words, f.period_basis
    shown = sentence if len(sentence) <= 40 else sentence[:40] + "..."
    if words and words not in sentence:
        return "period_words", f"'{words}' is not in the quote's sentence {sentence_id} ({shown})"
    if basis == "not_stated":
        if words:
            return (
                "period_words",
                f"'{words}' states a period, but period_basis is not_stated (leave period_words empty)",
            )
        opening = next((m.group(0) for b in SENTENCE_WIDE_BASES if (m := re.match(PERIOD_WORDS[b], sentence))), None)
        if opening:
            return (
                "period_basis",
                f"not_stated, but the quote's sentence {sentence_id} opens with '{opening}', "
                "which states the period of every figure in it",
            )
    elif not re.fullmatch(PERIOD_WORDS[basis], words):
        return "period_words", f"{basis} needs period_words matching {PERIOD_WORDS[basis]} (got {words!r})"
    if re.fullmatch(r"连续\d+年", words or "") and basis != "reading":
        return (
            "period_basis",
            f"'{words}' names no years: the years are a reading (period_basis reading, with a note_en)",
        )
    if basis == "reading" and not f.note_en:
        return "period_basis", "a reading needs a note_en that says how the words are read"
    if re.fullmatch(CLAUSE_WORDS, words) and words not in (clause := _clause(sentence, at, at + len(f.quote))):
        return (
            "period_words",
            f"'{words}' dates only the clause it stands in, not the quote's clause '{clause}' "
            "(a figure no time word dates is not_stated)",
        )
    expected = stated_period(basis, words, year)
    if expected is not None and f.period != expected:
        why = {
            "whole_year": "全年 is the report's year",
            "year_to_date": "the text gives the start of the year and no end",
            "to_date": f"'{words}' gives the end and no start",
            "not_stated": "no period is stated, so the report's year is assumed",
            "other": f"'{words}' in a report of {year[:4]}",
            "reading": f"this book's reading of '{words}' in a report of {year[:4]}",
        }[basis]
        return "period", f"{basis}: the period must be {expected} ({why}); got {f.period}"
    return None


def periods_match_text(ds: Dataset) -> Iterator[Problem]:
    """A figure's period words are in the sentence that holds its quote and fit its period basis; a word that
    dates only its own clause (去年, 连续3年, 2012?2013年度) stands in the quote's clause; and the ISO period is
    the one the words state (an end they do not give left empty; the report's year where they state none).
    What it cannot check: that no time word was missed (a figure wrongly not_stated) and how a reading reads."""
    for rd in ds.reports.values():
        sentences = rd.sentences
        if not sentences:
            continue
        starts = [s.start for s in sentences]
        spans = rd.spans
        for e in rd.figures:
            f = e.model
            offset, _ = find_in_span(rd.body or "", f.quote, spans.get(f.section))
            if offset is None:  # reported by figures_match_text
                continue
            s = sentences[bisect.bisect_right(starts, offset) - 1]
            found = _period_problem(f, s.text, offset - s.start, s.id, rd.report.model.period)
            if found:
                yield e.problem(*found)


def terms_in_text(ds: Dataset) -> Iterator[Problem]:
    """Every glossary term occurs verbatim in a report body."""
    bodies = [rd.body for rd in ds.reports.values() if rd.body is not None]
    if not bodies:
        return
    for e in ds.terms:
        if not any(e.model.zh in body for body in bodies):
            yield e.problem("zh", "term not found in the text")


def crosswalk_targets_exist(ds: Dataset) -> Iterator[Problem]:
    """Every crosswalk mapping names an existing report, a parsed section and a declared framework area."""
    for e in [*ds.crosswalk, *ds.outside_frameworks]:
        rd = ds.reports.get(e.model.report)
        if rd is None:
            if _unknown(ds.declared_reports, e.model.report):
                yield e.problem("report", f"no report '{e.model.report}' in reports.yaml")
        elif rd.headings is not None and e.model.section not in rd.spans:
            yield e.problem("section", f"section {e.model.section} is not in the parsed outline")
    for e in ds.crosswalk:
        if _unknown(ds.declared_areas, e.model.area):
            yield e.problem("area", f"unknown framework area '{e.model.area}'")


def translation_covers_body(ds: Dataset) -> Iterator[Problem]:
    """A translation file covers every sentence of the body exactly once, in reading order, each ``zh`` verbatim."""
    for rd in ds.reports.values():
        if rd.translation_file is None or rd.headings is None:
            continue
        body = {s.id: s for s in rd.sentences}
        yield from _duplicates(rd.translation, lambda e: e.model.id, "id", "sentence id")
        seen = set()
        for e in rd.translation:
            s = body.get(e.model.id)
            if s is None:
                yield e.problem(
                    "id",
                    f"no sentence {e.model.id} in the body (sections and sentence counts come from the parsed outline)",
                )
            elif s.text != e.model.zh:
                yield e.problem("zh", f"differs from the body's sentence {e.model.id}: {s.text[:40]!r}")
            seen.add(e.model.id)
        declared = rd.translation_file.declared("sentences") or set()  # an invalid entry is reported once
        missing = [i for i in body if i not in seen and i not in declared]
        if missing:
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            doc = rd.translation_file
            yield Problem(
                doc.file,
                doc.key_line("sentences"),
                None,
                "sentences",
                f"sentences not translated: {', '.join(missing[:3])}{more}",
            )
        listed = [e.model.id for e in rd.translation if e.model.id in body]
        order = [i for i in body if i in set(listed)]
        if listed != order and len(set(listed)) == len(listed):
            first = next(a for a, b in zip(listed, order) if a != b)
            entry = next(e for e in rd.translation if e.model.id == first)
            yield entry.problem("id", "out of reading order (sentences must follow the body)")


class _AnyName:
    """A collection that holds every name (for references into a file that could not be read)."""

    def __contains__(self, name: object) -> bool:
        return True


_ANY = _AnyName()


def notes_name_the_data(ds: Dataset) -> Iterator[Problem]:
    """Every placeholder of a note ({figure_id}, {relation_id.computed} ...) names a figure or a relation of the
    note's report; glossary explanations, shared by all reports, have none."""
    for rd in ds.reports.values():
        if rd.declared_figures is None:  # the figures file is unusable: its problem is reported once
            continue
        # an unusable relations file is reported once: names of relations then count as known
        names = (rd.declared_figures, _ANY if rd.declared_relations is None else rd.declared_relations)
        entries = [(e, "figure") for e in rd.figures] + [(e, "relation") for e in rd.relations]
        entries += [(e, "mapping") for e in ds.crosswalk if e.model.report == rd.id] + [(rd.report, "report")]
        for e, kind in entries:
            for field in TEMPLATED_FIELDS[kind]:
                value = getattr(e.model, field)
                for i, text in enumerate(value) if isinstance(value, list) else [(None, value)]:
                    for message in templates.problems(text, *names):
                        yield e.problem(field, message, i)
            for i, it in enumerate(getattr(e.model, "interpretations", None) or []):
                sub = Entry(it, e.node["interpretations"][i], e.file, e.label)
                for field in TEMPLATED_FIELDS["interpretation"]:
                    for message in templates.problems(getattr(it, field), *names):
                        yield Problem(e.file, sub.line(field), e.label, f"interpretations[{i}].{field}", message)
    for e in ds.terms:
        if "{" in e.model.explanation_en or "}" in e.model.explanation_en:
            yield e.problem(
                "explanation_en", "a glossary explanation is shared by every report: it cannot name a report's figures"
            )


RULES: list[Rule] = [
    unique_ids,
    outline_matches_text,
    figures_match_text,
    periods_match_text,
    relations_name_figures,
    terms_in_text,
    crosswalk_targets_exist,
    translation_covers_body,
    notes_name_the_data,
]


def check(ds: Dataset) -> list[Problem]:
    """Every problem of the dataset: those met while loading, then each rule's."""
    problems = list(ds.problems)
    for rule in RULES:
        problems.extend(rule(ds))
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line or 0))
