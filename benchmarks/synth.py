"""A synthetic corpus: the real report mutated into N reports in the multi-report layout.

``make_corpus(n, parent)`` writes ``parent/data`` with the real shared files (topics,
glossary, frameworks) and, per report, ``reports.yaml`` entry, ``sources/<id>.txt``,
``outline/<id>.yaml``, ``figures/<id>.yaml`` and ``relations/<id>.yaml``. Report 0 is the
real one (so the crosswalk in frameworks.yaml stays valid); report i > 0 is ``synth-NNNN``:
its capture carries a line naming it outside the body, and a few of its figures print a
different number (changed in the source text, the quote and the value together, so the
copy is valid data with its own sha256). Every generated corpus passes ``lawgov.validate``.

    python -m benchmarks.synth 100 /tmp/corpus      # writes /tmp/corpus/data
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "data"
REAL_ID = "kunshan-2012"
SHARED = ("topics.yaml", "glossary.yaml", "frameworks.yaml")
PER_REPORT = ("outline", "figures", "relations")
# `quote: ...` followed by an integer `value:` in the figures file (as the authors write them)
_QUOTE = re.compile(r"(?m)^\s+-? ?quote: (.+)$")
_QUOTE_VALUE = re.compile(r"(?m)^(\s+)quote: (\S+)\n\1value: (\d+)\n")


def _report_block(text: str) -> tuple[str, str]:
    """(leading comments, the real report's entry) of reports.yaml."""
    start = text.index(f"- id: {REAL_ID}")
    rest = text[start + 1 :]
    nxt = re.search(r"(?m)^- id: ", rest)
    end = start + 1 + nxt.start() if nxt else len(text)
    return text[:start], text[start:end].rstrip("\n") + "\n"


def _mutate(i: int, source: str, figures: str, body_range: tuple[int, int]) -> tuple[str, str]:
    """Change up to three printed integers (source, quote and value together)."""
    lo, hi = body_range
    changed = 0
    out = figures
    for m in _QUOTE_VALUE.finditer(figures):
        if changed == 3:
            break
        indent, quote, value = m.group(1), m.group(2), m.group(3)
        if quote.count(value) != 1 or source.count(quote) != 1:
            continue
        at = source.index(quote)
        if not lo <= at < hi:
            continue
        new_value = str(int(value) + 1 + (i + changed) % 9)
        new_quote = quote.replace(value, new_value)
        if new_quote in source or not re.fullmatch(r"[^\d]*\d+[^\d]*", quote):
            continue
        candidate = source.replace(quote, new_quote, 1)
        others = [q.strip().strip("'\"") for q in _QUOTE.findall(figures) if q.strip() != quote]
        if any(q in source and q not in candidate for q in others):
            continue  # another quote overlaps this number: leave it
        source = candidate
        old = m.group(0)
        new = f"{indent}quote: {new_quote}\n{indent}value: {new_value}\n"
        out = out.replace(old, new, 1)
        changed += 1
    return source, out


def make_corpus(n: int, parent: Path, real: Path = REAL) -> Path:
    """Write an n-report data dir at ``parent/data`` (replaced if present); return it."""
    from lawgov.dataset.headings import find_body

    data = parent / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "sources").mkdir(parents=True)
    for kind in PER_REPORT:
        (data / kind).mkdir()
    for name in SHARED:
        if (real / name).exists():
            shutil.copy(real / name, data / name)
    head, block = _report_block((real / "reports.yaml").read_text(encoding="utf-8"))
    source = (real / "sources" / f"{REAL_ID}.txt").read_text(encoding="utf-8")
    files = {
        k: (real / k / f"{REAL_ID}.yaml").read_text(encoding="utf-8")
        for k in PER_REPORT
        if (real / k / f"{REAL_ID}.yaml").exists()
    }
    starts = re.search(r"(?m)^  body_starts_with: (.*)$", block).group(1).strip().strip('"')
    ends = re.search(r"(?m)^  body_ends_before: (.*)$", block).group(1).strip().strip('"')
    body_range = find_body(source, starts, ends)

    entries = []
    for i in range(n):
        rid = REAL_ID if i == 0 else f"synth-{i:04d}"
        text, figs = source, files["figures"]
        if i:
            text, figs = _mutate(i, source, files["figures"], body_range)
            text += f"\n(synthetic copy {rid} of {REAL_ID}, for benchmarks only)\n"
        raw = text.encode("utf-8")
        (data / "sources" / f"{rid}.txt").write_bytes(raw)
        entry = block.replace(f"- id: {REAL_ID}", f"- id: {rid}", 1)
        entry = re.sub(r"(?m)^  source: .*$", f"  source: sources/{rid}.txt", entry, count=1)
        entry = re.sub(r"(?m)^  sha256: .*$", f"  sha256: {hashlib.sha256(raw).hexdigest()}", entry, count=1)
        entries.append(entry)
        for kind, content in files.items():
            content = figs if kind == "figures" else content
            content = re.sub(rf"(?m)^report: {re.escape(REAL_ID)}$", f"report: {rid}", content, count=1)
            (data / kind / f"{rid}.yaml").write_text(content, encoding="utf-8")
    (data / "reports.yaml").write_text(head + "".join(entries), encoding="utf-8")
    return data


if __name__ == "__main__":
    count, where = int(sys.argv[1]), Path(sys.argv[2])
    print(make_corpus(count, where))
