"""Every chart can be taken away: its data as CSV, the chart as SVG and PNG, and a line to cite it.

The ``charts`` step of ``make book``, after the HTML build. For each built page it finds
every chart (the Vega-Lite spec Altair writes into the page) and the figure that holds it
(``<figure id="fig-...">``, named by the notebook cell), then

1. writes ``downloads/charts/<fig-id>.csv`` (the rows the chart draws, every dataset of
   its spec; UTF-8 with BOM like the data package's CSVs), ``<fig-id>.svg`` and
   ``<fig-id>.png`` (drawn from the same spec by vl-convert, the Vega that ships with
   Altair's versions: the same picture the page draws, without a browser);
   The pictures carry the chart's number, title and source above it (``exported_spec``).
2. puts one line under the chart's caption: links to the three files and a suggested
   citation with the figure's anchor (``page.html#fig-...``), every text escaped.

It is deterministic (the same spec gives the same files, byte for byte; renderings are
cached under ``book/_build/.chart-cache`` by a hash of spec and versions) and idempotent
(a page that already has its lines gets them replaced, not doubled). A chart outside a
named figure is an error: it could not be linked or cited.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from lawgov.book.citation import cite_chart
from lawgov.book.links import CHARTS_DIR
from lawgov.publish.vega import chart_scripts, current_versions

LINE_CLASS = "lawgov-chart-downloads"
CSV_BOM = "\ufeff"
PNG_SCALE = 2  # PNG at twice the chart's CSS size: sharp on a slide or a high-density screen

_FIGURE = re.compile(r'<figure\b[^>]*\bid="(fig-[^"]+)"[^>]*>(.*?)</figure>', re.S)
_CAPTION_TEXT = re.compile(r'<span class="caption-text">(.*?)</span>', re.S)
_CAPTION_NUMBER = re.compile(r'<span class="caption-number">(.*?)</span>', re.S)
_OLD_LINE = re.compile(rf'<p class="{LINE_CLASS}"[^>]*>.*?</p>\n?', re.S)
_TAG = re.compile(r"<[^>]+>")


class ChartError(RuntimeError):
    """A chart cannot be published (not in a named figure, or not drawable)."""


@dataclass(frozen=True)
class Chart:
    page: str  # docname, e.g. "p4-oversight"
    fig_id: str  # the figure's anchor, e.g. "fig-p4-cleanup"
    spec: dict  # the Vega-Lite spec as the page embeds it
    embed_options: dict  # vega-embed's options (actions must be off)
    caption: str  # the caption's text, tags removed
    number: str  # "Fig. 16", as the page numbers it


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub("", fragment))).strip()


def charts_in(page_html: str, page: str) -> list[Chart]:
    """Every chart of a built page, each with the figure that holds it, in page order.

    Raises ChartError for a chart outside a ``<figure id="fig-...">``.
    """
    out, inside = [], 0
    for m in _FIGURE.finditer(page_html):
        body = m.group(2)
        caption = _CAPTION_TEXT.search(body)
        number = _CAPTION_NUMBER.search(body)
        for spec, options in chart_scripts(body):
            inside += 1
            out.append(
                Chart(
                    page,
                    m.group(1),
                    spec,
                    options,
                    _text(caption.group(1)) if caption else "",
                    _text(number.group(1)) if number else "",
                )
            )
    total = len(chart_scripts(page_html))
    if total != inside:
        raise ChartError(
            f"{page}: {total - inside} chart(s) outside a named figure (give the cell a "
            f"mystnb.figure.name: fig-...), so they cannot be downloaded or cited"
        )
    ids = [c.fig_id for c in out]
    if len(set(ids)) != len(ids):
        raise ChartError(f"{page}: more than one chart in one figure: {ids}")
    return out


# --- the data ------------------------------------------------------------------------------


def _lookups(node, data: str | None = None, found: dict | None = None) -> dict[str, list[dict]]:
    """dataset name -> the lookup transforms applied to its rows (a view's transforms act on the
    nearest ``data`` above them)."""
    found = {} if found is None else found
    if isinstance(node, list):
        for child in node:
            _lookups(child, data, found)
    elif isinstance(node, dict):
        if isinstance(node.get("data"), dict) and "name" in node["data"]:
            data = node["data"]["name"]
        for t in node.get("transform") or []:
            if isinstance(t, dict) and "lookup" in t and data is not None and t not in found.setdefault(data, []):
                found[data].append(t)
        for key, value in node.items():
            if key not in ("datasets", "transform", "data"):
                _lookups(value, data, found)
    return found


def _joined(rows: list[dict], lookups: list[dict], named: dict[str, list[dict]]) -> list[dict]:
    for t in lookups:
        source = named[t["from"]["data"]["name"]]
        index = {r.get(t["from"]["key"]): r for r in source}
        fields = t["from"].get("fields") or [k for r in source for k in r]
        rows = [
            {**row, **{f: index.get(row.get(t["lookup"]), {}).get(f) for f in dict.fromkeys(fields)}} for row in rows
        ]
    return rows


def datasets(spec: dict) -> list[list[dict]]:
    """The rows of every dataset a spec draws, in the order the spec names them: its
    ``datasets`` and any inline ``data.values``. A dataset a lookup transform reads is joined
    into the rows that look it up (as the chart draws them), not listed on its own."""
    named: dict[str, list[dict]] = spec.get("datasets") or {}
    lookups = _lookups(spec)
    sources = {t["from"]["data"]["name"] for ts in lookups.values() for t in ts}
    found = [_joined(rows, lookups.get(name, []), named) for name, rows in named.items() if name not in sources]
    stack = [spec]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            values = (node.get("data") or {}).get("values") if isinstance(node.get("data"), dict) else None
            if isinstance(values, list):
                found.append(values)
            stack += [v for k, v in node.items() if k != "datasets"]
        elif isinstance(node, list):
            stack += node
    return found


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def chart_csv(spec: dict) -> bytes:
    """The chart's data as CSV: one row per row drawn; with several datasets, a first column
    ``dataset`` (1, 2 ...) says which layer a row belongs to."""
    sets = datasets(spec)
    columns = list(dict.fromkeys(k for rows in sets for row in rows for k in row))
    several = len(sets) > 1
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow((["dataset"] if several else []) + columns)
    for n, rows in enumerate(sets, start=1):
        for row in rows:
            w.writerow(([str(n)] if several else []) + [_cell(row.get(c)) for c in columns])
    return (CSV_BOM + buf.getvalue()).encode("utf-8")


# --- the pictures --------------------------------------------------------------------------

# What stays at the top of a spec when it is nested in a titled one (a view's own keys go inside).
_TOP_LEVEL = ("$schema", "config", "datasets", "background", "padding", "usermeta")
TITLE_CHARS, SOURCE_CHARS = 70, 95  # a line of the title (14 px) and of the source line (12 px)


def _lines(text: str, width: int) -> list[str]:
    words, lines = text.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def exported_spec(chart: Chart, spec: dict | None = None) -> dict:
    """The chart as a downloaded picture shows it: its number and title above it (the caption's
    first sentence) and under them its source and where it comes from (the caption's "Source:"
    and the citation), so that the PNG or SVG says what it is away from the page."""
    title, _, source = chart.caption.partition(" Source:")
    title = title.split(". ")[0].rstrip(". ")
    cite = cite_chart(chart.page, chart.fig_id, chart.caption, chart.number)["short"]
    number = chart.number.strip().rstrip(".")
    heading = f"{number}. {title}" if number else title
    credit = (f"Source: {source.strip()} " if source.strip() else "") + f"Chart: {cite}"
    spec = chart.spec if spec is None else spec  # (a print form of the chart: print_spec)
    inner = {k: v for k, v in spec.items() if k not in _TOP_LEVEL}
    outer = {k: spec[k] for k in _TOP_LEVEL if k in spec}
    outer["vconcat"] = [inner]
    outer["title"] = {
        "text": _lines(heading, TITLE_CHARS),
        "subtitle": _lines(credit, SOURCE_CHARS),
        "anchor": "start",
        "fontSize": 14,
        "subtitleFontSize": 12,
        "subtitlePadding": 4,
        "offset": 12,
    }
    return outer


# --- the print form ----------------------------------------------------------------------------
# A chart whose spec says how to print itself (``usermeta.lawgov.print``: the crosswalk heatmap,
# too tall for a page with its text at 7 pt) gets a second SVG, ``print/<fig-id>.svg``, that the
# PDF edition prints instead of the download: drawn in its phone form (the short labels and steps
# book/_ext/static/lawgov-charts.js uses under 480 px), its stacked panels laid out in
# ``columns``, each panel's title in lines of ``title_chars``.
PRINT_DIR = "print"


def _short_form(node, form: dict) -> None:
    """What lawgov-charts.js's shortLabels does on a phone, in place."""
    if isinstance(node, list):
        for child in node:
            _short_form(child, form)
        return
    if not isinstance(node, dict):
        return
    for key, size in (("width", "short_step"), ("height", "short_row")):
        if form.get(size) and isinstance(node.get(key), dict) and "step" in node[key]:
            node[key] = {"step": form[size]}
    for channel in (node.get("encoding") or {}).values():
        if isinstance(channel, dict) and channel.get("field") in (form.get("short_labels") or {}):
            channel["field"] = form["short_labels"][channel["field"]]
    for key in ("layer", "hconcat", "vconcat", "concat", "spec"):
        if key in node:
            _short_form(node[key], form)


