"""The fast paths the benchmarks led to give the same answers as the slow ones.

- ``lawgov.dataset.yamlio`` builds objects by walking PyYAML's node tree itself and remembers
  how plain scalars resolve: every data file (and many broken variants) must load to what
  PyYAML's SafeLoader makes, with the lines the node tree records;
- ``lawgov.dataset.headings._number`` reads the section markers without cn2an: it must agree with
  cn2an's strict reading on every run of marker numerals up to four characters;
- the on-disk frame cache (``lawgov.frames.loaders``) serves equal frames, never serves a state whose
  files changed, and is never consulted by ``validate``.
"""
from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lawgov.dataset.yamlio import LineDict, LineList, load_yaml

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"

TRICKY = [
    "a: 1\nb: [1, 2.5, yes, no, null, ~, .inf, -.inf, .nan, 0x1F, 0o17, 1_000, '3', \"4\", 2012-01-01]\n",
    "x: &m {a: 1, b: [c, d]}\ny:\n  <<: *m\n  b: 2\nz: *m\n",
    "a: !!binary aGk=\nb: !!str 12\nc: !!float 1\n",
    "a: !!set {x, y}\nb: !!omap [c: 1, d: {e: 2}]\nc: !!pairs [f: 1]\n",
    "? [a]\n: 1\n",
    "a: 2012-13-45\n",
    "a: !foo 1\n",
    "---\na: 1\n---\nb: 2\n",
    "a: b: c\n",
    "a: 1\na: 2\n",
    "\"\\x00\"\n",
    "",
    "# only a comment\n",
    "- \n- - \n  - a\n-   k: v\n    l:\n      - m\n",
]


