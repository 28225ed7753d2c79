"""Writing files so that a failure leaves nothing half-written, and deterministic zips.

A folder is built beside its destination and then swapped in; a zip has sorted entries,
fixed times and modes. Two runs over the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from lawgov.book.identity import PACKAGE_NAME

PathLike = str | os.PathLike[str]
EPOCH = "1980-01-01T00:00:00Z"  # the earliest time a zip entry can carry


def replace_folder(out: Path, files: dict[str, bytes]) -> None:
    """Write {relative path: bytes} as the folder out, atomically: out is either as it was or new.

    The files go into a temporary sibling folder (modes 644/755), which then replaces out.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        for rel, data in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for p in [tmp, *tmp.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        old = None
        if out.exists():
            old = out.parent / f".{out.name}.old-{os.getpid()}"
            out.rename(old)
        tmp.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def package_meta(pkg_dir: PathLike) -> dict:
    """An exported package's datapackage.json."""
    return json.loads((Path(pkg_dir) / "datapackage.json").read_text(encoding="utf-8"))


def zip_files(files: list[Path], zip_path: PathLike, prefix: str, stamp: str, base: Path | None = None) -> Path:
    """A deterministic zip: sorted entries under prefix/, fixed times and modes, written atomically."""
    dest = Path(zip_path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").timetuple()[:6]
    tmp = dest.with_name(f".{dest.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for p in sorted(files):
            name = p.relative_to(base).as_posix() if base else p.name
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, p.read_bytes(), compresslevel=9)
    tmp.replace(dest)
    return dest


def write_zip(pkg_dir: PathLike, zip_path: PathLike) -> Path:
    """A deterministic zip of an exported package (the folder kunshan-2012-lawgov-<version>/), dated as the package."""
    pkg = Path(pkg_dir)
    meta = package_meta(pkg)
    files = [q for q in pkg.rglob("*") if q.is_file()]
    return zip_files(files, zip_path, f"{PACKAGE_NAME}-{meta['version']}", meta.get("created", EPOCH), base=pkg)
