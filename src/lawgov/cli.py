"""``lawgov validate | figures | audit | export``: the command line, with no traceback for data errors.

Exit status: 0 ok, 1 the data has problems (each printed on one line on stderr),
2 usage error or no data directory.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from typing import Any

from lawgov.analysis.wording import plural
from lawgov.dataset.errors import DataError
from lawgov.dataset.location import DataLocationError


def _validate(args: argparse.Namespace) -> int:
    from lawgov.frames.loaders import dataset

    started = time.perf_counter()
    ds = dataset(args.data)  # checked afresh; raises DataError listing every problem
    elapsed = time.perf_counter() - started
    rds = [ds.reports[args.report]] if args.report else list(ds.reports.values())
    counts = [
        plural(len(rds), "report"),
        plural(sum(len(r.figures) for r in rds), "figure"),
        plural(sum(len(r.relations) for r in rds), "relation"),
        plural(len(ds.terms), "term"),
        plural(sum(len(r.headings or []) for r in rds), "section"),
    ]
    print(f"ok: {', '.join(counts)} checked in {elapsed:.2f} s")
    return 0


def _json_default(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


def _clean(value: Any) -> Any:
    """NA and NaN become null in JSON."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        import pandas as pd

        if not isinstance(value, (list, dict)) and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _figures(args: argparse.Namespace) -> int:
    from lawgov.frames.loaders import figures

    df = figures(args.report, data_dir=args.data)
    for col in ("period_start", "period_end"):
        df[col] = df[col].dt.strftime("%Y-%m-%d")
    if args.format == "csv":
        df["framework"] = df["framework"].map(";".join)
        df.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        records = [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2, default=_json_default)
        print()
    return 0


TABLE_WIDTH = 120  # the widest line of `lawgov audit --format table`, on a wide terminal or a pipe


def _audit(args: argparse.Namespace) -> int:
    from lawgov.frames.loaders import dataset
    from lawgov.frames.tidy import audit_results

    ds = dataset(args.data)
    rds = [ds.reports[args.report]] if args.report else list(ds.reports.values())
    results = [r for rd in rds for r in audit_results(rd)]
    if args.format == "json":
        keys = ("id", "kind", "inputs", "computed", "stated", "verdict", "reason", "details")
        json.dump([{k: getattr(r, k) for k in keys} for r in results], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    rows = [("id", "kind", "computed", "stated", "verdict", "reason")] + [
        (
            r.id,
            r.kind,
            "" if r.computed is None else f"{r.computed:.4f}".rstrip("0").rstrip("."),
            "" if r.stated is None else f"{r.stated:g}",
            r.verdict,
            r.reason,
        )
        for r in results
    ]
    import shutil
    import textwrap

    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    # the reason, last, is wrapped to the terminal (at most TABLE_WIDTH), under its own column
    indent = sum(widths) + 2 * len(widths)
    room = max(30, min(shutil.get_terminal_size((TABLE_WIDTH, 24)).columns, TABLE_WIDTH) - indent)
    for row in rows:
        lines = textwrap.wrap(row[-1], room) or [""]
        print("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths)), lines[0]]).rstrip())
        for line in lines[1:]:
            print(" " * indent + line)
    return 0


def _export(args: argparse.Namespace) -> int:
    from lawgov.publish.datapackage import main_export

    return main_export(args.dir, args.data)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data", metavar="DIR", help="data directory (default: $LAWGOV_DATA or the repository's data/)"
    )
    common.add_argument("--report", metavar="ID", help="only this report (e.g. kunshan-2012)")
    parser = argparse.ArgumentParser(prog="lawgov", description="Check and read the lawgov dataset.")
    # also before the command (lawgov --data DIR validate), as most tools accept it; a --data after
    # the command wins (a subcommand's own default would otherwise overwrite this one)
    parser.add_argument("--data", metavar="DIR", dest="data_first", help="data directory, as after the command")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", parents=[common], help="check every file; print each problem").set_defaults(
        run=_validate
    )
    p = sub.add_parser("figures", parents=[common], help="every figure, as CSV or JSON")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.set_defaults(run=_figures)
    p = sub.add_parser("audit", parents=[common], help="each relation with its verdict")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(run=_audit)
    # the data package (lawgov.publish.datapackage)
    p = sub.add_parser("export", help="write the data package (CSV, JSON, Parquet, datapackage.json) into DIR")
    p.add_argument(
        "dir", metavar="DIR", help="output directory (replaced atomically; must be empty, new, or a previous export)"
    )
    p.add_argument("--data", metavar="DIR", help="data directory (default: $LAWGOV_DATA or the repository's data/)")
    p.set_defaults(run=_export, report=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.data = args.data or args.data_first
    try:
        if args.report:
            from lawgov.frames.loaders import dataset, validate

            problems = validate(args.data)
            if not problems and args.report not in dataset(args.data).reports:
                print(f"lawgov: unknown report '{args.report}'", file=sys.stderr)
                return 2
        return args.run(args)
    except DataLocationError as exc:  # before DataError, which it also is: one line, no count
        print(f"lawgov: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{plural(len(exc.problems), 'problem')} found", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"lawgov: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
