"""The wheel ships the dataset: data/ is copied into the package as lawgov/data/ at build time.

Everything else is in pyproject.toml. The dataset stays at the top of the repository (data/,
where the book, the tests and contributors find it); only a built package carries a copy, so
`pip install lawgov` gives `lawgov.figures()` in any directory (lawgov.dataset.location finds
it after data_dir=, $LAWGOV_DATA and a checkout's data/). An editable install copies nothing:
there the checkout's data/ is the data. MANIFEST.in puts data/ in the sdist, so a wheel built
from the sdist has it too; LICENSE-DATA.md goes with the data (lawgov/LICENSE-DATA.md).
"""
import os
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).resolve().parent / "data"


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        if not (DATA / "reports.yaml").is_file():
            raise SystemExit(f"cannot build lawgov without its dataset: {DATA}/reports.yaml is missing")
        target = Path(self.build_lib) / "lawgov" / "data"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("__pycache__", "*.tmp", ".*"))
        # the data's licence, which `lawgov export` puts beside the data package it writes
        shutil.copyfile(DATA.parent / "LICENSE-DATA.md", target.parent / "LICENSE-DATA.md")
        # when the data was last changed (what `lawgov export` calls "created"): a checkout asks
        # git, an installed copy has no history, so the build records it
        stamp = _data_changed()
        if stamp:
            (target.parent / "DATA-CREATED").write_text(stamp + "\n", encoding="utf-8")


def _data_changed() -> str:
    """$SOURCE_DATE_EPOCH, else the time of the last commit touching data/ (epoch seconds), else ""."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return epoch
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=DATA,
                             capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return out if out.isdigit() else ""


setup(cmdclass={"build_py": BuildWithData})
