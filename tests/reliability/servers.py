"""Real servers a reliability test can stop, start, freeze and thaw on its own.

Each test that breaks a service gets its own instance (a dedicated `redis-server`, gunicorn
processes), so stopping it never disturbs the rest of the suite.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.05, what: str = "it") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class RedisServer:
    """A `redis-server` on a free loopback port that can be stopped and started on that port."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed (scripts/services.sh installs it)"
        self.process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), timeout=10, what="redis-server start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        """Hung, not dead: connections are accepted by the kernel but never answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict) -> str:
    """The URL of the database pytest made (PostgreSQL), for app servers to share it."""
    return (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
        f"{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )


class AppServer:
    """Toto under gunicorn on a free loopback port, as in production: persistent database
    connections with health checks, the Redis cache, S3 media, a few workers and threads."""

    def __init__(self, env: dict[str, str], log: Path, *, workers: int = 2, threads: int = 4):
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "toto_site.settings.test",
            "CONN_MAX_AGE": "60",
            **env,
        }
        self.log = log
        self.workers, self.threads = workers, threads
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/gunicorn"),
                    "toto_site.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    str(self.threads),
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "2",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
            )
        import httpx

        def healthy() -> bool:
            try:
                return httpx.get(self.url("/healthz"), timeout=1).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(healthy, timeout=60, interval=0.2, what="gunicorn start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


class PostgresServer:
    """The PostgreSQL server the suite runs on (started by scripts/services.sh), found by its
    port among this machine's processes, with the data folder it was started on."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.data_dir = self._data_dir()

    def _data_dir(self) -> Path:
        # scripts/services.sh starts it as `postgres -D DIR … -p PORT`.
        port = str(self.port).encode()
        for proc in Path("/proc").iterdir():
            try:
                args = (proc / "cmdline").read_bytes().split(b"\0")
                if (
                    proc.name.isdigit()
                    and Path(args[0].decode()).name == "postgres"
                    and args[args.index(b"-p") + 1] == port
                ):
                    return Path(os.fsdecode(args[args.index(b"-D") + 1]))
            except (OSError, IndexError, ValueError):
                continue
        raise AssertionError(f"no PostgreSQL of this machine listens on port {self.port}")

    def restart(self) -> None:
        """A fast restart (sessions cut, committed work kept), waiting until it accepts."""
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        log = self.data_dir.parent / "server.log"
        command = [str(bindir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(log)]
        command += ["-m", "fast", "-w", "-t", "30", "restart"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", self.data_dir.owner(), "--", *command]
        # The server outlives pg_ctl: it must not hold a pipe of ours open.
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60
        )
