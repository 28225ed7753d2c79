"""Lighter pages: what every page of the theme loads, cut to what the book uses.

- **Icons without fontawesome.js.** pydata-sphinx-theme puts a 1.4 MB script on every page
  (its webpack macro ``head_js_preload``) that swaps ``<i class="fa-solid fa-...">`` for SVG,
  plus 95 KB of Font Awesome CSS and a 150 KB icon font for the rest. The book shows about
  twenty icons. This extension drops the script from every page, cuts the Font Awesome rules
  out of the theme's stylesheet, deletes the script and the fonts from the output, and draws
  each icon the theme uses as a CSS mask (``_static/lawgov-icons.css``, about 12 KB). The
  masks are the same Font Awesome Free 6.5.2 drawings (icons CC BY 4.0, fontawesome.com),
  read at build time from the theme's own copy of the script, so they cannot drift from it.
  A page that shows an icon this file does not draw fails the build.
- **Scripts only where they serve.** The Vega bundle (877 KB) and the chart fitter only on
  pages with a chart; copy buttons and code colours only with a code block; tab and toggle
  scripts only with tabs or toggles (PAGE_ASSETS).
- **No Bootstrap script.** The theme's 80 KB Bootstrap bundle served a download menu,
  button tooltips and "back to top"; ``lawgov-ui.js`` (3 KB) does those (the tooltips are
  the buttons' native titles), and the CSS of Bootstrap components nothing shows goes.
- **Search scripts only where they search.** The theme loads Sphinx's search code and the
  110 KB search index on every page for "search as you type", which the book leaves off;
  the search box only submits to search.html, which loads them itself.
- **Figure ids that wrap.** A figure id in a table (``suzhou_model_units_selected``) may
  break after an underscore (``<wbr>``), so its column can be narrow without cutting a word.
- **No unused theme CSS.** The themes' stylesheets lose the rules whose classes no built
  page or script of the site contains (``lawgov_unused_css``): about 300 KB of a first visit.
- **Charts without Altair's loader.** Each chart's script loses the 2 KB that would fetch
  Vega from a CDN (the page has the bundle already) and its spec is written compactly, its
  characters as themselves (``lawgov.publish.vega.compact_charts``).
- **One copy of a table's stylesheet.** great-tables writes the same 8.8 KB stylesheet
  into every table, scoped by the table's random id; identical copies on a page are merged
  into one, scoped by ``:is(#id1, #id2, ...)`` (same rules, same specificity).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import lawgov_unused_css  # book/_ext is on sys.path (local_extensions in _config.yml)
from sphinx.errors import ExtensionError

from lawgov.publish.vega import compact_charts

FA_LICENCE = "Font Awesome Free 6.5.2 by @fontawesome - https://fontawesome.com, icons CC BY 4.0"

# Icons the theme's templates (and its scripts) show, by class: Font Awesome solid names.
ICONS = {
    name: name
    for name in (
        "angle-left",
        "angle-right",
        "arrow-up",
        "bars",
        "chevron-down",
        "circle-half-stroke",
        "download",
        "file",
        "file-pdf",
        "list",
        "magnifying-glass",
        "moon",
        "outdent",
        "sun",
        "xmark",
    )
}
# Classes that style an icon rather than name one.
NOT_ICONS = {
    "fa",
    "fas",
    "far",
    "fab",
    "fa-solid",
    "fa-regular",
    "fa-brands",
    "fa-lg",
    "fa-fw",
    "fa-xs",
    "fa-sm",
    "fa-xl",
    "fa-2x",
}
# Icons the theme's CSS draws in ::before/::after with the icon font: selector -> icon.
ADMONITION_ICONS = {
    "": "bell",
    "attention": "circle-exclamation",
    "caution": "triangle-exclamation",
    "danger": "triangle-exclamation",
    "error": "circle-xmark",
    "hint": "lightbulb",
    "important": "circle-exclamation",
    "note": "circle-info",
    "seealso": "share",
    "tip": "lightbulb",
    "admonition-todo": "pencil",
    "warning": "triangle-exclamation",
}
PSEUDO_ICONS = {
    "a.reference.download::before": "download",
    ".nav-link.nav-external::after, nav.bd-links li > a.reference.external::after": "up-right-from-square",
    "ul.bd-breadcrumbs li.breadcrumb-item:not(.breadcrumb-home)::before": "angle-right",
    "div#searchbox p.highlight-link a::before": "magnifying-glass-minus",
    "span.versionmodified::before": "circle-exclamation",
    ".bd-sidebar-secondary.hide:not(:hover) .onthispage::after": "angle-down",
}

FA_SCRIPT = re.compile(
    r"\s*(?:<!-- So that users can add custom icons -->\s*)?"
    r'<script\b[^>]*\bsrc="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>'
)
# Bootstrap's bundle (80 KB) -> lawgov-ui.js, which does the little the book needs of it.
BOOTSTRAP_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*_static/scripts/bootstrap\.js[^"]*" />')
BOOTSTRAP_SCRIPT = re.compile(r'<script defer src="([^"]*_static/)scripts/bootstrap\.js[^"]*"></script>')
UI_JS = Path(__file__).parent / "static" / "lawgov-ui.js"
UI_VERSION = hashlib.sha256(UI_JS.read_bytes()).hexdigest()[:8]
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js'
    r'|searchindex\.js)"></script>'
)


# What a page loads only if it has what the asset serves (every page gets every asset from
# the themes): regexes of the tags, and a test of the page's HTML.
def _tags(*names: str) -> re.Pattern:
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(
        r'\s*(?:<script\b[^>]*\bsrc="[^"]*_static/(?:' + alt + r')\?[^"]*"[^>]*></script>'
        r'|<link\b[^>]*\bhref="[^"]*_static/(?:' + alt + r')\?[^"]*"[^>]*/?>)'
    )


TOGGLE_TARGET = re.compile(
    r'class="(?=[^"]*(?<![\w-])admonition(?![\w-]))(?=[^"]*(?<![\w-])dropdown(?![\w-]))'
    r'|class="[^"]*(?<![\w-])toggle(?![\w-])'
)
PAGE_ASSETS = [
    # Vega and the chart fitter: pages with an Altair chart
    (_tags("vega-bundle.js", "lawgov-charts.js"), lambda html: "altair-viz-" in html),
    # copy buttons and code colours: pages with a highlighted code block
    (
        _tags("copybutton.js", "clipboard.min.js", "copybutton.css", "pygments.css"),
        lambda html: '<div class="highlight' in html,
    ),
    # sphinx-design's tabs
    (_tags("design-tabs.js"), lambda html: "sd-tab-set" in html),
    # sphinx-togglebutton (its selector: '.toggle, .admonition.dropdown') and its set-up line
    (
        re.compile(
            _tags("togglebutton.js", "togglebutton.css").pattern
            + r"|\s*<script>var togglebuttonSelector = [^<]*</script>"
        ),
        lambda html: bool(TOGGLE_TARGET.search(html)),
    ),
]
ICON_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')
FIGURE_ID = re.compile(r'(<span class="fig-anchor"[^>]*><code>)([^<]+)(</code>)')
TABLE_STYLE = re.compile(r"<style>\s*(#([A-Za-z][\w-]*) table \{.*?)</style>", re.S)


# --- the icons --------------------------------------------------------------------------


def solid_icons(script: str) -> dict[str, tuple[int, int, str]]:
    """name -> (width, height, SVG path) of every icon in the script's solid pack."""
    try:
        end = script.index('d("fas",')  # the solid pack registers itself after defining its icons
        begin = script.rindex('d("far",', 0, end)  # ... and follows the regular pack
    except ValueError as exc:
        raise ExtensionError("lawgov_light: no solid icon pack in the theme's fontawesome.js") from exc
    icons = {}
    for m in re.finditer(
        r'(?:"([\w-]+)"|\b([A-Za-z_]\w*)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]', script[begin:end]
    ):
        icons[m.group(1) or m.group(2)] = (int(m.group(3)), int(m.group(4)), m.group(5))
    return icons


