"""Pinyin for glossary terms: tone marks, syllables of a word joined, words spaced."""

from __future__ import annotations

from functools import cache

from lawgov.dataset.segmentation import tokenizer

_VOWEL_START = tuple("aoeāáǎàōóǒòēéěè")
_PUNCTUATION = {"、": ",", "，": ",", ",": ",", "·": "", "。": "."}

# Words whose reading here differs from pypinyin's default: 应 of 应诉 (respond to a suit) is
# yìng; 子 of 电子 (electronic) keeps its full tone; 调 abbreviating 调解 (mediation) is tiáo.
READINGS = {"应诉": "yìngsù", "电子": "diànzǐ", "公调": "gōngtiáo", "诉调": "sùtiáo", "检调": "jiǎntiáo"}


def _words(zh: str) -> list[str]:
    # jieba keeps four-character set phrases (依法行政) whole; the orthography writes them 2 + 2.
    out = []
    for word in tokenizer().lcut(zh):
        out += [word[:2], word[2:]] if len(word) == 4 else [word]
    return out


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


@cache
def pinyin(zh: str, proper_noun: bool = False) -> str:
    """依法行政 -> 'yīfǎ xíngzhèng' (words from jieba; 西安 -> xī'ān as in standard orthography).

    A proper noun has each word capitalised (十八大 -> 'Shíbā Dà'), as the Basic Rules of the
    Chinese Phonetic Alphabet Orthography (GB/T 16159) write names."""
    from pypinyin import Style
    from pypinyin import pinyin as _pinyin

    words = []
    for word in _words(zh):
        if word in READINGS:
            words.append(READINGS[word])
            continue
        syllables = [s[0] for s in _pinyin(word, style=Style.TONE, errors=lambda chars: list(chars))]
        text = syllables[0] if syllables else ""
        for s in syllables[1:]:
            text += ("'" if s.startswith(_VOWEL_START) else "") + s
        words.append(text)
    out = ""
    for w in (w.strip() for w in words):
        if not w:
            continue
        if w in _PUNCTUATION:  # 持证上岗、亮证执法 -> chízhèng shànggǎng, liàngzhèng zhífǎ
            out += _PUNCTUATION[w]
        else:
            out += (" " if out else "") + (_capitalised(w) if proper_noun else w)
    return out