def _documents() -> list[str]:
    docs = list(TRICKY)
    rng = random.Random(20121231)
    for path in sorted(DATA.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        docs.append(text)
        lines = text.splitlines(keepends=True)
        for _ in range(8):
            broken = list(lines)
            i = rng.randrange(len(broken))
            op = rng.randrange(4)
            if op == 0:
                del broken[i]
            elif op == 1:
                broken[i] = broken[i].replace(":", "", 1)
            elif op == 2:
                broken.insert(i, broken[rng.randrange(len(broken))])
            else:
                broken[i] = " " + broken[i]
            docs.append("".join(broken))
    return docs


def _check_lines(obj, node) -> None:
    """Every LineDict/LineList carries the lines PyYAML's node tree records."""
    if isinstance(obj, LineDict):
        assert obj.line == node.start_mark.line + 1
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = yaml.SafeLoader("").construct_object(key_node, deep=True) if key_node.tag != "tag:yaml.org,2002:str" else key_node.value
            if key in obj and obj.key_lines.get(key) == key_node.start_mark.line + 1:
                _check_lines(obj[key], value_node)
    elif isinstance(obj, LineList):
        assert obj.line == node.start_mark.line + 1
        assert obj.item_lines == [c.start_mark.line + 1 for c in node.value]
        for item, child in zip(obj, node.value):
            _check_lines(item, child)


def test_yaml_loads_like_pyyaml(tmp_path: Path) -> None:
    checked = failed = 0
    for i, text in enumerate(_documents()):
        path = tmp_path / f"{i}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            want = yaml.load(text, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            want = Exception
        got, problems = load_yaml(path, "x.yaml")
        if want is Exception:
            assert got is None and problems, f"document {i}: PyYAML fails, load_yaml does not: {text[:80]!r}"
            failed += 1
            continue
        if want is None:
            assert got is None and [p.message for p in problems][-1:] == ["file is empty"]
            continue
        assert got == want, f"document {i}: {text[:80]!r}"
        _check_lines(got, yaml.compose(text, Loader=yaml.SafeLoader))
        checked += 1
    assert checked > 20 and failed > 5


def test_recursive_alias_is_a_problem_as_before(tmp_path: Path) -> None:
    """PyYAML's generic deep construction refuses a node that contains itself; so do we."""
    path = tmp_path / "r.yaml"
    path.write_text("- &a [*a]\n", encoding="utf-8")
    data, problems = load_yaml(path, "r.yaml")
    assert data is None
    assert [str(p) for p in problems] == ["r.yaml:1: YAML syntax error: found unconstructable recursive node"]


def test_marker_numerals_read_like_cn2an_strict() -> None:
    import cn2an

    from lawgov.dataset.headings import _number

    for size in range(1, 5):
        for chars in itertools.product("一二三四五六七八九十", repeat=size):
            run = "".join(chars)
            try:
                want = int(cn2an.cn2an(run, "strict"))
            except Exception:
                want = None
            try:
                got = _number(run)
            except ValueError:
                got = None
            assert got == want, run


# --- the on-disk cache of frames -------------------------------------------------------

FRAMES = ("figures", "relations", "audit", "outline", "glossary", "topics", "frameworks", "crosswalk", "reports", "excluded")
SCRIPT = f"""
import pickle, sys
import lawgov
frames = {{n: getattr(lawgov, n)() for n in {FRAMES!r}}}
heavy = sorted(m for m in ("pydantic", "yaml", "jieba", "lawgov.dataset.load") if m in sys.modules)
sys.stdout.buffer.write(pickle.dumps((frames, heavy)))
"""


def _frames(data: Path, cache: str) -> tuple[dict, list[str]]:
    import pickle

    env = {k: v for k, v in os.environ.items() if k != "LAWGOV_DATA"} | {"LAWGOV_DATA": str(data), "LAWGOV_CACHE": cache}
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr.decode()
    return pickle.loads(out.stdout)


def test_disk_cache_serves_equal_frames_and_notices_edits(shared_data: Path, tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(shared_data, data)
    cache = tmp_path / "cache"
    fresh, heavy_fresh = _frames(data, "off")
    first, _ = _frames(data, str(cache))
    warm, heavy_warm = _frames(data, str(cache))
    assert heavy_fresh and not heavy_warm, "a warm start should not load the data files"
    for name in FRAMES:
        for frames in (first, warm):
            assert frames[name].equals(fresh[name]), name
            assert list(frames[name].dtypes) == list(fresh[name].dtypes), name
    # an edit to a data file is a new state: frames are rebuilt from the files
    glossary = data / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("en: administrative reconsideration", "en: administrative review", 1), encoding="utf-8")
    edited, heavy_edited = _frames(data, str(cache))
    assert heavy_edited
    assert "administrative review" in set(edited["glossary"]["en"])
    assert "administrative review" not in set(warm["glossary"]["en"])


def test_validate_never_trusts_the_cache(shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import lawgov
    from lawgov.frames import loaders as api

    data = tmp_path / "data"
    shutil.copytree(shared_data, data)
    monkeypatch.setenv("LAWGOV_CACHE", str(tmp_path / "cache"))
    assert lawgov.validate(data) == []
    lawgov.figures(data_dir=data)
    api._CACHE.clear()
    # a cache that (wrongly) says valid for broken files must not fool validate()
    state = api._state(data)
    (data / "glossary.yaml").write_text("terms: [\n", encoding="utf-8")
    fp = api._fingerprint(data)
    api._disk_write(api._disk_dir(data, fp), "valid", True)
    api._CACHE.clear()
    problems = lawgov.validate(data)
    assert problems and "YAML syntax error" in str(problems[0])
    assert state.problems == []


def test_the_frame_cache_key_hashes_all_of_lawgov() -> None:
    """A change in any stage (the pinyin of dataset.romanize, say) must invalidate cached frames."""
    import lawgov
    from lawgov.frames.loaders import PACKAGE_ROOT

    assert PACKAGE_ROOT == Path(lawgov.__file__).resolve().parent
    assert {p.parent.name for p in PACKAGE_ROOT.rglob("*.py")} >= {"dataset", "frames", "analysis"}


def test_a_file_a_page_includes_from_outside_book_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make book` does nothing when no input changed: an edit to ../CHANGELOG.md, which the
    changelog page includes, is a change (the built page went stale without it)."""
    from lawgov.publish import freshness

    assert freshness.ROOT / "CHANGELOG.md" in freshness.included_files()  # the real book
    root = tmp_path
    (root / "book").mkdir()
    (root / "data").mkdir()
    (root / "book" / "changelog.md").write_text("# Changelog\n\n```{include} ../CHANGELOG.md\n:start-line: 2\n```\n")
    (root / "CHANGELOG.md").write_text("# Changelog\n\n- one\n")
    monkeypatch.setattr(freshness, "ROOT", root)
    monkeypatch.setattr(freshness, "BOOK", root / "book")
    monkeypatch.setattr(freshness, "DATA", root / "data")
    before = freshness.inputs_digest()
    assert freshness.inputs_digest() == before
    (root / "CHANGELOG.md").write_text("# Changelog\n\n- one\n- two\n")
    assert freshness.inputs_digest() != before