def mask(icon: tuple[int, int, str]) -> str:
    width, height, path = icon
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    data = quote(svg, safe=" =:/.,-'")  # inside url("..."): only < > # % " need escaping
    return f'url("data:image/svg+xml,{data}")'


def icon_css(icons: dict[str, tuple[int, int, str]], theme_css: str) -> str:
    def get(name: str) -> tuple[int, int, str]:
        if name not in icons:
            raise ExtensionError(f"lawgov_light: Font Awesome has no solid icon {name!r}")
        return icons[name]

    draw = (
        "background-color: currentColor; -webkit-mask: var(--lawgov-icon) center / contain no-repeat; "
        "mask: var(--lawgov-icon) center / contain no-repeat;"
    )
    box = "display: inline-block; width: 1em; height: 1em; vertical-align: -0.125em;"
    # The theme's own pseudo-element icons take their glyph from --pst-icon-* variables:
    # emptied, they keep the theme's size and place and show the mask instead.
    variables = sorted(set(re.findall(r"(--pst-icon-[\w-]+):", theme_css)))
    used = sorted({*ICONS.values(), *ADMONITION_ICONS.values(), *PSEUDO_ICONS.values()})
    lines = [
        f"/* The theme's icons, drawn without Font Awesome's script or font (book/_ext/lawgov_light.py).\n"
        f"   {FA_LICENCE}. */",
        "html { " + " ".join(f'{v}: "";' for v in variables) + " }",
        "html {\n" + "".join(f"  --lawgov-fa-{name}: {mask(get(name))};\n" for name in used) + "}",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
        ".fa-fw { text-align: center; width: 1.25em; }",
        ':is(.fa, .fas, .far, .fa-solid, .fa-regular)::before { content: ""; '
        + box
        + " width: var(--lawgov-icon-width, 1em); "
        + draw
        + " }",
    ]
    for cls, name in sorted(ICONS.items()):
        w, h, _ = get(name)
        lines.append(f".fa-{cls} {{ --lawgov-icon: var(--lawgov-fa-{name}); --lawgov-icon-width: {w / h:.4g}em; }}")
    lines.append(".admonition > .admonition-title::after { " + draw + " }")
    for kind, name in ADMONITION_ICONS.items():
        scope = f".admonition.{kind}" if kind else ".admonition"
        lines.append(f"{scope} > .admonition-title::after {{ --lawgov-icon: var(--lawgov-fa-{name}); }}")
    for selector, name in PSEUDO_ICONS.items():
        lines.append(f'{selector} {{ content: ""; --lawgov-icon: var(--lawgov-fa-{name}); {box} {draw} }}')
    lines.append("a.github::before, a.gitlab::before { content: none; }")
    # fontawesome.js swapped the <i> for an <svg> without the fa-solid class, which left the
    # search form's icon in the form's flex row; the theme's absolute placement is for that
    # class and would put the kept <i> over the placeholder text.
    lines.append(".bd-search .fa-solid.fa-magnifying-glass { position: static; }")
    return "\n".join(lines) + "\n"