def print_spec(spec: dict) -> dict | None:
    """The chart as the PDF edition prints it, or None if it prints as it is drawn."""
    form = (spec.get("usermeta") or {}).get("lawgov") or {}
    printed = form.get("print")
    if not printed:
        return None
    out = json.loads(json.dumps(spec))
    _short_form(out, form)
    if "vconcat" in out and printed.get("columns"):
        out["concat"], out["columns"] = out.pop("vconcat"), printed["columns"]
    if printed.get("title_chars"):
        for panel in out.get("concat") or out.get("vconcat") or []:
            for view in [panel, *panel.get("layer", [])]:
                title = view.get("title")
                if isinstance(title, dict) and isinstance(title.get("text"), str):
                    title["text"] = _lines(title["text"], printed["title_chars"])
    return out


_FONTS_REGISTERED = False


def _register_fonts() -> None:
    """vl-convert draws text with the fonts it is given: the system's, CJK included."""
    global _FONTS_REGISTERED
    if not _FONTS_REGISTERED:
        import vl_convert

        for d in ("/usr/share/fonts", "/usr/local/share/fonts"):
            if Path(d).is_dir():
                vl_convert.register_font_directory(d)
        _FONTS_REGISTERED = True


def render(spec: dict, cache: Path | None = None) -> tuple[bytes, bytes]:
    """(SVG, PNG) of a Vega-Lite spec, drawn by vl-convert; cached by a hash of spec and versions."""
    import vl_convert

    versions = current_versions()
    key = hashlib.sha256(
        json.dumps(
            [spec, versions.vl_convert, versions.vl_minor, PNG_SCALE], sort_keys=True, ensure_ascii=False
        ).encode()
    ).hexdigest()[:32]
    if cache is not None and (cache / f"{key}.svg").exists() and (cache / f"{key}.png").exists():
        return (cache / f"{key}.svg").read_bytes(), (cache / f"{key}.png").read_bytes()
    _register_fonts()
    svg = vl_convert.vegalite_to_svg(spec, vl_version=versions.vl_minor).encode("utf-8")
    png = vl_convert.vegalite_to_png(spec, vl_version=versions.vl_minor, scale=PNG_SCALE)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for ext, data in (("svg", svg), ("png", png)):
            tmp = cache / f".{key}.{ext}.tmp"
            tmp.write_bytes(data)
            tmp.replace(cache / f"{key}.{ext}")
    return svg, png


