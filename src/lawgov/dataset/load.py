"""Read a data directory into a ``Dataset``: every file, validated entry by entry.

Per-entry shape comes from the pydantic models in ``schema``; the checks that need more
than one file live in ``validate``. Nothing here raises on bad data: every problem is
collected on the dataset.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawgov.dataset import schema
from lawgov.dataset.entries import Document, Entry, validate_document, validate_list
from lawgov.dataset.errors import Problem, display_path
from lawgov.dataset.headings import Heading, find_body, parse_outline
from lawgov.dataset.location import DEFAULT_DATA_DIR, resolve_data_dir  # noqa: F401 (re-exported)
from lawgov.dataset.sentences import Sentence, split_sentences
from lawgov.dataset.yamlio import load_yaml


@dataclass
class ReportData:
    """One report and everything that belongs to it."""

    report: Entry[schema.Report]
    text: str | None = None
    body: str | None = None
    headings: list[Heading] | None = None
    outline: list[Entry[schema.OutlineEntry]] = field(default_factory=list)
    outline_file: Document | None = None
    figures: list[Entry[schema.Figure]] = field(default_factory=list)
    excluded: list[Entry[schema.Exclusion]] = field(default_factory=list)
    relations: list[Entry[Any]] = field(default_factory=list)
    translation: list[Entry[schema.TranslatedSentence]] = field(default_factory=list)
    translation_file: Document | None = None
    # ids of every figure entry, valid or not; None when the figures file is unusable.
    # A relation naming an invalid figure is then not reported a second time.
    declared_figures: set[str] | None = None
    # ids of every relation entry, valid or not (empty when the report has no relations file);
    # None when the file is there but unusable: notes naming its relations are then not judged.
    declared_relations: set[str] | None = field(default_factory=set)

    @property
    def id(self) -> str:
        return self.report.model.id

    @property
    def spans(self) -> dict[str, Heading]:
        return {h.section: h for h in self.headings or []}

    @property
    def sentences(self) -> list[Sentence]:
        """The body's sentences (empty when the body or its outline could not be read)."""
        if self.body is None or self.headings is None:
            return []
        return split_sentences(self.body, self.headings)


@dataclass
class Dataset:
    data_dir: Path
    reports: dict[str, ReportData] = field(default_factory=dict)
    terms: list[Entry[schema.Term]] = field(default_factory=list)
    topics: list[Entry[schema.Topic]] = field(default_factory=list)
    frameworks: list[Entry[schema.Framework]] = field(default_factory=list)
    crosswalk: list[Entry[schema.Mapping]] = field(default_factory=list)
    outside_frameworks: list[Entry[schema.OutsideFramework]] = field(default_factory=list)
    # every topic id and framework area code written, valid or not; None when the file is
    # unusable (then references to them are not checked, to avoid a flood of knock-on problems)
    declared_topics: set[str] | None = None
    declared_areas: set[str] | None = None
    # every report id written in reports.yaml, valid or not; None when it is unusable
    declared_reports: set[str] | None = None
    has_glossary: bool = False
    has_frameworks: bool = False
    problems: list[Problem] = field(default_factory=list)

    def shown(self, relative: str) -> str:
        return display_path(self.data_dir / relative, self.data_dir)


# Per-report files: directory, file model, whether every report must have one.
PER_REPORT = {
    "outline": (schema.OutlineFile, True),
    "figures": (schema.FiguresFile, True),
    "relations": (schema.RelationsFile, False),
    "translation": (schema.TranslationFile, False),
}


def _read(ds: Dataset, relative: str, model: type[schema.BaseModel] | None, required: bool) -> Document | None:
    path = ds.data_dir / relative
    shown = ds.shown(relative)
    if not path.is_file():
        if required:
            ds.problems.append(Problem(shown, None, None, None, "file not found"))
        return None
    data, problems = load_yaml(path, shown)
    ds.problems.extend(problems)
    if data is None:
        return None
    doc = validate_list(data, schema.Report, shown) if model is None else validate_document(data, model, shown)
    ds.problems.extend(doc.problems)
    return doc


