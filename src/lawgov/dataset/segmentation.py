"""One jieba set-up for the package: the report's term list and a private tokenizer.

Three things cut Chinese text into words: the glossary's pinyin (``dataset.romanize``), the
word counts of "How the report is written" (``analysis.writing``) and the search index's
user dictionary (``publish.build``). All three use the terms below plus the glossary's,
through one private ``jieba.Tokenizer`` (never jieba's module-level one, so importing
lawgov changes nothing for other jieba users).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

# Terms of the report that jieba's general dictionary splits and the glossary does not list.
# Each was found by segmenting the body and reading the output.
REPORT_TERMS = (
    "行政执法",  # law enforcement by administrative bodies (jieba: 行政 / 执法)
    "行政权力",
    "法制监督",  # oversight by the legal affairs office (4.1)
    "法治昆山",
    "审批提速",  # the approval speed-up (2.2.1)
    "网上审批",  # online approval
    "审批效率",
    "政务服务平台",
    "信息公开目录",
    "集中审理",  # centralised hearing of reconsideration cases (4.3.1)
    "法律知识",
    "法治建设",
    "决策风险评估",
    "决策听证",
    "重大行政决策",
    "责任追究",
    "执法责任制",
    "相对集中",
    "便民服务热线",
    "人大代表建议",
    "政协提案",
    "矛盾纠纷",
    "信访案件",
    "执法人员",
    "学法",
    "昆山",
    "张浦",  # the town of the 强镇扩权 pilot (2.1)
)

# What jieba keeps in one block: a term holding punctuation (持证上岗、亮证执法) cannot be one token.
_TOKENIZABLE = re.compile(r"^[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+$")


def terms(glossary_zh: Iterable[str]) -> list[str]:
    """The words added to jieba: the glossary's terms it can keep whole, plus ``REPORT_TERMS``."""
    found = {t for t in glossary_zh if _TOKENIZABLE.match(t)}
    return sorted(found | set(REPORT_TERMS), key=lambda t: (-len(t), t))


def quiet_jieba():
    """jieba, imported without its warnings and its "Building prefix dict" log lines."""
    import warnings

    with warnings.catch_warnings():  # jieba 0.42 has invalid escapes in its regexes
        warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
        import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@lru_cache(maxsize=4)
def tokenizer(words: tuple[str, ...] = ()) -> jieba.Tokenizer:
    """A private tokenizer with ``words`` added (cached per word list)."""
    tk = quiet_jieba().Tokenizer()
    tk.initialize()
    for word in words:
        # suggest_freq(tune=True) raises the word's frequency just enough that the
        # maximum-probability path keeps it whole in context.
        tk.add_word(word)
        tk.suggest_freq(word, tune=True)
    return tk
