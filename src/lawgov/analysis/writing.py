"""The report as text: lengths, measures, where the numbers fall, and the words it uses.

Every function returns a tidy pandas frame built from the public frames of ``lawgov``
(``body``, ``outline``, ``figures``, ``glossary``), so the book's "How the report is
written" chapter only narrates.

Lengths count *characters excluding whitespace*: the capture separates paragraphs with
runs of spaces and blank lines that are layout, not text. Punctuation counts (it was
flattened to ASCII commas in the capture, but every comma stands for a printed mark).

Word counts use jieba with a private ``jieba.Tokenizer`` (never the module-level one, so
importing lawgov changes nothing for other jieba users), whose dictionary is jieba's own
plus every glossary term and a few report terms (``lawgov.dataset.segmentation``), so that 依法行政,
行政复议 or 规范性文件 stay one word.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from lawgov.analysis.vocabulary import part_label, part_zh
from lawgov.analysis.wording import majority_word, number_word, percent, share_word
from lawgov.dataset import segmentation
from lawgov.frames import loaders

if TYPE_CHECKING:
    import jieba


# Stop words, curated for this report rather than taken from a general list. Three groups:
STOP_WORDS: dict[str, frozenset[str]] = {
    # 1. The verbs and adverbs of effort that official Chinese prose uses in every paragraph
    #    (加强, 推进, 不断 ...). They carry the register, not the subject: left in, they are the
    #    top words of every part and hide what each part is about.
    "effort": frozenset(
        """
        工作 开展 推进 加强 强化 实现 不断 落实 进一步 提升 提高 完善 积极
        认真 全面 着力 突出 切实 有效 及时 深入 深化 加快 加大 坚持 注重
        实行 建立 健全 出台 召开 组织 明确 确保 做到 增强 努力 扎实 有序
        稳步 相关 进行 通过 采取 采用 按照 围绕 依托 发挥 形成 促进 保障
        实施 主动 充分 大力 全力 逐步 有力 紧紧围绕 认真落实 切实加强 积极开展
        不断创新 层层落实 重视 强调 规范 严格 创新 探索 推行 优化 构建 打造
        营造 继续 相继 分别 同时 目前 取得 得到 一些 各类 各项 多种 形式
        方式 水平 能力 情况 方面 问题 事项 内容 过程 结果 重点 重大 重要
        有关 涉及 关于 新 不断丰富
        """.split()
    ),
    # 2. Structure and self-reference: enumeration markers, the city naming itself, and the
    #    time words of an annual report. They are the same in every part by construction.
    "structure": frozenset(
        """
        一是 二是 三是 四是 五是 昆山 昆山市 我市 全市 市 市政府 今年
        今年以来 全年 年初 年初以来 年度 一年来 一年 回顾 截止 期间 每天
        """.split()
    ),
    # 3. Function words jieba leaves as two-character tokens.
    "function": frozenset(
        """
        以及 并且 其中 对于 为了 由于 因此 可以 已经 均已 并于 以上 以来
        之一 等等 每件 件件 仍然 存在
        """.split()
    ),
}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


def _ws(text: str) -> int:
    """Characters that are not whitespace."""
    return sum(1 for ch in text if not ch.isspace())


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def dictionary_terms(data_dir=None) -> list[str]:
    """The words added to jieba (``lawgov.dataset.segmentation.terms`` of the glossary)."""
    return segmentation.terms(loaders.glossary(data_dir=data_dir)["zh"])


def tokenizer(data_dir=None) -> jieba.Tokenizer:
    """The report's jieba tokenizer (cached; a private instance, not jieba's global one)."""
    return segmentation.tokenizer(tuple(dictionary_terms(data_dir)))


def segment(text: str, data_dir=None) -> list[str]:
    """Words of ``text`` (precise mode, no HMM for unknown words), whitespace dropped."""
    return [w for w in tokenizer(data_dir).lcut(text, HMM=False) if w.strip()]


def is_content_word(word: str) -> bool:
    """Two or more Chinese characters and not a stop word (numbers and punctuation are not words here)."""
    return len(word) >= 2 and bool(_HAN_WORD.match(word)) and word not in ALL_STOP_WORDS


def _parts(outline: pd.DataFrame) -> pd.DataFrame:
    return outline[outline["level"] == 0].sort_values("start")


def _part_zh(row) -> str:
    return part_zh(row["part"], row["marker"], row["heading_zh"])


def part_lengths(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Characters per part (whitespace excluded), with Chinese characters and share of the body.

    Parts tile the body, so ``chars`` sums to the body's length without whitespace.
    """

    body = loaders.body(report, data_dir=data_dir)
    total = _ws(body)
    rows = []
    for p in _parts(loaders.outline(report, data_dir=data_dir)).to_dict("records"):
        text = body[int(p["start"]) : int(p["end"])]
        rows.append(
            {
                "part": int(p["part"]),
                "part_label": part_label(int(p["part"])),
                "section": p["section"],
                "heading_zh": p["heading_zh"],
                "part_zh": _part_zh(p),
                "title_en": p["title_en"],
                "chars": _ws(text),
                "han": _han(text),
                "share": _ws(text) / total,
            }
        )
    return pd.DataFrame(rows).astype({"part": "int64", "chars": "int64", "han": "int64"})


