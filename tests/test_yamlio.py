"""The line-aware YAML loader (``lawgov.dataset.yamlio``) reads what PyYAML reads.

It builds objects by walking PyYAML's node tree itself, to record the line of every mapping,
key and item: every data file, many broken variants of them and some tricky documents must
load to what PyYAML's SafeLoader makes (or fail where it fails), with the lines its node
tree records, so that every problem can name FILE:LINE.
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from lawgov.dataset.yamlio import LineDict, LineList, load_yaml

REPO = Path(__file__).resolve().parents[1]
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
