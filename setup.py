"""The wheel ships the dataset: data/ is copied into the package as lawgov/data/ at build time.

Everything else is in pyproject.toml. The dataset stays at the top of the repository (data/,
where the book, the tests and contributors find it); only a built package carries a copy, so
`pip install lawgov` gives `lawgov.figures()` in any directory (lawgov.dataset.location finds
it after data_dir=, $LAWGOV_DATA and a checkout's data/). An editable install copies nothing:
there the checkout's data/ is the data. MANIFEST.in puts data/ in the sdist, so a wheel built
from the sdist has it too.
"""
import shutil
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


setup(cmdclass={"build_py": BuildWithData})