def _read_source(ds: Dataset, rd: ReportData) -> None:
    rep = rd.report
    path = ds.data_dir / rep.model.source
    try:
        raw = path.read_bytes()
    except (OSError, ValueError):  # missing, a directory, unreadable, or a NUL in the path
        ds.problems.append(rep.problem("source", f"source file not found: {ds.shown(rep.model.source)}"))
        return
    digest = hashlib.sha256(raw).hexdigest()
    if digest != rep.model.sha256:
        ds.problems.append(rep.problem("sha256", f"source {ds.shown(rep.model.source)} has sha256 {digest}"))
    try:
        rd.text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        ds.problems.append(Problem(ds.shown(rep.model.source), line, None, None, "not valid UTF-8"))
        return
    try:
        start, end = find_body(rd.text, rep.model.body_starts_with, rep.model.body_ends_before)
    except ValueError as exc:
        which = "body_ends_before" if str(exc).startswith("end") else "body_starts_with"
        ds.problems.append(rep.problem(which, f"body marker not found in the source: {exc}"))
        return
    rd.body = rd.text[start:end]
    try:
        rd.headings = parse_outline(rd.body, rep.model.closing_starts_with)
    except ValueError as exc:
        if "closing marker" in str(exc):
            ds.problems.append(rep.problem("closing_starts_with", "closing marker not found in the body"))
        else:
            ds.problems.append(Problem(ds.shown(rep.model.source), None, None, None, f"cannot parse the outline: {exc}"))


def _read_per_report(ds: Dataset) -> None:
    for kind, (model, required) in PER_REPORT.items():
        for rid, rd in ds.reports.items():
            doc = _read(ds, f"{kind}/{rid}.yaml", model, required)
            if kind == "relations" and (ds.data_dir / kind / f"{rid}.yaml").is_file():
                rd.declared_relations = doc.declared("relations") if doc is not None else None
            if doc is None:
                continue
            if doc.header is not None and doc.header.report != rid:
                ds.problems.append(Problem(doc.file, 1, None, "report", f"report '{doc.header.report}' does not match the file name ({rid})"))
            if kind == "outline":
                rd.outline, rd.outline_file = doc.entries.get("sections", []), doc
            elif kind == "figures":
                rd.figures, rd.excluded = doc.entries.get("figures", []), doc.entries.get("excluded", [])
                rd.declared_figures = doc.declared("figures")
            elif kind == "relations":
                rd.relations = doc.entries.get("relations", [])
                rd.declared_relations = doc.declared("relations")
            else:
                rd.translation, rd.translation_file = doc.entries.get("sentences", []), doc
        folder = ds.data_dir / kind
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() and ds.declared_reports is not None else []:
            if path.stem not in ds.declared_reports:
                ds.problems.append(Problem(ds.shown(f"{kind}/{path.name}"), None, None, None, f"no report '{path.stem}' in reports.yaml"))


def load(data_dir: Path) -> Dataset:
    """Every file of ``data_dir`` read and validated entry by entry; problems collected."""
    ds = Dataset(data_dir)
    reports = _read(ds, "reports.yaml", None, True)
    if reports is not None and isinstance(reports.data, list):
        ds.declared_reports = {str(r["id"]) for r in reports.data if isinstance(r, dict) and "id" in r}
    for entry in reports.entries.get("", []) if reports else []:
        if entry.model.id in ds.reports:
            ds.problems.append(entry.problem("id", f"duplicate report id '{entry.model.id}'"))
            continue
        rd = ds.reports[entry.model.id] = ReportData(entry)
        _read_source(ds, rd)
    _read_per_report(ds)

    if doc := _read(ds, "topics.yaml", schema.TopicsFile, True):
        ds.topics = doc.entries.get("topics", [])
        ds.declared_topics = doc.declared("topics")
    if doc := _read(ds, "glossary.yaml", schema.GlossaryFile, False):
        ds.terms, ds.has_glossary = doc.entries.get("terms", []), True
    if doc := _read(ds, "frameworks.yaml", schema.FrameworksFile, False):
        ds.has_frameworks = True
        ds.frameworks = doc.entries.get("frameworks", [])
        ds.crosswalk = doc.entries.get("crosswalk", [])
        ds.outside_frameworks = doc.entries.get("not_named_by_frameworks", [])
        frameworks = doc.data.get("frameworks") if isinstance(doc.data, dict) else None
        if "frameworks" in doc.entries and isinstance(frameworks, list):
            ds.declared_areas = {
                str(a["code"]) for f in frameworks if isinstance(f, dict) and isinstance(f.get("areas"), list)
                for a in f["areas"] if isinstance(a, dict) and "code" in a
            }
    return ds
