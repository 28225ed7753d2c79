"""`pip install lawgov` works like palmerpenguins, and a downloaded notebook runs where it lands.

One wheel and one fresh virtual environment per test run, both outside the repository:
the wheel is built from this checkout (`pip wheel --no-deps`), installed with the `notebook`
extra into a new venv, its dependencies pinned to requirements-lab.lock (from uv's cache when
it has them, else from the package index). Then, in a temporary directory:

- the wheel carries the dataset (every file of data/, byte for byte, the capture matching its
  checksum) and the server extension's switch;
- `lawgov.figures()` and `lawgov validate` work, from the installed copy of the data;
- a chapter notebook downloaded from the built book runs top to bottom with nbclient, with no
  myst-nb: every cell without error, the prose already holding its numbers, the CSV link
  carrying the same bytes as the book's CSV.
"""
from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
LOCK = ROOT / "requirements-lab.lock"
CHAPTER = "p4-oversight"


def _clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LAWGOV_DATA", "LAWGOV_BOOK_BUILD", "PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH")}
    return env | {"LAWGOV_CACHE": str(tmp / "cache"), "HOME": str(tmp / "home")}


@pytest.fixture(scope="session")
def installed(tmp_path_factory, worker_id):
    """(wheel, venv python, a working directory outside the repository), made once per test run.

    The pytest-xdist workers share it: the first makes it under a lock in the run's common
    temporary folder, the other waits and reuses it.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    out = shared / "lawgov-wheel"
    assert ROOT not in out.parents
    with open(shared / "lawgov-wheel.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = out / "ready"
        if not done.exists():
            out.mkdir(exist_ok=True)
            _make(out)
            done.write_text("ok")
    wheel = next(out.glob("lawgov-*.whl"))
    work = tmp_path_factory.mktemp("work")
    return wheel, out / "venv" / "bin" / "python", work


# What the wheel is built from: a clean copy (an in-tree build would reuse ./build/, where a
# module deleted from src/ lingers and would be packaged).
SOURCES = ["pyproject.toml", "README.md", "LICENSE", "LICENSE-DATA.md", "CITATION.cff", "src", "data", "jupyter-config"]


def _make(out: Path) -> None:
    import shutil

    tree = out / "source"
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            tree.mkdir(exist_ok=True)
            shutil.copy(src, tree / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--disable-pip-version-check", "-w", str(out), str(tree)], check=True, cwd=out, timeout=600)
    wheel = next(out.glob("lawgov-*.whl"))
    venv = out / "venv"
    uv = Path(sys.executable).parent / "uv"
    subprocess.run([str(uv), "venv", "-q", "--python", "3.11", str(venv)], check=True, timeout=300)
    install = [str(uv), "pip", "install", "-q", "--python", str(venv / "bin" / "python"),
               f"{wheel}[notebook]", "-c", str(LOCK)]
    if subprocess.run([*install, "--offline"], capture_output=True, timeout=600).returncode != 0:
        done = subprocess.run(install, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"installing the wheel failed:\n{done.stderr[-3000:]}"


def _run(installed, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    _, python, work = installed
    return subprocess.run([str(python), *args], cwd=work, env=_clean_env(work), capture_output=True,
                          text=True, timeout=timeout)


def test_the_wheel_ships_the_dataset(installed) -> None:
    wheel = installed[0]
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for path in sorted(p for p in DATA.rglob("*") if p.is_file()):
            inside = f"lawgov/data/{path.relative_to(DATA).as_posix()}"
            assert inside in names, f"the wheel lacks {inside}"
            assert zf.read(inside) == path.read_bytes(), f"{inside} differs from {path}"
        reports = yaml.safe_load(zf.read("lawgov/data/reports.yaml"))
        for report in reports:
            capture = zf.read(f"lawgov/data/{report['source']}")
            assert hashlib.sha256(capture).hexdigest() == report["sha256"]
        assert any(n.endswith("etc/jupyter/jupyter_server_config.d/lawgov.json") for n in names)


def test_figures_and_validate_work_in_any_directory(installed) -> None:
    got = _run(installed, "-c", "import json, lawgov; from lawgov.dataset.location import resolve_data_dir; "
               "print(json.dumps([len(lawgov.figures()), str(resolve_data_dir())]))")
    assert got.returncode == 0, got.stderr
    n, where = json.loads(got.stdout.strip().splitlines()[-1])
    assert "site-packages" in where and Path(where).name == "data" and not Path(where).is_relative_to(ROOT)
    import lawgov

    assert n == len(lawgov.figures(data_dir=DATA)) > 0
    bindir = installed[1].parent
    check = subprocess.run([str(bindir / "lawgov"), "validate"], cwd=installed[2], env=_clean_env(installed[2]),
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0 and check.stdout.startswith("ok:"), check.stdout + check.stderr


def test_a_wrong_lawgov_data_is_named_not_skipped(installed) -> None:
    _, python, work = installed
    env = _clean_env(work) | {"LAWGOV_DATA": str(work / "nowhere")}
    run = subprocess.run([str(python.parent / "lawgov"), "validate"], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert str(work / "nowhere") in run.stderr and "$LAWGOV_DATA" in run.stderr


RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, sys.argv[2])
"""


def test_a_downloaded_notebook_runs_where_it_lands(installed, built_book: Path) -> None:
    _, python, work = installed
    assert _run(installed, "-c", "import myst_nb").returncode != 0, "the notebook extra should not need myst-nb"
    source = built_book / "downloads" / "notebooks" / f"{CHAPTER}.ipynb"
    (work / source.name).write_bytes(source.read_bytes())
    (work / "run.py").write_text(RUNNER, encoding="utf-8")
    done = _run(installed, "run.py", source.name, "executed.ipynb", timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    nb = json.loads((work / "executed.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, errors
    prose = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert not re.findall(r"\{(?:glue[a-z:]*|numref)\}`", prose), "roles left in the downloaded prose"
    html = ["".join(o.get("data", {}).get("text/html", "")) for c in nb["cells"] for o in c.get("outputs", [])]
    assert any('class="lawgov-chart"' in h for h in html), "no chart output"
    links = [m for h in html for m in re.findall(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', h)]
    assert len(links) == 1
    part = int(re.search(r"p(\d)-", CHAPTER).group(1))
    book_csv = built_book / "downloads" / "data" / "chapters" / f"figures-part-{part}.csv"
    assert base64.b64decode(links[0]) == book_csv.read_bytes()


def test_the_wheel_exports_what_the_checkout_exports(installed) -> None:
    """`lawgov export` from the installed wheel writes the same files, byte for byte, as
    `make export` in the checkout (the licence included)."""
    _, python, work = installed
    subprocess.run(["make", "-s", "export"], cwd=ROOT, check=True, capture_output=True, timeout=600)
    made = ROOT / "dist" / "data"
    wheel_out = work / "export-from-wheel"
    done = _run(installed, "-m", "lawgov", "export", str(wheel_out))
    assert done.returncode == 0, done.stderr

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    ours, theirs = files(made), files(wheel_out)
    assert "LICENSE-DATA.md" in theirs, "the wheel's export lacks the data's licence"
    assert sorted(theirs) == sorted(ours)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, f"exported differently from the wheel: {differ}"
