"""The themes' stylesheets without the rules no page of the book can use (to keep pages light).

pydata-sphinx-theme ships Bootstrap whole (utility classes, components the book never
shows); sphinx-design and myst-nb ship every component's styles. About 300 KB of a first
visit were rules whose classes appear nowhere in the built site. A rule is dropped only if
every selector of it names a class that occurs in no built page and no script of the site
(classes that scripts add, such as ``show`` or ``active``, are in the scripts' text, so
their rules stay; Bootstrap's script, which assembled some from parts, is not shipped:
``lawgov_light``).
Checked by screenshots before and after: pages at 1280 and 390 px, the search dialog, the
colour-mode and sidebar tooltips, byte-identical. The test is deliberately blunt: a class name that appears anywhere as a
word keeps its rules. ``@media`` and ``@supports`` blocks are pruned inside; every other
at-rule (``@font-face``, ``@keyframes``, custom properties) is kept whole.
"""
from __future__ import annotations

import re
from pathlib import Path

WORD = re.compile(r"[A-Za-z_][\w-]*")
CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
INSIDE_PARENS = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
PRUNED_BLOCKS = ("@media", "@supports", "@container", "@layer")
# The themes' stylesheets, relative to _static (the book's own CSS is never pruned).
THEME_CSS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "sphinx-design.min.css", "mystnb.*.css")


def site_words(outdir: Path) -> set[str]:
    """Every word of every built page and every script of the site (the Vega bundle apart)."""
    words: set[str] = set()
    files = list(outdir.rglob("*.html")) + list((outdir / "_static").rglob("*.js"))
    for path in files:
        if path.name != "vega-bundle.js":
            words |= set(WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def split_selectors(selector: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :is(...), :not(...))."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(selector):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(selector[start:i])
            start = i + 1
    parts.append(selector[start:])
    return parts


def can_match(selector: str, words: set[str]) -> bool:
    # Classes inside :not(...) or :is(...) are not required: the rule may match without them.
    return all(c in words for c in CLASS.findall(INSIDE_PARENS.sub("", selector)))


def prune(css: str, words: set[str], rules) -> str:
    """css without the rules none of whose selectors can match; ``rules`` splits it at top level."""
    out = []
    for start, end in rules(css, 0):
        rule = css[start:end]
        head = rule.lstrip()
        if head.startswith(PRUNED_BLOCKS):
            prelude, inner = rule.split("{", 1)
            kept = prune(inner.rsplit("}", 1)[0], words, rules)
            if kept.strip():
                out.append(prelude + "{" + kept + "}")
        elif head.startswith(("@", "/*")) or "{" not in rule:
            out.append(rule)
        else:
            selector, body = rule.split("{", 1)
            live = [s for s in split_selectors(selector) if can_match(s, words)]
            if live:
                out.append(",".join(live) + "{" + body)
    return "".join(out)


def prune_theme_css(outdir: Path, rules) -> dict[str, tuple[int, int]]:
    """Prune each theme stylesheet in outdir/_static in place; {file: (bytes before, after)}."""
    words = site_words(outdir)
    sizes = {}
    for pattern in THEME_CSS:
        for path in (outdir / "_static").glob(pattern):
            css = path.read_text(encoding="utf-8")
            pruned = prune(css, words, rules)
            path.write_text(pruned, encoding="utf-8")
            sizes[path.name] = (len(css.encode()), len(pruned.encode()))
    return sizes
