"""JupyterLab for the book's notebooks: ``make lab`` (``python -m lawgov.publish.lab``).

Three things, all kept inside the environment that runs Lab (never in ``~``):

- a Jupyter server extension that serves the Vega bundle at ``<base url>lawgov/vega-bundle.js``
  (what :mod:`lawgov.charts.notebook` loads in a notebook), so charts draw offline and with no
  request to any other host. The wheel enables it for any Jupyter server in the environment
  it is installed into (``etc/jupyter/jupyter_server_config.d/lawgov.json``);
- the environment's JupyterLab settings (``<prefix>/share/jupyter/lab/settings/overrides.json``):
  no news feed, no update check (both would ask a website), every ``.md`` opened as a
  notebook through jupytext, and no autosave: a chapter is a tracked source of the book, so
  it is written only when the person saves it (a scratch cell left unsaved never reaches
  ``make book``; closing a changed chapter asks whether to save it);
- the launcher: ``book/`` as the root, 127.0.0.1, kernels with encrypted transport, and the
  person's options passed through: ``--port N``, ``--token T``, ``--no-browser``, and any
  further ``jupyter lab`` option as it is.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from pathlib import Path

from lawgov.book.paths import BOOK, BUILD, ROOT
from lawgov.charts.notebook import BUNDLE_ROUTE
from lawgov.publish import vega

# Lab's settings that keep it quiet and offline, open MyST markdown as notebooks, and leave
# saving to the person (JupyterLab's default autosave would write a scratch cell into a chapter).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {
        "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"},
        "autosave": False,
    },
}
SERVER_EXTENSION = "lawgov.publish.lab"
# Kernels get CurveZMQ keys from the server (ipykernel supports it): no plain-text TCP, and no
# "Kernel is running over TCP without encryption" warning for every kernel.
KERNEL_OPTIONS = ["--KernelManager.transport_encryption=auto"]


# --- the bundle, as the server extension serves it -------------------------------------------


def bundle_cache_dir() -> Path:
    """Where the served bundle is kept: in a checkout, the build's own cache (one bundle for
    ``make book`` and ``make lab``); otherwise ``$LAWGOV_CACHE/vega`` (default ``~/.cache/lawgov/vega``)."""
    if (BOOK / "_config.yml").exists() and Path(__file__).resolve().is_relative_to(ROOT):
        return BUILD / ".vega-bundle"
    chosen = os.environ.get("LAWGOV_CACHE", "").strip()
    if chosen.lower() in ("0", "off", "no", "false"):
        import tempfile

        return Path(tempfile.gettempdir()) / f"lawgov-vega-{os.getuid()}"
    base = Path(chosen).expanduser() if chosen else Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lawgov"
    return base / "vega"


class _Bundle:
    """The bundle's text, made (or read from the cache) once per server, in the background."""

    def __init__(self) -> None:
        self._ready = threading.Event()
        self.text: str | None = None
        self.error: str | None = None

    def start(self) -> None:
        threading.Thread(target=self._load, name="lawgov-vega-bundle", daemon=True).start()

    def _load(self) -> None:
        try:
            path, _ = vega.cached_bundle(bundle_cache_dir())
            self.text = path.read_text(encoding="utf-8")
        except Exception as exc:  # reported to the browser (and so in the chart), not swallowed
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._ready.set()

    def wait(self, timeout: float) -> bool:
        return self._ready.wait(timeout)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": SERVER_EXTENSION}]


def _load_jupyter_server_extension(serverapp) -> None:  # type: ignore[no-untyped-def]
    from jupyter_server.base.handlers import JupyterHandler
    from jupyter_server.utils import url_path_join
    from tornado import web
    from tornado.ioloop import IOLoop

    bundle = _Bundle()
    bundle.start()

    class BundleHandler(JupyterHandler):
        @web.authenticated
        async def get(self) -> None:
            await IOLoop.current().run_in_executor(None, bundle.wait, 600)
            if bundle.text is None:
                raise web.HTTPError(500, f"lawgov could not make the Vega bundle: {bundle.error}")
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.set_header("Cache-Control", "private, max-age=3600")
            self.write(bundle.text)

    route = url_path_join(serverapp.web_app.settings["base_url"], BUNDLE_ROUTE)
    serverapp.web_app.add_handlers(".*$", [(route, BundleHandler)])
    serverapp.log.info("lawgov: serving the Vega bundle at %s", route)


# --- the environment's settings --------------------------------------------------------------


def _merge(into: dict, new: dict) -> dict:
    for key, value in new.items():
        into[key] = _merge(dict(into.get(key) or {}), value) if isinstance(value, dict) else value
    return into


def configure(prefix: str | os.PathLike[str] = sys.prefix) -> list[Path]:
    """Write Lab's settings and enable the server extension in the environment at ``prefix``.

    Existing settings are kept; ours are merged in. Returns the files written.
    """
    prefix = Path(prefix)
    overrides = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    server = prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "lawgov.json"
    written = []
    for path, settings in (
        (overrides, LAB_SETTINGS),
        (server, {"ServerApp": {"jpserver_extensions": {SERVER_EXTENSION: True}}}),
    ):
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        new = _merge(json.loads(json.dumps(old)), settings)
        if new != old or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            written.append(path)
    return written


# --- the launcher ----------------------------------------------------------------------------


def lab_command(port: int | None = None, token: str | None = None, browser: bool = True,
                root: Path = BOOK, extra: list[str] | None = None) -> list[str]:
    """The ``jupyter lab`` command line ``make lab`` runs."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", "--ServerApp.ip=127.0.0.1",
           *KERNEL_OPTIONS]
    if port is not None:
        cmd.append(f"--ServerApp.port={port}")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if not browser:
        cmd.append("--no-browser")
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    return cmd + list(extra or [])


def login_line(port: int | None, token: str) -> str:
    """The address to open when the token was chosen (Jupyter itself shows it as ``token=...``)."""
    where = f"http://127.0.0.1:{port}" if port else "http://127.0.0.1:8888 (or the port Jupyter prints below)"
    return f"lawgov: JupyterLab will be at {where}/lab?token={token}" if port else \
        f"lawgov: JupyterLab will be at {where}, with ?token={token}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lawgov.publish.lab",
        description="JupyterLab on the book's notebooks (book/), offline; other options go to jupyter lab.")
    parser.add_argument("--port", type=int, help="port (default: 8888, or the next free one)")
    parser.add_argument("--token", help="the login token (default: a random one, printed in the log)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--root", type=Path, default=BOOK, help="the folder Lab opens (default: book/)")
    parser.add_argument("--configure-only", action="store_true", help="write the settings and stop")
    args, extra = parser.parse_known_args(argv)
    for path in configure():
        print(f"lawgov: wrote {path}", file=sys.stderr)
    if args.configure_only:
        return 0
    cmd = lab_command(args.port, args.token, not args.no_browser, root=args.root.resolve(), extra=extra)
    if args.token:  # Jupyter prints a token it was given as "token=...": say the whole address here
        print(login_line(args.port, args.token), file=sys.stderr, flush=True)
    os.execv(cmd[0], cmd)
    return 0  # pragma: no cover - execv does not return


if __name__ == "__main__":
    sys.exit(main())