def subsection_lengths(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Characters per subsection ((一), (二) ...), whitespace excluded."""

    body = loaders.body(report, data_dir=data_dir)
    out = loaders.outline(report, data_dir=data_dir)
    subs = out[out["level"] == 1].sort_values("start")
    return pd.DataFrame(
        [
            {
                "section": s["section"],
                "part": int(s["part"]),
                "heading_zh": s["heading_zh"],
                "title_en": s["title_en"],
                "chars": _ws(body[int(s["start"]) : int(s["end"])]),
            }
            for s in subs.to_dict("records")
        ]
    )


def measures_per_subsection(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Number of measures (一是, 二是 ...) in each subsection, with the subsection's length."""

    out = loaders.outline(report, data_dir=data_dir)
    measures = out[out["level"] == 2]
    subs = subsection_lengths(report, data_dir)
    subs["measures"] = [int(measures["section"].str.startswith(s + ".").sum()) for s in subs["section"]]
    subs["markers"] = [
        " ".join(measures.loc[measures["section"].str.startswith(s + "."), "marker"]) for s in subs["section"]
    ]
    return subs[["section", "part", "heading_zh", "title_en", "measures", "markers", "chars"]]


def _density(rows: pd.DataFrame) -> pd.DataFrame:
    rows["per_1000"] = rows["figures"] / rows["chars"] * 1000
    return rows


def figures_density(report: str | None = None, data_dir=None, *, by: str = "part") -> pd.DataFrame:
    """Figures per 1,000 characters (whitespace excluded), by ``part`` or by ``subsection``.

    A figure belongs to the unit whose text its section lies in; the preamble and closing
    have no subsections, so ``by="subsection"`` lists only (一), (二) ... of parts 1-5.
    """

    figs = loaders.figures(report, data_dir=data_dir)
    if by == "part":
        rows = part_lengths(report, data_dir)
        rows["figures"] = [int((figs["part"] == p).sum()) for p in rows["part"]]
        return _density(rows[["part", "part_label", "part_zh", "title_en", "chars", "figures"]].copy())
    if by == "subsection":
        rows = subsection_lengths(report, data_dir)
        rows["figures"] = [
            int(((figs["section"] == s) | figs["section"].str.startswith(s + ".")).sum()) for s in rows["section"]
        ]
        rows = _density(rows)
        rows["rank"] = rows["per_1000"].rank(ascending=False, method="min").astype(int)
        return rows
    raise ValueError(f"by must be 'part' or 'subsection', not {by!r}")


def figure_positions(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Where each figure falls along the text: its offset in the body and in characters without whitespace.

    ``position`` is the share of the text before the figure (0 = start, 1 = end), on the same
    whitespace-free scale as ``part_lengths``.
    """

    body = loaders.body(report, data_dir=data_dir)
    figs = loaders.figures(report, data_dir=data_dir).sort_values("offset")
    # cumulative count of non-whitespace characters before each offset
    before = [0]
    for ch in body:
        before.append(before[-1] + (0 if ch.isspace() else 1))
    total = before[-1]
    out = figs[["id", "section", "part", "indicator_en", "indicator_zh", "kind", "offset"]].copy()
    out["char_offset"] = [before[int(o)] for o in out["offset"]]
    out["position"] = out["char_offset"] / total
    out["part_label"] = out["part"].map(lambda p: part_label(int(p)))
    return out.reset_index(drop=True)


def part_boundaries(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Start and end of every part on the whitespace-free character scale (for the strip's bands)."""
    lengths = part_lengths(report, data_dir)
    lengths["start"] = lengths["chars"].cumsum() - lengths["chars"]
    lengths["end"] = lengths["chars"].cumsum()
    return lengths[["part", "part_label", "part_zh", "start", "end", "chars"]]


def words(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Every token of the body with its part and whether it is a content word."""

    body = loaders.body(report, data_dir=data_dir)
    rows = []
    for p in _parts(loaders.outline(report, data_dir=data_dir)).to_dict("records"):
        for w in segment(body[int(p["start"]) : int(p["end"])], data_dir):
            rows.append({"part": int(p["part"]), "word": w, "content": is_content_word(w)})
    return pd.DataFrame(rows)


def top_words(report: str | None = None, data_dir=None, *, n: int = 8) -> pd.DataFrame:
    """The ``n`` most frequent content words of each part (ties broken by first use in the part).

    Columns: part, rank, word, count, per_1000 (per 1,000 content words of the part), and
    ``en`` when the word is a glossary term.
    """

    gloss = dict(zip(loaders.glossary(data_dir=data_dir)["zh"], loaders.glossary(data_dir=data_dir)["en"]))
    toks = words(report, data_dir)
    rows = []
    for part, g in toks[toks["content"]].groupby("part", sort=True):
        counts = Counter(g["word"])
        first = {w: i for i, w in reversed(list(enumerate(g["word"])))}
        ranked = sorted(counts, key=lambda w: (-counts[w], first[w]))[:n]
        for rank, w in enumerate(ranked, start=1):
            rows.append(
                {
                    "part": int(part),
                    "part_label": part_label(int(part)),
                    "rank": rank,
                    "word": w,
                    "count": counts[w],
                    "per_1000": counts[w] / len(g) * 1000,
                    "en": gloss.get(w),
                }
            )
    return pd.DataFrame(rows)


EFFORT_TOP = 3  # "left in, an effort word would be among the EFFORT_TOP most frequent words of ..."


def effort_in_top(report: str | None = None, data_dir=None, *, n: int = EFFORT_TOP) -> pd.DataFrame:
    """Per part: whether, with the effort words (stop-word group 1) left in, one of them would be
    among the part's ``n`` most frequent words, and which."""
    others = ALL_STOP_WORDS - STOP_WORDS["effort"]
    toks = words(report, data_dir)
    toks = toks[toks["word"].map(lambda w: len(w) >= 2 and bool(_HAN_WORD.match(w)) and w not in others)]
    rows = []
    for part, g in toks.groupby("part", sort=True):
        counts = Counter(g["word"])
        first = {w: i for i, w in reversed(list(enumerate(g["word"])))}
        top = sorted(counts, key=lambda w: (-counts[w], first[w]))[:n]
        effort = [w for w in top if w in STOP_WORDS["effort"]]
        rows.append(
            {
                "part": int(part),
                "part_label": part_label(int(part)),
                "top": " ".join(top),
                "effort_words": " ".join(effort),
                "effort_in_top": bool(effort),
            }
        )
    return pd.DataFrame(rows)


def effort_words(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """How much of each part is the register's verbs of effort (stop-word group 1), per 1,000 words."""
    toks = words(report, data_dir)
    toks = toks[toks["word"].map(lambda w: bool(_HAN_WORD.match(w)))]
    g = toks.groupby("part")
    out = pd.DataFrame(
        {
            "words": g.size(),
            "effort": g["word"].agg(lambda s: int(s.isin(STOP_WORDS["effort"]).sum())),
        }
    ).reset_index()
    out["per_1000"] = out["effort"] / out["words"] * 1000
    out["part_label"] = out["part"].map(part_label)
    zh = part_lengths(report, data_dir).set_index("part")["part_zh"]
    out["part_zh"] = out["part"].map(zh)
    return out


KIND_EN = {"count": "counts", "rate": "rates (percent)", "money": "money", "people": "people", "duration": "durations"}
KIND_ZH = {"count": "数量", "rate": "比率", "money": "金额", "people": "人数", "duration": "时长"}


def figure_kinds(report: str | None = None, data_dir=None, *, by_part: bool = False) -> pd.DataFrame:
    """Share of figures that are counts, rates, money, people and durations (overall or by part)."""

    figs = loaders.figures(report, data_dir=data_dir)
    keys = ["part", "kind"] if by_part else ["kind"]
    out = figs.groupby(keys, observed=True).size().rename("figures").reset_index()
    totals = out.groupby("part")["figures"].transform("sum") if by_part else out["figures"].sum()
    out["share"] = out["figures"] / totals
    out["kind"] = out["kind"].astype(str)
    out["kind_en"] = out["kind"].map(KIND_EN)
    out["kind_zh"] = out["kind"].map(KIND_ZH)
    if by_part:
        out["part"] = out["part"].astype(int)
        out["part_label"] = out["part"].map(part_label)
    return out.sort_values(keys if by_part else "figures", ascending=by_part).reset_index(drop=True)


def _sub_name(row) -> str:
    return f"§{row['section']} {row['title_en']} ({row['heading_zh']})"


def _title_chars(report: str | None, data_dir) -> int:
    """Characters (whitespace excluded) of the report's title line, where the body begins."""
    reps = loaders.reports(data_dir=data_dir).set_index("id")
    rep = reps.loc[report] if report else reps.iloc[0]
    title = str(rep["body_starts_with"])
    assert loaders.body(report, data_dir=data_dir).startswith(title)
    return _ws(title)


def summary(report: str | None = None, data_dir=None) -> dict[str, str]:
    """Every number the "How the report is written" chapter states, as text keyed for glue."""
    lengths = part_lengths(report, data_dir)
    meas = measures_per_subsection(report, data_dir)
    dens_p = figures_density(report, data_dir, by="part")
    dens_s = figures_density(report, data_dir, by="subsection").sort_values(
        ["per_1000", "section"], ascending=[False, True]
    )
    pos = figure_positions(report, data_dir)
    kinds = figure_kinds(report, data_dir).set_index("kind")
    toks = words(report, data_dir)
    eff = effort_words(report, data_dir)
    body_parts = lengths[lengths["part"].between(1, 5)]
    longest = body_parts.loc[body_parts["chars"].idxmax()]
    shortest = body_parts.loc[body_parts["chars"].idxmin()]
    p45 = dens_p[dens_p["part"].isin([4, 5])]
    zero = dens_s[dens_s["figures"] == 0]
    density_min = body_parts.merge(dens_p[["part", "per_1000"]]).sort_values("per_1000").iloc[0]
    density_max = dens_p.loc[dens_p["per_1000"].idxmax()]
    effort_max, effort_min = eff.loc[eff["per_1000"].idxmax()], eff.loc[eff["per_1000"].idxmin()]
    top = effort_in_top(report, data_dir)
    effort_top2 = eff.sort_values("per_1000", ascending=False)["part_label"].head(2).str.lower().tolist()
    numbered = lengths.loc[lengths["part"].between(1, 5), "chars"].sum()
    # Values only: the chapter writes the sentences around them; counts up to ten are words.
    out = {
        "writing.chars": f"{lengths['chars'].sum():,}",
        "writing.han": f"{lengths['han'].sum():,}",
        "writing.parts_longest": longest["part_label"],
        "writing.parts_longest_chars": f"{longest['chars']:,}",
        "writing.parts_shortest": shortest["part_label"],
        "writing.parts_shortest_chars": f"{shortest['chars']:,}",
        "writing.preamble_chars": f"{int(lengths.loc[lengths['part'] == 0, 'chars'].iloc[0]):,}",
        # the preamble, as the outline cuts it, opens with the report's title line
        "writing.preamble_paragraph_chars": (
            f"{int(lengths.loc[lengths['part'] == 0, 'chars'].iloc[0]) - _title_chars(report, data_dir):,}"
        ),
        "writing.closing_chars": f"{int(lengths.loc[lengths['part'] == 6, 'chars'].iloc[0]):,}",
        "writing.frame_share": percent(lengths.loc[lengths["part"].isin([0, 6]), "share"].sum()),
        "writing.work_share_word": share_word(int(numbered), int(lengths["chars"].sum())),
        "writing.subsections": number_word(len(meas)),
        "writing.measures": number_word(int(meas["measures"].sum())),
        "writing.subsections_three": number_word(int((meas["measures"] == 3).sum())),
        "writing.subsections_four": ", ".join(f"§{s}" for s in meas.loc[meas["measures"] == 4, "section"]),
        "writing.figures": number_word(int(dens_p["figures"].sum())),
        "writing.density_all": f"{dens_p['figures'].sum() / dens_p['chars'].sum() * 1000:.1f}",
        "writing.density_part_max": density_max["part_label"],
        "writing.density_part_max_value": f"{density_max['per_1000']:.1f}",
        "writing.density_part_min": density_min["part_label"],
        "writing.density_part_min_value": f"{density_min['per_1000']:.1f}",
        "writing.p45_text_share": percent(lengths.loc[lengths["part"].isin([4, 5]), "share"].sum()),
        "writing.p45_figure_share": percent(p45["figures"].sum(), dens_p["figures"].sum()),
        "writing.zero_subsections": " and ".join(_sub_name(r) for r in zero.to_dict("records")),
        "writing.zero_count": number_word(len(zero)),
        "writing.median_position": percent(float(pos["position"].median())),
        "writing.first_figure_position": percent(float(pos["position"].min())),
        "writing.content_words": f"{int(toks['content'].sum()):,}",
        "writing.tokens": f"{len(toks):,}",
        "writing.dictionary_terms": number_word(len(dictionary_terms(data_dir))),
        "writing.stop_words": number_word(len(ALL_STOP_WORDS)),
        "writing.stop_effort_word": majority_word(len(STOP_WORDS["effort"]), len(ALL_STOP_WORDS)).capitalize(),
        "writing.effort_top_n": number_word(EFFORT_TOP),
        "writing.effort_top_parts": number_word(int(top["effort_in_top"].sum())),
        "writing.effort_parts": number_word(len(top)),
        "writing.effort_top_a": effort_top2[0],
        "writing.effort_top_b": effort_top2[1],
        "writing.effort_per_1000": f"{eff['effort'].sum() / eff['words'].sum() * 1000:.0f}",
        "writing.effort_max": effort_max["part_label"],
        "writing.effort_max_value": f"{effort_max['per_1000']:.0f}",
        "writing.effort_min": effort_min["part_label"],
        "writing.effort_min_value": f"{effort_min['per_1000']:.0f}",
    }
    for i, r in enumerate(dens_s.head(3).to_dict("records"), start=1):
        out[f"writing.top{i}"], out[f"writing.top{i}_density"] = _sub_name(r), f"{r['per_1000']:.1f}"
    low = dens_s.sort_values(["per_1000", "section"]).head(3).to_dict("records")
    for i, r in enumerate(low, start=1):
        out[f"writing.bottom{i}"], out[f"writing.bottom{i}_density"] = _sub_name(r), f"{r['per_1000']:.1f}"
    for kind in KIND_EN:
        n = int(kinds["figures"].get(kind, 0))
        out[f"writing.kind_{kind}"] = number_word(n)
        out[f"writing.kind_{kind}_share"] = percent(n, kinds["figures"].sum())
    return out


# ---- passages the chapters quote -------------------------------------------------------------

_FROM_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日起")  # 从10月1日起: "from 1 October"


def start_date(report: str | None, section: str, data_dir=None) -> pd.Timestamp:
    """The date a section's text says something starts from (…月…日起), in the report year."""
    body = loaders.body(report, data_dir=data_dir)
    row = loaders.outline(report, data_dir=data_dir).set_index("section").loc[section]
    m = _FROM_DATE.search(body[int(row["start"]) : int(row["end"])])
    if m is None:
        raise ValueError(f"§{section}: no date of the form …月…日起")
    reps = loaders.reports(data_dir=data_dir).set_index("id")
    year = int((reps.loc[report] if report else reps.iloc[0])["year"])
    return pd.Timestamp(year, int(m.group(1)), int(m.group(2)))


def text_between(report: str | None, first: str, last: str, data_dir=None) -> str:
    """The report's text from one figure's quote to the end of another's, as printed."""
    f = loaders.figures(report, data_dir=data_dir).set_index("id")
    start, end = int(f.loc[first, "offset"]), int(f.loc[last, "offset"]) + len(f.loc[last, "quote"])
    return loaders.body(report, data_dir=data_dir)[start:end]
