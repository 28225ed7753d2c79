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
