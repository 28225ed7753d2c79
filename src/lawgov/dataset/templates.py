"""The data's own notes are templates: a number they state is named, not typed.

A note such as ``17985 / 17993 is 99.9556%`` can go wrong (it did: the rate is 99.9555...%)
and can drift from the figures it speaks of. Written instead as

    {mediation_successes.number} / {mediation_cases.number} is {mediation_success_rate_check.computed:.4f}%

it is filled from the report's own figures and audit when the frames are built
(``lawgov.frames.texts``). A placeholder names a figure or a relation of the same report:

- ``{figure}``: the value in English with unit and qualifier ("17,985 disputes", "more than 30 projects");
- ``{figure.number}``: the number alone, as printed ("17,985", "99.95");
- ``{figure.zh}``: the value as the report prints it ("30多个");
- ``{relation.computed}``, ``{relation.stated}``: the audit's number, with an optional format
  spec (``{relation.computed:.1f}``); ``{relation.verdict}``: the audit's verdict.

This module finds placeholders and checks them (``lawgov validate`` reports an unknown one as
a one-line data error); it fills nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

BRACED = re.compile(r"\{([^{}]*)\}")
_PLACEHOLDER = re.compile(r"^([a-z][a-z0-9_]*)(?:\.([a-z]+))?(?::([^{}:]+))?$")

FIGURE_ATTRS = ("", "number", "zh")
RELATION_ATTRS = ("computed", "stated", "verdict")
NUMERIC_ATTRS = ("computed", "stated")

# The text fields that are templates, by kind of entry (the rule and the frames read this one list).
TEMPLATED_FIELDS = {
    "figure": ("description_en", "note_en"),
    "relation": ("description_en", "note_en"),
    "interpretation": ("label_en", "reason_en"),
    "mapping": ("reason_en",),
    "report": ("notes_en",),
}


@dataclass(frozen=True)
class Placeholder:
    written: str  # as in the text, braces included
    name: str
    attr: str
    spec: str


def placeholders(text: str | None) -> Iterator[Placeholder]:
    """Every well-formed placeholder of ``text``, in order."""
    for m in BRACED.finditer(text or ""):
        p = _PLACEHOLDER.match(m.group(1).strip())
        if p:
            yield Placeholder(m.group(0), p.group(1), p.group(2) or "", p.group(3) or "")


def _spec_problem(spec: str) -> str | None:
    try:
        format(1.5, spec)
    except ValueError as exc:
        return str(exc)
    return None


def problems(text: str | None, figures: Collection[str], relations: Collection[str] | None) -> list[str]:
    """What is wrong with the placeholders of ``text`` (an empty list when it can be filled).

    ``relations`` is None when the report's relations cannot be read: a name that is not a
    figure is then taken for a relation (the unreadable file is the one problem reported)."""
    text = text or ""
    out = []
    stray = BRACED.sub("", text)
    if "{" in stray or "}" in stray:
        out.append("unbalanced brace (a placeholder is {figure_id} or {relation_id.computed})")
    for m in BRACED.finditer(text):
        p = _PLACEHOLDER.match(m.group(1).strip())
        if p is None:
            out.append(f"malformed placeholder {m.group(0)}")
            continue
        name, attr, spec = p.group(1), p.group(2) or "", p.group(3) or ""
        if name in figures:
            if attr not in FIGURE_ATTRS or spec:
                out.append(f"placeholder {m.group(0)}: a figure takes no format and only .number or .zh")
        elif relations is None or name in relations:
            if attr not in RELATION_ATTRS:
                out.append(f"placeholder {m.group(0)}: a relation needs .computed, .stated or .verdict")
            elif spec and (attr not in NUMERIC_ATTRS or _spec_problem(spec)):
                out.append(f"placeholder {m.group(0)}: bad format '{spec}'")
        else:
            out.append(f"unknown placeholder {m.group(0)} (no figure or relation '{name}' in this report)")
    return out
