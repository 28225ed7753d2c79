"""``python -m benchmarks.lighthouse``: every page of the built book through Lighthouse's mobile preset.

Each page of ``book/_build/html`` listed in ``_toc.yml``, and ``index.html`` (the address a
reader types), is served on 127.0.0.1 as a static host serves it: text files gzip-compressed
when the browser accepts it, ``Cache-Control`` on ``_static/`` (Sphinx versions those URLs
with ``?v=``). Lighthouse runs once per page, one page at a time, with its default mobile
settings (a mid-range phone on a slow 4G link, simulated: the throttling is computed from the
page's trace, so it depends little on how loaded the machine is) in Debian's Chromium.

Budgets (the reader's first look): performance at least 90; accessibility, best practices
and SEO 100; first contentful paint at most 1.8 s. Each page's scores and timings go to
``benchmarks/results-lighthouse.json`` with the budgets it misses; ``--table`` prints the
Markdown table of benchmarks/README.md. The exit status is 1 if any page misses a budget.

Lighthouse is an npm package, not a Python one: ``npm install --prefix .lighthouse lighthouse``
(or set ``LIGHTHOUSE`` to its command). Options: ``--pages intro,audit``, ``--html DIR``,
``--out PATH``, ``--table``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "book" / "_build" / "html"
OUT = ROOT / "benchmarks" / "results-lighthouse.json"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# score (0-100) at least, per category; first contentful paint at most, in ms
BUDGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
FCP_BUDGET_MS = 1800
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map"}
TIMINGS = {
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "speed_index_ms": "speed-index",
}


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed for a browser that accepts it (as any static host)."""

    def log_message(self, format, *args):  # the name BaseHTTPRequestHandler gives it
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if "/_static/" in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000")
        self.end_headers()
        return io.BytesIO(body)


def serve_compressed(directory: Path) -> contextlib.AbstractContextManager[str]:
    """The built book as a static host serves it: gzip, long caching of _static/."""
    from lawgov.publish.browser import serve_with

    return serve_with(_GzipHandler, directory)


def pages() -> list[str]:
    """index.html, then every page of _toc.yml in reading order."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    return ["index"] + list(parse_toc_yaml(ROOT / "book" / "_toc.yml"))


def lighthouse_command() -> list[str]:
    if os.environ.get("LIGHTHOUSE"):
        return os.environ["LIGHTHOUSE"].split()
    local = ROOT / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return [str(local)]
    if shutil.which("lighthouse"):
        return ["lighthouse"]
    raise SystemExit("Lighthouse not found: npm install --prefix .lighthouse lighthouse (or set LIGHTHOUSE)")


def run_page(url: str, report: Path) -> dict:
    """One Lighthouse run (mobile preset) of one page: scores, timings, what blocks rendering."""
    cmd = [
        *lighthouse_command(),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME)}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not report.exists():
        return {"error": (done.stderr or done.stdout)[-2000:]}
    lhr = json.loads(report.read_text(encoding="utf-8"))
    audits = lhr["audits"]
    row = {c: round(100 * lhr["categories"][c]["score"]) for c in CATEGORIES}
    row |= {k: round(audits[a]["numericValue"]) for k, a in TIMINGS.items()}
    row["cls"] = round(audits["cumulative-layout-shift"]["numericValue"], 3)
    row["transfer_kib"] = round(audits["total-byte-weight"]["numericValue"] / 1024)
    row["render_blocking"] = [
        i["url"].split("/")[-1] for i in audits["render-blocking-resources"].get("details", {}).get("items", [])
    ]
    row["failed_audits"] = sorted(
        a
        for c in CATEGORIES
        if c != "performance"
        for a in (ref["id"] for ref in lhr["categories"][c]["auditRefs"])
        if audits[a].get("score") is not None
        and audits[a]["score"] < 1
        and audits[a].get("scoreDisplayMode") == "binary"
    )
    row["lighthouse"] = lhr["lighthouseVersion"]
    return row


def misses(row: dict) -> list[str]:
    if "error" in row:
        return ["no result"]
    out = [f"{c} {row[c]} < {b}" for c, b in BUDGETS.items() if row[c] < b]
    if row["fcp_ms"] > FCP_BUDGET_MS:
        out.append(f"FCP {row['fcp_ms'] / 1000:.1f} s > {FCP_BUDGET_MS / 1000:.1f} s")
    return out


def table(results: dict) -> str:
    lines = [
        "| page | performance | accessibility | best practices | SEO | first text (FCP) | largest paint"
        " | blocking (TBT) | layout shift (CLS) | weight | budgets |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page, row in results["pages"].items():
        if "error" in row:
            lines.append(f"| {page} | | | | | | | | | | no result |")
            continue
        lines.append(
            f"| {page} | {row['performance']} | {row['accessibility']} | {row['best-practices']} | {row['seo']} "
            f"| {row['fcp_ms'] / 1000:.1f} s | {row['lcp_ms'] / 1000:.1f} s | {row['tbt_ms']} ms | {row['cls']:.3f} "
            f"| {row['transfer_kib']:,} KiB | {'; '.join(row['misses']) or 'met'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="comma-separated docnames (default: index and every page of _toc.yml)")
    parser.add_argument("--html", type=Path, default=HTML)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--table", action="store_true", help="print the results file's Markdown table and stop")
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.out.read_text(encoding="utf-8"))))
        return 0
    if not (args.html / "index.html").exists():
        raise SystemExit(f"{args.html} has no built book: make book")
    names = args.pages.split(",") if args.pages else pages()
    results = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "preset": "mobile (Lighthouse default, simulated throttling)",
        "served": "127.0.0.1, gzip",
        "load_before": os.getloadavg()[0],
        "budgets": BUDGETS | {"fcp_ms": FCP_BUDGET_MS},
        "pages": {},
    }
    with serve_compressed(args.html) as base, tempfile.TemporaryDirectory() as tmp:
        for name in names:
            row = run_page(f"{base}/{name}.html", Path(tmp) / f"{name}.json")
            row["misses"] = misses(row)
            results["pages"][name] = row
            args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")  # so far
            print(
                f"{name:16} {'; '.join(row['misses']) or 'met'}"
                + ("" if "error" in row else f"  (perf {row['performance']}, FCP {row['fcp_ms']} ms)"),
                file=sys.stderr,
            )
    results["load_after"] = os.getloadavg()[0]
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    return 1 if any(r["misses"] for r in results["pages"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
