"""The built site publishes no notebook traceback left by an earlier failed run."""

from __future__ import annotations

from pathlib import Path

from lawgov.publish import build


def _stale(outdir: Path) -> Path:
    log = outdir / build.REPORTS / "audit.err.log"
    log.parent.mkdir(parents=True)
    log.write_text("AttributeError: module 'lawgov.analysis.audit' has no attribute 'audit_table'", encoding="utf-8")
    (outdir / "audit.html").write_text("<html></html>", encoding="utf-8")
    return log


def test_clearing_removes_the_logs_and_nothing_else(tmp_path):
    log = _stale(tmp_path)
    assert build.clear_stale_reports(tmp_path) == 1
    assert not log.exists() and not log.parent.exists()
    assert (tmp_path / "audit.html").exists()
    assert build.clear_stale_reports(tmp_path) == 0  # nothing to clear is not an error


def test_a_good_html_build_leaves_no_earlier_traceback(tmp_path, monkeypatch):
    log = _stale(tmp_path)
    seen = {}

    def fake_run(builder, outdir, **kw):
        seen["log_during_run"] = log.exists()  # myst-nb writes this run's failures, if any, now
        return 0, ""

    monkeypatch.setattr(build, "HTML", tmp_path)
    monkeypatch.setattr(build, "configure_kernels", lambda: None)
    monkeypatch.setattr(build.sphinx, "run", fake_run)
    info = {"note": ""}
    build.build_html(info, 1, False)
    assert seen == {"log_during_run": False}
    assert not (tmp_path / build.REPORTS).exists()


# What myst-nb writes for a cell that fails (nbclient's CellExecutionError, colours and all).
_ERR_LOG = """Traceback (most recent call last):
  File ".../nbclient/client.py", line 918, in _check_raise_for_error
    raise CellExecutionError.from_cell_and_msg(cell, exec_reply_content)
nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:
------------------
{code}
------------------


\x1b[31m---------------------------------------------------------------------------\x1b[39m
\x1b[31mNameError\x1b[39m                                 Traceback (most recent call last)
\x1b[31mNameError\x1b[39m: name 'figs' is not defined
"""


def test_a_failing_cell_is_named_in_one_line_by_its_file_and_line(tmp_path, monkeypatch):
    # the code of a real cell of part 4, as a reader might have broken it in JupyterLab
    chapter = build.BOOK / "p4-oversight.md"
    text = chapter.read_text(encoding="utf-8")
    code = "page.outline_table()"
    fence = text[: text.index(code)].rindex("```{code-cell}")
    line = text.count("\n", 0, fence) + 1
    log = tmp_path / build.REPORTS / "p4-oversight.err.log"
    log.parent.mkdir(parents=True)
    log.write_text(_ERR_LOG.format(code=code), encoding="utf-8")
    (tmp_path / "p4-oversight.html").write_text("<html>half-built</html>", encoding="utf-8")
    (tmp_path / "p3-decisions.html").write_text("<html>built</html>", encoding="utf-8")
    (failed,) = build.failed_cells(tmp_path)
    assert failed.startswith(f"book/p4-oversight.md:{line}: a code cell failed: NameError: name 'figs' is not defined")
    assert "\x1b" not in failed and "\n" not in failed
    # the traceback is kept without colour codes, and the failed page is not left as if built
    kept = log.read_text(encoding="utf-8")
    assert "NameError: name 'figs' is not defined" in kept and "\x1b" not in kept
    assert not (tmp_path / "p4-oversight.html").exists() and (tmp_path / "p3-decisions.html").exists()


def test_a_failing_cell_fails_the_build_with_those_lines_and_no_traceback(tmp_path, monkeypatch, capsys):
    def failing_run(builder, outdir, **kw):
        log = outdir / build.REPORTS / "p4-oversight.err.log"
        log.parent.mkdir(parents=True)
        log.write_text(_ERR_LOG.format(code="figs[figs.part == PART]"), encoding="utf-8")
        return 1, ""

    monkeypatch.setattr(build, "HTML", tmp_path)
    monkeypatch.setattr(build, "configure_kernels", lambda: None)
    monkeypatch.setattr(build.sphinx, "run", failing_run)
    try:
        build.build_html({"note": ""}, 1, False)
    except build.BuildError as exc:
        assert "1 chapter(s) with a failing code cell" in str(exc)
    else:
        raise AssertionError("a failing cell must fail the build")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("book/p4-oversight.md: a code cell failed: NameError")
