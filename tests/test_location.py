"""One rule finds the data: data_dir=, then $LAWGOV_DATA, then a checkout's data/, then the installed copy."""
from __future__ import annotations

from pathlib import Path

import pytest

from lawgov.dataset import location


@pytest.fixture
def nowhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No checkout data and no installed copy; no $LAWGOV_DATA."""
    monkeypatch.delenv("LAWGOV_DATA", raising=False)
    monkeypatch.setattr(location, "DEFAULT_DATA_DIR", tmp_path / "checkout" / "data")
    monkeypatch.setattr(location, "INSTALLED_DATA_DIR", tmp_path / "site" / "lawgov" / "data")
    return tmp_path


def _valid(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "reports.yaml").write_text("[]\n", encoding="utf-8")
    return path


def test_the_checkout_comes_before_the_installed_copy() -> None:
    assert location.resolve_data_dir() == location.DEFAULT_DATA_DIR.absolute()


def test_the_order_of_the_rule(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = _valid(location.INSTALLED_DATA_DIR)
    assert location.resolve_data_dir() == installed
    env = _valid(nowhere / "env")
    monkeypatch.setenv("LAWGOV_DATA", str(env))
    assert location.resolve_data_dir() == env
    arg = _valid(nowhere / "arg")
    assert location.resolve_data_dir(arg) == arg


def test_a_given_place_is_never_skipped(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _valid(location.INSTALLED_DATA_DIR)
    monkeypatch.setenv("LAWGOV_DATA", str(nowhere / "typo"))
    with pytest.raises(FileNotFoundError, match=r"not found: .*typo \(from \$LAWGOV_DATA\)"):
        location.resolve_data_dir()
    with pytest.raises(FileNotFoundError, match=r"typo2 \(from data_dir="):
        location.resolve_data_dir(nowhere / "typo2")


def test_when_nothing_is_usable_the_error_names_every_place(nowhere: Path) -> None:
    location.INSTALLED_DATA_DIR.mkdir(parents=True)  # there, but empty: not usable
    with pytest.raises(FileNotFoundError) as err:
        location.resolve_data_dir()
    message = str(err.value)
    for where in ("data_dir=", "$LAWGOV_DATA", "checkout", str(location.INSTALLED_DATA_DIR)):
        assert where in message
    assert "has no reports.yaml" in message
