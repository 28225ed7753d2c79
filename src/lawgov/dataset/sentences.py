"""The report body as sentences, each with a stable id derived from the outline.

A sentence ends at a full-width 。, ！ or ？ or at the end of a line (headings such as
一、统筹推进 ... have no full stop). The capture's ASCII ``?`` is mojibake for a dash
(2012年?2013年), never a question mark, so it does not end a sentence. A sentence belongs to
the deepest section holding its first character; ``s-4.1.4-2`` is the second sentence of
section 4.1.4 (the measure's marker sentence 四是规范文件管理。 is the first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawgov.dataset.headings import Heading, section_of

_SENTENCE = re.compile(r"[^。！？\n]*(?:[。！？]+|$)")
_SPACE = " \t\u3000\xa0"


@dataclass(frozen=True)
class Sentence:
    id: str  # s-<section>-<n>
    section: str
    start: int  # offset in the body
    end: int
    text: str


def sentence_id(section: str, n: int) -> str:
    return f"s-{section}-{n}"


def split_sentences(body: str, headings: list[Heading]) -> list[Sentence]:
    """Every sentence of the body, in reading order, with its id and offsets."""
    out: list[Sentence] = []
    counts: dict[str, int] = {}
    for line in re.finditer(r"[^\n]+", body):
        for m in _SENTENCE.finditer(line.group(0)):
            raw = m.group(0)
            text = raw.strip(_SPACE)
            if not text:
                continue
            start = line.start() + m.start() + len(raw) - len(raw.lstrip(_SPACE))
            section = section_of(headings, start)
            counts[section] = counts.get(section, 0) + 1
            out.append(Sentence(sentence_id(section, counts[section]), section, start, start + len(text), text))
    return out
