"""CITATION.cff validates against the CFF 1.2.0 schema and agrees with the rest of the project."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

import lawgov
from lawgov.book import citation, identity

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "fixtures" / "cff-1.2.0" / "schema.json"


class _CffLoader(yaml.SafeLoader):
    """YAML as cffconvert reads it: timestamps stay strings (the schema wants date strings)."""


_CffLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _cff() -> dict:
    return yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=_CffLoader)


def _validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_citation_cff_validates_against_the_cff_1_2_0_schema():
    errors = sorted(_validator().iter_errors(_cff()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


@pytest.mark.parametrize(
    "mutation",
    [
        lambda d: d.pop("authors"),
        lambda d: d.update({"date-released": "26 November 2026"}),
        lambda d: d.update({"license": "Creative Commons"}),
        lambda d: d["references"][0].update({"type": "webpage-ish"}),
    ],
)
def test_the_schema_check_catches_broken_citations(mutation):
    doc = _cff()
    mutation(doc)
    assert list(_validator().iter_errors(doc)), "a broken CITATION.cff passed the schema"


def test_citation_agrees_with_package_book_and_changelog():
    doc = _cff()
    assert doc["cff-version"] == "1.2.0"
    assert str(doc["version"]) == lawgov.__version__ == identity.version()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^version = "{re.escape(str(doc["version"]))}"', pyproject, re.M)
    config = yaml.safe_load((ROOT / "book" / "_config.yml").read_text(encoding="utf-8"))
    assert doc["title"] == config["title"] == identity.BOOK_TITLE
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[?{re.escape(str(doc['version']))}\]? - {doc['date-released']}$", changelog, re.M), (
        "CHANGELOG.md needs a '## <version> - <date-released>' heading for the cited version"
    )
    assert doc["license"] == "CC-BY-4.0" == identity.LICENSE["name"]
    assert re.search(rf'^license = "{identity.CODE_LICENSE}"', pyproject, re.M), "the code's licence (footer)"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith(f"{identity.CODE_LICENSE} License")


def test_one_title_and_one_author_line_everywhere():
    """lawgov.book.identity is the one definition; every file that names the book agrees with it."""
    doc = _cff()
    config = yaml.safe_load((ROOT / "book" / "_config.yml").read_text(encoding="utf-8"))
    assert config["title"] == doc["title"] == identity.BOOK_TITLE
    assert config["author"] == identity.AUTHOR
    assert [a["name"] for a in doc["authors"]] == [identity.AUTHOR]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^authors = \[\{{ name = "{re.escape(identity.AUTHOR)}" \}}\]$', pyproject, re.M)
    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert f"\n# {identity.BOOK_TITLE} · {identity.BOOK_TITLE_ZH}\n" in intro
    assert identity.PACKAGE_TITLE.startswith(identity.BOOK_TITLE)
    assert citation.cite_book()["text"].startswith(f"{identity.AUTHOR} (")
    assert identity.BOOK_TITLE in citation.cite_book()["text"]


def test_chart_citation_names_the_figure_and_its_anchor(config_with):
    config_with(None, None)
    c = citation.cite_chart(
        "p4-oversight", "fig-p4-cleanup", "Documents reviewed, by outcome. Source: report §4.1.4.", "Fig. 16"
    )
    assert c["href"] == "p4-oversight.html#fig-p4-cleanup"
    assert c["text"].endswith('"p4-oversight", anchor fig-p4-cleanup (address not yet set)')
    assert "\u201cDocuments reviewed, by outcome\u201d" in c["text"] and "Fig. 16" in c["text"]
    assert identity.BOOK_TITLE in c["text"] and "Source" not in c["text"]


def test_the_report_itself_is_in_the_references():
    refs = _cff()["references"]
    report = next(r for r in refs if r["type"] == "report")
    meta = lawgov.reports().iloc[0]
    assert report["title"] == meta["title_zh"]
    assert report["authors"][0]["name"] == meta["issuer_zh"] == "昆山市人民政府"
    assert report["authors"][0]["alias"] == meta["issuer_en"]
    assert report["year"] == int(meta["year"]) == 2012
    assert "中国法治网" in report["notes"] and "2014-05-15" in report["notes"]
    assert meta["capture_page_date"].startswith("2014-05-15")


def test_figure_citation_is_built_from_id_section_and_anchor():
    fig = lawgov.figures().set_index("id").loc["mediation_success_rate"]
    c = citation.cite_figure("mediation_success_rate")
    assert c["anchor"] == "fig-mediation_success_rate"
    assert c["href"] == "numbers.html#fig-mediation_success_rate"
    for text in (c["text"], c["bibtex"]):
        assert fig["section"] in text and fig["global_id"] in text and fig["indicator_zh"] in text
    assert c["bibtex"].startswith("@misc{lawgov_kunshan2012_mediation_success_rate,")
    assert c["bibtex"].count("{") == c["bibtex"].count("}")
    assert "99.95" in c["text"]
    with pytest.raises(KeyError):
        citation.cite_figure("no_such_figure")


def test_book_and_dataset_citations_carry_version_and_licence():
    version = _cff()["version"]
    book, data = citation.cite_book(), citation.cite_dataset()
    assert f"Version {version}" in book["text"] and f"Version {version}" in data["bibtex"] + data["text"]
    assert "CC BY 4.0" in data["text"]
    for c in (book, data):
        assert "Lawgov book contributors" in c["text"]
        assert c["bibtex"].count("{") == c["bibtex"].count("}")


def test_sentence_citation_is_built_from_id_section_text_and_anchor():
    sentences = lawgov.sentences()
    # a sentence holding a figure, so the citation can be checked against the figure's quote too
    s = sentences[sentences["figures"].map(len) > 0].iloc[-1]
    fig = lawgov.figures().set_index("id").loc[s["figures"][0]]
    c = citation.cite_sentence(s["id"])
    assert c["anchor"] == s["id"] and c["href"] == f"report.html#{s['id']}"
    for text in (c["text"], c["bibtex"]):
        assert s["id"] in text and s["section"] in text and s["zh"] in text and s["en"] in text
        assert fig["quote"] in text  # the figure's words, verbatim, inside the cited sentence
    assert c["bibtex"].startswith("@misc{lawgov_kunshan2012_s_") and c["bibtex"].count("{") == c["bibtex"].count("}")
    assert "Lawgov book contributors" in c["text"] and f"version {lawgov.__version__}" in c["text"]
    # the key is unique per sentence: no two sentences share one
    keys = {citation.cite_sentence(i)["bibtex"].split(",")[0] for i in sentences["id"].iloc[:20]}
    assert len(keys) == 20
    with pytest.raises(KeyError):
        citation.cite_sentence("s-9.9.9-1")


def test_sentence_anchor_is_the_id_the_parallel_text_writes():
    from lawgov.book import parallel

    figs, outline = lawgov.figures(), lawgov.outline()
    sentences = lawgov.sentences()
    s = sentences.iloc[5]
    html = parallel.parallel_text(sentences, figs, outline, part=int(s["part"])).data
    assert f'id="{citation.cite_sentence(s["id"])["anchor"]}"' in html


# --- the book's address: absolute links when set, "address not yet set" when not --------------

from lawgov.book import address  # noqa: E402

BOOK_URL, REPO_URL = "https://books.example.org/kunshan-2012/", "https://git.example.org/lawgov/kunshan-2012"


@pytest.fixture
def config_with(tmp_path, monkeypatch):
    """A copy of book/_config.yml and CITATION.cff, with the addresses set or not."""

    def make(book: str | None, repository: str | None):
        config, cff = tmp_path / "_config.yml", tmp_path / "CITATION.cff"
        config.write_text((ROOT / "book" / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
        cff.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8"), encoding="utf-8")
        if book:
            address.set_address(book, repository, config=config, cff=cff)
        monkeypatch.setattr(address, "CONFIG", config)
        return config, cff

    return make


def _all_citations() -> dict[str, str]:
    sentence = lawgov.sentences()["id"].iloc[0]
    figure = lawgov.figures()["id"].iloc[0]
    out = {}
    for name, cite in (
        ("book", citation.cite_book()),
        ("dataset", citation.cite_dataset()),
        ("figure", citation.cite_figure(figure)),
        ("sentence", citation.cite_sentence(sentence)),
    ):
        out[f"{name} text"], out[f"{name} bibtex"] = cite["text"], cite["bibtex"]
    out["chart"] = citation.cite_chart("p4-oversight", "fig-p4-rates", "Rates. Source: the report", "Figure 4.1")[
        "short"
    ]
    return out


def test_citations_without_an_address_say_so_and_carry_no_relative_link(config_with):
    config_with(None, None)
    assert address.unset_notice() is not None
    for name, text in _all_citations().items():
        if "bibtex" in name:  # no url field, and a note that says why
            assert "url =" not in text and address.NOT_SET in text, name
            continue
        assert address.NOT_SET in text.lower(), f"{name}: {text}"
        assert ".html" not in text, f"{name} carries a relative link: {text}"


def test_citations_with_an_address_carry_absolute_links(config_with):
    config, cff = config_with(BOOK_URL, REPO_URL)
    assert address.address() == address.Address(BOOK_URL, REPO_URL) and address.unset_notice() is None
    cites = _all_citations()
    for name, text in cites.items():
        assert BOOK_URL in text, f"{name} has no absolute address: {text}"
        assert address.NOT_SET not in text.lower()
    assert f"{BOOK_URL}numbers.html#fig-" in cites["figure text"]
    assert f"{BOOK_URL}p4-oversight.html#fig-p4-rates" in cites["chart"]
    assert re.search(rf"url = \{{{re.escape(BOOK_URL)}", cites["book bibtex"])
    doc = yaml.load(cff.read_text(encoding="utf-8"), Loader=_CffLoader)
    assert (doc["url"], doc["repository-code"]) == (BOOK_URL, REPO_URL)
    assert not list(_validator().iter_errors(doc))
    set_config = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert (set_config["html"]["baseurl"], set_config["repository"]["url"]) == (BOOK_URL, REPO_URL)


def test_an_address_must_be_absolute(config_with):
    config, cff = config_with(None, None)
    with pytest.raises(ValueError, match="not an absolute"):
        address.set_address("kunshan-2012/", REPO_URL, config=config, cff=cff)


def test_citation_cff_repeats_the_configured_addresses():
    """CITATION.cff's url and repository-code are the ones in book/_config.yml (both absent
    while unset): `python -m lawgov.book.address` writes both."""
    where = address.address(ROOT / "book" / "_config.yml")
    doc = _cff()
    assert doc.get("url", "") == where.book and doc.get("repository-code", "") == where.repository