# --- the line under each chart ----------------------------------------------------------------


def files(fig_id: str) -> dict[str, str]:
    """The three downloads of a chart, as book-root-relative paths."""
    return {ext: f"{CHARTS_DIR}/{fig_id}.{ext}" for ext in ("csv", "svg", "png")}


def line_html(chart: Chart) -> str:
    """The one line under a chart: its three downloads and how to cite it (all escaped)."""
    e = html.escape
    f = files(chart.fig_id)
    cite = cite_chart(chart.page, chart.fig_id, chart.caption, chart.number)
    links = " · ".join(
        f'<a class="reference download" href="{e(f[ext])}" download>{label}</a>'
        for ext, label in (("csv", "CSV"), ("svg", "SVG"), ("png", "PNG"))
    )
    # one short line (lawgov.css): the citation is shown and copied by its button (lawgov-ui.js);
    # without the script its full text is the button's tooltip
    return (
        f'<p class="{LINE_CLASS}">Download: {links} · '
        f'<button type="button" class="lawgov-cite-chart" aria-expanded="false" title="{e(cite["text"])}">'
        f"Cite this chart</button>"
        f'<span class="lawgov-cite-chart-text" hidden>{e(cite["text"])}</span></p>'
    )


def with_lines(page_html: str, charts: list[Chart]) -> str:
    """The page with one line under each chart's caption (any earlier line replaced)."""
    by_id = {c.fig_id: c for c in charts}

    def put(m: re.Match) -> str:
        chart = by_id.get(m.group(1))
        whole = _OLD_LINE.sub("", m.group(0))
        if chart is None:
            return whole
        cut = whole.rindex("</figure>")
        return f"{whole[:cut]}{line_html(chart)}\n{whole[cut:]}"

    return _FIGURE.sub(put, page_html)


def publish(html_dir: Path, cache: Path | None = None) -> tuple[int, int]:
    """Write every chart's files into ``html_dir/downloads/charts`` and its line into its page.

    Returns (charts, pages with charts). Files of charts that no longer exist are removed.
    """
    out = html_dir / CHARTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    pages = 0
    for path in sorted(html_dir.glob("*.html")):
        text = path.read_text(encoding="utf-8")
        charts = charts_in(text, path.stem)
        if not charts:
            continue
        pages += 1
        for chart in charts:
            if chart.embed_options.get("actions", True) is not False:
                raise ChartError(f"{path.name}#{chart.fig_id}: the vega-embed menu is on (the theme turns it off)")
            svg, png = render(exported_spec(chart), cache)
            for ext, data in (("csv", chart_csv(chart.spec)), ("svg", svg), ("png", png)):
                _write(out / f"{chart.fig_id}.{ext}", data)
                written.add(f"{chart.fig_id}.{ext}")
            printed = print_spec(chart.spec)
            if printed is not None:
                _write(out / PRINT_DIR / f"{chart.fig_id}.svg", render(exported_spec(chart, printed), cache)[0])
                written.add(f"{PRINT_DIR}/{chart.fig_id}.svg")
        new = with_lines(text, charts)
        if new != text:
            path.write_text(new, encoding="utf-8")
    for stale in [*out.glob("*.*"), *out.glob(f"{PRINT_DIR}/*.*")]:
        if stale.relative_to(out).as_posix() not in written:
            stale.unlink()
    return len([w for w in written if "/" not in w]) // 3, pages


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
