"""Warm kernels for the build: each notebook's kernel is forked from a process that has
already imported the notebooks' stack, instead of a fresh Python importing it again.

A cold kernel spends most of a short notebook importing pandas, Altair, great-tables and
lawgov (about 2 s here, 18 times a build). Here one *server* process imports them once
(:data:`STACK`: only imports, no data is read and no frame is computed, so a kernel's state
is what its own cells make of it) and waits on a Unix socket. The build points Jupyter at a
``python3`` kernelspec of its own (``JUPYTER_PATH``) whose command is this module's
*client*: a small process that sends the server its argv, working directory, environment
and standard streams, and lives as long as the kernel the server forks for it, passing on
the signals the kernel manager sends. The forked child takes the client's directory,
environment and streams and runs ipykernel as ``ipykernel_launcher`` would. Kernels start
and stop through nbclient and jupyter-cache exactly as before; only the process that runs
the kernel is made differently.

``LAWGOV_WARM_KERNELS=0`` turns this off (cold kernels). ``tests/defences/test_warm_kernels.py``
runs notebooks both ways and compares every output (glue values, chart specifications).

Why a fork server: a clean build's HTML step took 82 s with it against 108 s without, next to
a floor of 120 s (every notebook once in a fresh kernel): without it the HTML step alone is
0.9x the floor and the clean build cannot come within it (``benchmarks/README.md``, 2026-12-07).
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ENV_SWITCH = "LAWGOV_WARM_KERNELS"
SOCKET_ENV = "LAWGOV_WARM_KERNEL_SOCKET"
STACK = ("pandas", "altair", "great_tables", "lawgov.charts", "lawgov.tables", "lawgov.book", "ipykernel.kernelapp")


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1") not in ("0", "", "off")


# --- the server ----------------------------------------------------------------------------


class _KernelShell:
    """What ``get_ipython()`` looks like in a kernel to code that checks ``hasattr(ip, "kernel")``."""

    kernel = True

    def __init__(self) -> None:
        self.config: dict = {}


def serve(path: str) -> None:
    """Import the stack, then fork a kernel for each client that connects (until SIGTERM)."""
    import importlib

    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]  # as ipykernel_launcher does; the kernel's InteractiveShellApp puts "" back
    import builtins

    # Libraries that ask at import whether they run in a Jupyter kernel (pandas: its display
    # options, e.g. display.max_columns) must get the answer a cold kernel's import gets.
    builtins.get_ipython = _KernelShell  # type: ignore[attr-defined]
    try:
        for name in STACK:
            importlib.import_module(name)
    finally:
        del builtins.get_ipython  # type: ignore[attr-defined]
    children: set[int] = set()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system

    def stop(*_: object) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(8)
    print("ready", flush=True)
    while True:
        conn, _ = listener.accept()
        request, fds = _receive(conn)
        pid = os.fork()
        if pid == 0:
            listener.close()
            _become_kernel(conn, request, fds)  # never returns
        children.add(pid)
        for fd in fds:
            os.close(fd)
        conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
        conn.close()


def _receive(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds = b"", []
    while not data.endswith(b"\n"):
        msg, ancdata, _, _ = conn.recvmsg(1 << 20, socket.CMSG_LEN(3 * array.array("i").itemsize))
        if not msg:
            break
        data += msg
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds += list(array.array("i", payload[: len(payload) - len(payload) % 4]))
    return json.loads(data), fds


def _become_kernel(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """In the forked child: the client's streams, directory and environment, then ipykernel."""
    code = 1
    try:
        conn.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()
        for target, fd in enumerate(fds[:3]):
            os.dup2(fd, target)
            os.close(fd)
        sys.stdin, sys.stdout, sys.stderr = (
            open(0, closefd=False),
            open(1, "w", closefd=False),
            open(2, "w", closefd=False),
        )
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel import kernelapp

        # the one ipykernel setting read from the environment at import (the server's, then):
        # the kernel manager's pid, which a cold kernel reads from its own environment
        kernelapp.IPKernelApp.launch_instance(parent_handle=int(os.environ.get("JPY_PARENT_PID") or 0))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # the kernel's own error, shown on its stderr
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


@contextlib.contextmanager
def running(env: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """A server for the duration of the block; yields the environment variables that make
    Jupyter start kernels through it (JUPYTER_PATH to a python3 kernelspec, the socket)."""
    tmp = Path(tempfile.mkdtemp(prefix="lawgov-kernels-"))
    path = str(tmp / "server.sock")
    spec_dir = tmp / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict

    native = get_kernel_dict()
    for name in os.listdir(RESOURCES):  # the logos, as the native spec has them
        if name != "kernel.json":
            (spec_dir / name).write_bytes((Path(RESOURCES) / name).read_bytes())
    spec = native | {
        "argv": ["python", "-m", "lawgov.publish.warm_kernels", "kernel", "-f", "{connection_file}"],
        "metadata": {"debugger": True, "supported_encryption": ["curve"]},
        "kernel_protocol_version": native.get("kernel_protocol_version", "5.5"),
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    server_env = dict(os.environ if env is None else env)
    server = subprocess.Popen(
        [sys.executable, "-m", "lawgov.publish.warm_kernels", "serve", path],
        env=server_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        if line.strip() != "ready":
            raise RuntimeError(f"the warm-kernel server did not start (exit {server.poll()})")
        jupyter_path = os.pathsep.join(filter(None, [str(tmp), server_env.get("JUPYTER_PATH")]))
        yield {"JUPYTER_PATH": jupyter_path, SOCKET_ENV: path}
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(10)
        if server.poll() is None:
            server.kill()
        for p in sorted(tmp.rglob("*"), reverse=True):
            p.rmdir() if p.is_dir() else p.unlink()
        tmp.rmdir()


@contextlib.contextmanager
def in_this_process() -> Iterator[str]:
    """Kernels this process (and the processes it forks, e.g. Sphinx's readers) starts are
    warm for the duration of the block, unless LAWGOV_WARM_KERNELS=0; yields which."""
    if not enabled():
        yield "cold kernels"
        return
    saved = dict(os.environ)
    with running() as env:
        os.environ.update(env)
        try:
            yield "warm kernels"
        finally:
            os.environ.clear()
            os.environ.update(saved)


# --- the client (the process the kernel manager starts and watches) --------------------------


def client(argv: list[str]) -> int:
    """Ask the server for a kernel; live as long as it does, passing signals on to it."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(os.environ[SOCKET_ENV])
    env = {k: v for k, v in os.environ.items() if k != SOCKET_ENV}
    request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": env}).encode() + b"\n"
    sock.sendmsg([request], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [0, 1, 2]))])
    reply = b""
    while not reply.endswith(b"\n"):
        chunk = sock.recv(4096)
        if not chunk:
            return 1
        reply += chunk
    pid = json.loads(reply)["pid"]

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)
        if signum == signal.SIGTERM:
            sys.exit(0)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 0
        time.sleep(0.05)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(sys.argv[2])
    elif sys.argv[1:2] == ["kernel"]:
        sys.exit(client(sys.argv[2:]))
    else:
        sys.exit("usage: python -m lawgov.publish.warm_kernels serve SOCKET | kernel -f CONNECTION_FILE")