def theme_file(*parts: str) -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent.joinpath("theme", "pydata_sphinx_theme", "static", *parts)


def write_icon_css(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "lawgov-icons.css"
    css = icon_css(
        solid_icons(theme_file("scripts", "fontawesome.js").read_text(encoding="utf-8")),
        theme_file("styles", "pydata-sphinx-theme.css").read_text(encoding="utf-8"),
    )
    if not target.exists() or target.read_text(encoding="utf-8") != css:
        target.write_text(css, encoding="utf-8")


# --- every page -------------------------------------------------------------------------


def merge_table_styles(html: str) -> str:
    """One copy of each great-tables stylesheet that several tables on the page repeat."""
    groups: dict[str, list[re.Match]] = {}
    for m in TABLE_STYLE.finditer(html):
        groups.setdefault(m.group(1).replace("#" + m.group(2) + " ", "#\0 "), []).append(m)
    edits = []
    for css, copies in groups.items():
        if len(copies) > 1:
            scope = ":is(" + ", ".join("#" + m.group(2) for m in copies) + ")"
            edits.append((copies[0].start(1), copies[0].end(1), css.replace("#\0", scope)))
            edits += [(m.start(), m.end(), "") for m in copies[1:]]
    for start, end, text in sorted(edits, reverse=True):
        html = html[:start] + text + html[end:]
    return html


# The sidebar's expander of a chapter with pages under it: a <summary> holding only an icon.
TOC_EXPANDER = re.compile(r'(<a class="[^"]*reference internal[^"]*" href="[^"]*">([^<]*)</a><details[^>]*>)<summary>')
BIBLIOENTRY = re.compile(r'(<div class="citation" id="[^"]+" )role="doc-biblioentry"')


# The sidebar's links to the book's pages (its <nav class="bd-docs-nav">).
SIDEBAR = re.compile(r'<nav class="bd-links bd-docs-nav".*?</nav>', re.S)
SIDEBAR_LINK = re.compile(r'(<a class="reference internal" href="([\w-]+)\.html(?:#[^"]*)?">)([^<]*?)(\s*</a>)')
CJK = re.compile(r"[\u3400-\u9fff]")


def sidebar_chinese(html: str, chinese: dict[str, str]) -> str:
    """Each sidebar entry: its short English name (_toc.yml), the heading's Chinese below it.

    ``chinese`` maps a docname to the Chinese half of its heading ("English · 中文").
    """

    def entry(m: re.Match) -> str:
        zh = chinese.get(m.group(2))
        if not zh or CJK.search(m.group(3)):
            return m.group(0)
        return f'{m.group(1)}{m.group(3)}<span class="lawgov-nav-zh" lang="zh">{zh}</span>{m.group(4)}'

    return SIDEBAR.sub(lambda nav: SIDEBAR_LINK.sub(entry, nav.group(0)), html)


def chinese_titles(titles: dict) -> dict[str, str]:
    """docname -> the Chinese half of its title ("English · 中文"), for titles that have one."""
    out = {}
    for docname, node in titles.items():
        _, sep, zh = node.astext().rpartition(" · ")
        if sep and CJK.search(zh):
            out[docname] = zh
    return out


def drawn_icons(html: str) -> set[str]:
    names = set()
    for m in ICON_CLASS.finditer(html):
        names |= {c[3:] for c in m.group(1).split() if c.startswith("fa-") and c not in NOT_ICONS}
    return names


HEAD_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


def defer_head_scripts(html: str) -> str:
    """No script in the head holds back the page's text: each file loads ``defer``.

    Deferred scripts run in document order once the page is parsed, so they still see one
    another as before. The few inline lines that set options on a deferred file's object
    (``DOCUMENTATION_OPTIONS.pagename = ...``) become inline modules, which run in that same
    order; the other inline lines depend on nothing and stay as they are.
    """
    end = html.find("</head>")
    if end < 0:
        return html

    def fix(m: re.Match) -> str:
        attrs, body = m.group(1), m.group(2)
        if re.search(r"\bsrc=", attrs):
            if re.search(r'\b(?:defer|async)\b|type="module"', attrs):
                return m.group(0)
            return f"<script defer{attrs}>{body}</script>"
        if "DOCUMENTATION_OPTIONS." in body and "type=" not in attrs:
            return f'<script type="module"{attrs}>{body}</script>'
        return m.group(0)

    return HEAD_SCRIPT.sub(fix, html[:end]) + html[end:]


VEGA_TAG = re.compile(r'\s*<script defer src="([^"]*_static/vega-bundle\.js[^"]*)"></script>')
CHARTS_TAG = re.compile(r'<script defer src="([^"]*_static/lawgov-charts\.js[^"]*)"></script>')


def vega_after_paint(html: str) -> str:
    """The Vega bundle fetched by the chart script, not by a tag of its own: once the page has
    painted and a chart is near the screen (a deferred script still runs before the first
    paint when it arrives in time; a page whose charts are further down needs none yet)."""
    m = VEGA_TAG.search(html)
    if not m or not CHARTS_TAG.search(html):
        return html
    html = VEGA_TAG.sub("", html, count=1)
    return CHARTS_TAG.sub(
        lambda c: f'<script defer src="{c.group(1)}" data-vega="{m.group(1)}"></script>', html, count=1
    )


def lighten(html: str, pagename: str, search_as_you_type: bool, chinese: dict[str, str] | None = None) -> str:
    html = FA_SCRIPT.sub("", html)
    if "fontawesome.js" in html:
        raise ExtensionError(f"lawgov_light: {pagename} still loads fontawesome.js (the theme changed how)")
    html = BOOTSTRAP_PRELOAD.sub("", html)
    html = BOOTSTRAP_SCRIPT.sub(
        lambda m: f'<script defer src="{m.group(1)}lawgov-ui.js?v={UI_VERSION}"></script>', html
    )
    if "bootstrap.js" in html:
        raise ExtensionError(f"lawgov_light: {pagename} still loads bootstrap.js (the theme changed how)")
    if pagename != "search" and not search_as_you_type:
        html = SEARCH_SCRIPTS.sub("", html)
    for tags, needed in PAGE_ASSETS:
        if not needed(html):
            html = tags.sub("", html)
    missing = drawn_icons(html) - set(ICONS)
    if missing:
        raise ExtensionError(
            f"lawgov_light: {pagename} shows icons this extension does not draw: {sorted(missing)} (add them to ICONS)"
        )
    # A figure id in a table breaks after an underscore, never inside a word (<wbr>: no text).
    html = FIGURE_ID.sub(lambda m: m.group(1) + m.group(2).replace("_", "_<wbr>") + m.group(3), html)
    # docutils marks a bibliography entry role="doc-biblioentry" inside a role="list": DPUB-ARIA 1.1
    # deprecates that role for "listitem", and axe reads the list as owning the entries' backlinks.
    html = BIBLIOENTRY.sub(r'\1role="listitem"', html)
    # the theme's expander says nothing to a screen reader (axe: summary-name): name it
    html = TOC_EXPANDER.sub(
        lambda m: f'{m.group(1)}<summary aria-label="Pages under {m.group(2).replace(chr(34), "&quot;")}">', html
    )
    html = sidebar_chinese(html, chinese or {})
    return merge_table_styles(compact_charts(vega_after_paint(defer_head_scripts(html))))


def install(app) -> None:
    if app.builder.format != "html":
        return
    templates = app.builder.templates
    render = templates.render
    as_you_type = bool(app.config.html_theme_options.get("search_as_you_type"))  # the theme's default: off

    def render_light(template: str, context: dict) -> str:
        output = render(template, context)
        if template.endswith(".html") and "<html" in output[:2000]:
            output = lighten(output, context.get("pagename", template), as_you_type, chinese_titles(app.env.titles))
        return output

    templates.render = render_light


# --- the theme's files in the output ----------------------------------------------------

FA_RULE = re.compile(r"(/\*|\.fa|\.sr-only|:host|:root|@font-face|@keyframes fa-|@media ?\(prefers-reduced-motion)")


def top_level_rules(css: str, start: int):
    """(start, end) of each top-level rule or comment from ``start`` on (braces in strings skipped)."""
    i, depth, head = start, 0, start
    while i < len(css):
        if css.startswith("/*", i):
            end = css.index("*/", i) + 2
            if depth == 0:
                yield head, end
                head = end
            i = end
            continue
        c = css[i]
        if c in "\"'":
            i = css.index(c, i + 1)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                yield head, i + 1
                head = i + 1
        i += 1


def without_font_awesome(css: str) -> str:
    start = css.find("/*!\n * Font Awesome Free")
    if start < 0:
        return css  # already trimmed (an incremental build that did not copy the theme again)
    end = start
    for rule_start, rule_end in top_level_rules(css, start):
        if not FA_RULE.match(css[rule_start:rule_end].lstrip()):
            break
        end = rule_end
    rest = css[end:]
    if "Font Awesome Free" in rest:
        raise ExtensionError("lawgov_light: Font Awesome rules left in the theme's CSS (its layout changed)")
    return css[:start] + rest


def trim_output(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    theme_css = static / "styles" / "pydata-sphinx-theme.css"
    if theme_css.exists():
        theme_css.write_text(without_font_awesome(theme_css.read_text(encoding="utf-8")), encoding="utf-8")
    for leftover in [*(static / "scripts").glob("fontawesome.js*"), *(static / "scripts").glob("bootstrap.js*")]:
        leftover.unlink()
    # then every theme stylesheet without the rules no page can use (lawgov_unused_css): with
    # Bootstrap's script gone, the rules of components only it named (modal, carousel ...) go too
    lawgov_unused_css.prune_theme_css(Path(app.outdir), top_level_rules)
    fonts = static / "vendor" / "fontawesome"
    if fonts.is_dir():
        for f in sorted(fonts.rglob("*"), reverse=True):
            f.unlink() if f.is_file() else f.rmdir()
        fonts.rmdir()


def write_index(app, exception) -> None:
    """index.html: the landing page itself, not a redirect (the address a reader types).

    sphinx-external-toc writes a one-line redirect unless index.html exists; this runs first.
    Its links are the landing's own (the same folder). Without a base URL (html.baseurl) no
    absolute canonical address can be given, so none is.
    """
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    root = Path(app.outdir) / f"{app.config.root_doc}.html"
    if root.exists():
        (Path(app.outdir) / "index.html").write_text(root.read_text(encoding="utf-8"), encoding="utf-8")


def add_static(app, config) -> None:
    folder = Path(app.doctreedir).parent / "lawgov-light"  # book/_build/lawgov-light
    write_icon_css(folder)
    config.html_static_path.append(str(folder))


def setup(app):
    app.connect("config-inited", add_static)
    app.connect("builder-inited", install)
    app.connect("build-finished", trim_output)
    app.connect("build-finished", write_index, priority=400)  # before sphinx-external-toc's redirect
    app.add_css_file("lawgov-icons.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
