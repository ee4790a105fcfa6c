"""`make bench`: the content API over HTTP, side by side with Wagtail's stock API.

    make bench                                         # 5,000 lessons on fresh services
    make bench BENCH_ARGS="--lessons 100000"           # the scale run
    scripts/with-services.sh .venv/bin/python scripts/bench.py --duration 3 --rounds 1

1. Loads a synthetic curriculum (`scripts/bench_data.py`) into a database of its own
   (`toto_bench_<lessons>`, beside the one DATABASE_URL names; dropped at the end unless
   `--keep-db`, reused by `--reuse-db`).
2. Starts two gunicorns (2 sync workers each, production settings on PostgreSQL, Redis and S3,
   DEBUG off): Toto with its response cache ("cached") and without it ("uncached"). Both also
   serve Wagtail's stock `PagesAPIViewSet` at /stock/v2/ and a trivial Django view behind the
   same middleware, the ceiling (`toto_site/settings/bench.py`, `toto_site/urls_bench.py`).
3. Drives them with wrk over loopback (64 connections, `Accept-Encoding: gzip` as apps send
   it), one request shape at a time, the stock, uncached and cached runs of a row next to
   each other and their order rotated each round, so the drift of a shared machine falls on
   all three alike.
4. Prints requests per second, p50 and p99, unexpected statuses, queries per request (counted
   in-process on the same database) and CPU per request (gunicorn workers + PostgreSQL
   backends + Redis, from /proc), with the ratios Toto/stock and Toto/ceiling; writes it all as
   JSON under bench/results/. Exits 1 when any response was not the expected 2xx (or 304).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
WRK_SCRIPT = ROOT / "bench" / "wrk.lua"
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))


def say(message: str) -> None:
    print(message, flush=True)


_started = time.monotonic()
_last_progress = 0.0


def progress(message: str) -> None:
    """A step of the load; the counted ones ("lessons 4,000/100,010") every few seconds and
    when they finish."""
    global _last_progress
    now = time.monotonic()
    counted = re.search(r"([\d,]+)/([\d,]+)$", message)
    if counted and counted.group(1) != counted.group(2) and now - _last_progress < 5:
        return
    _last_progress = now
    print(f"  … {now - _started:6.1f} s  {message}", flush=True)


# --- setting the stage -------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    say("wrk is missing: installing it with apt-get (Debian's package)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env
    )
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def database_url_for(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare_database(url: str, name: str, reuse: bool) -> bool:
    """Create database `name` on the server of `url`; True when an existing one is reused."""
    import psycopg2

    admin = psycopg2.connect(url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and reuse:
            admin.close()
            return True
        if exists:
            cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return False


def drop_database(url: str, name: str) -> None:
    import psycopg2

    admin = psycopg2.connect(url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def bench_environment(database_url: str) -> dict[str, str]:
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if missing:
        sys.exit(
            f"{', '.join(missing)} unset: run through `make bench` or scripts/with-services.sh"
        )
    return {
        "DJANGO_SETTINGS_MODULE": "toto_site.settings.bench",
        "SECRET_KEY": "bench-only-not-a-secret-" + "x" * 32,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "CACHE_KEY_PREFIX": "bench",
        # The token of the member row must outlive a scale run.
        "JWT_ACCESS_MINUTES": "1440",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        return [self.process.pid, *children_of(self.process.pid)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(name: str, env: dict[str, str], workers: int, scratch: Path) -> Server:
    port = free_port()
    log = scratch / f"gunicorn-{name}.log"
    process = subprocess.Popen(  # noqa: S603
        [
            str(VENV_BIN / "gunicorn"),
            "toto_site.wsgi:application",
            f"--workers={workers}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--backlog=2048",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server(name, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn ({name}) exited:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{server.base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn ({name}) did not answer /healthz:\n{log.read_text()}")


# --- CPU accounting ----------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def cpu_ticks(pids: list[int]) -> dict[int, int]:
    ticks = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks[pid] = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def cpu_seconds_between(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU seconds the processes alive at both snapshots spent in between."""
    return sum(after[pid] - before[pid] for pid in before.keys() & after.keys()) / CLOCK_TICKS


def service_pids(database_name: str) -> list[int]:
    """PostgreSQL backends of the bench database and the Redis server."""
    from django.core.cache import cache
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database_name])
        pids = [row[0] for row in cursor.fetchall()]
    # Without it the CPU figure lacks Redis' share; the bench still runs.
    with contextlib.suppress(Exception):
        pids.append(int(cache.client.get_client().info("server")["process_id"]))
    return pids


# --- the rows ----------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    requests: list[tuple[str, dict[str, str]]]  # (path under the API prefix, headers)
    expected: frozenset[int] = frozenset({200})
    stock_expected: frozenset[int] = frozenset({200})
    targets: tuple[str, ...] = ("stock", "uncached", "cached")
    # Each request new to the server (a search never ranked): only two warmed up, and the
    # queries counted on one never sent before.
    new_each_time: bool = False


@dataclass
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[str, int]
    socket_errors: dict[str, int]
    cpu_ms: float | None

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


@dataclass
class Result:
    row: Row
    target: str
    runs: list[Run] = field(default_factory=list)
    queries: int | None = None


def api_prefix(target: str) -> str:
    return "/stock/v2/" if target == "stock" else "/api/v2/"


def sample_lessons(curriculum) -> list[int]:
    """The 50 lessons the detail rows cycle through, the same in every run of a size."""
    rng = random.Random(12)  # noqa: S311 - a sample, not a secret
    return rng.sample(sorted(curriculum.lesson_ids), min(50, len(curriculum.lesson_ids)))


# What every app's HTTP stack sends (browsers, OkHttp, URLSession): Toto sends its cached
# answers gzipped then; stock Wagtail sends every answer as it is.
APP_HEADERS = {"Accept-Encoding": "gzip"}


def build_rows(curriculum, member_token: str, etags: dict[str, str]) -> list[Row]:
    rows = content_rows(curriculum, member_token, etags)
    for row in rows:
        row.requests = [(url, {**APP_HEADERS, **headers}) for url, headers in row.requests]
    return rows


# More distinct searches than a row's runs send, so that each is new to the server.
NEW_SEARCHES = 20_000


def content_rows(curriculum, member_token: str, etags: dict[str, str]) -> list[Row]:
    from scripts.bench_data import SEARCH_WORD

    lessons = sample_lessons(curriculum)
    subcategories = [page.pk for page in curriculum.subcategories[:-1]][:20]
    typed = "pages/?type=lessons.LessonPage"
    bearer = {"Authorization": f"Bearer {member_token}"}
    return [
        Row("detail", "lesson detail", [(f"pages/{pk}/", {}) for pk in lessons]),
        Row("listing_all_20", "lessons fields=* limit=20", [(f"{typed}&fields=*&limit=20", {})]),
        Row("listing_all_100", "lessons fields=* limit=100", [(f"{typed}&fields=*&limit=100", {})]),
        Row(
            "listing_3_fields",
            "lessons fields=intro,difficulty,cefr_level",
            [(f"{typed}&fields=intro,difficulty,cefr_level&limit=20", {})],
        ),
        Row(
            "child_of",
            "child_of a subcategory",
            [(f"pages/?child_of={pk}", {}) for pk in subcategories],
        ),
        Row(
            "search",
            f"search '{SEARCH_WORD}' limit=20",
            [(f"{typed}&search={SEARCH_WORD}&limit=20", {})],
        ),
        Row(
            "search_new",
            f"search '{SEARCH_WORD} <new word>' (or)",
            # A query no process has ranked yet, each time: the first page of a search.
            [
                (f"{typed}&search={SEARCH_WORD}+w{number}&search_operator=or&limit=20", {})
                for number in range(NEW_SEARCHES)
            ],
            targets=("stock", "uncached"),
            new_each_time=True,
        ),
        Row(
            "conditional",
            "lesson detail, If-None-Match (304)",
            [(f"pages/{pk}/", {"If-None-Match": etags[f"pages/{pk}/"]}) for pk in lessons],
            expected=frozenset({304}),
        ),
        Row(
            "member",
            "member's lesson detail (JWT)",
            [(f"pages/{pk}/", bearer) for pk in curriculum.members_lesson_ids],
        ),
    ]


def write_requests(row: Row, target: str, scratch: Path) -> Path:
    path = scratch / f"{row.key}-{target}.tsv"
    lines = []
    for url, headers in row.requests:
        parts = [api_prefix(target) + url, *(f"{name}: {value}" for name, value in headers.items())]
        lines.append("\t".join(parts))
    path.write_text("\n".join(lines) + "\n")
    return path


def drain(base: str) -> None:
    """Wait until the server has answered what a finished run left queued: sync workers still
    serve the requests wrk gave up on, and the next run must not wait behind them."""
    for _ in range(2):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{base}/healthz", timeout=300).read()  # noqa: S310


def wrk_run(wrk: str, base: str, requests_file: Path, args, cpu_pids: list[int]) -> Run:
    before = cpu_ticks(cpu_pids)
    completed = subprocess.run(  # noqa: S603
        [
            wrk,
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--timeout=10s",
            f"-s{WRK_SCRIPT}",
            base,
            "--",
            str(requests_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    after = cpu_ticks(cpu_pids)
    drain(base)
    line = next(
        (line for line in completed.stdout.splitlines() if line.startswith("BENCH_JSON ")), None
    )
    if line is None:
        sys.exit(f"wrk printed no result:\n{completed.stdout}\n{completed.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    requests = max(1, data["requests"])
    return Run(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        statuses=data["statuses"],
        socket_errors=data["socket_errors"],
        cpu_ms=cpu_seconds_between(before, after) * 1000 / requests,
    )


def count_queries(
    warming: str, path: str, headers: dict[str, str], cached: bool
) -> tuple[int, int]:
    """(status, queries) of `path` in-process, after a warming request to `warming`."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    with override_settings(CONTENT_API_CACHE=cached):
        client.get(warming, **extra)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **extra)
    return response.status_code, len(queries.captured_queries)


# --- reporting ---------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(result: Result) -> dict:
    runs = result.runs
    statuses: dict[str, int] = {}
    for run in runs:
        for status, count in run.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    expected = result.row.stock_expected if result.target == "stock" else result.row.expected
    cpu = [run.cpu_ms for run in runs if run.cpu_ms is not None]
    return {
        "row": result.row.key,
        "label": result.row.label,
        "target": result.target,
        "rps": round(median([run.rps for run in runs]), 1),
        "rps_runs": [round(run.rps, 1) for run in runs],
        "p50_ms": round(median([run.p50_ms for run in runs]), 2),
        "p99_ms": round(median([run.p99_ms for run in runs]), 2),
        "requests": sum(run.requests for run in runs),
        "statuses": statuses,
        "unexpected": sum(c for s, c in statuses.items() if int(s) not in expected),
        "socket_errors": sum(sum(run.socket_errors.values()) for run in runs),
        "queries": result.queries,
        "cpu_ms_per_request": round(median(cpu), 2) if cpu else None,
    }


def print_table(summaries: list[dict], ceiling: dict) -> None:
    header = (
        f"{'request':<42} {'server':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'bad':>4} "
        f"{'queries':>7} {'CPU ms':>7} {'×stock':>7} {'×ceiling':>8}"
    )
    say("")
    say(header)
    say("-" * len(header))

    def line(label, summary):
        ratio_stock = "" if summary["ratio_stock"] is None else f"{summary['ratio_stock']:.2f}"
        ratio_ceiling = (
            "" if summary["ratio_ceiling"] is None else f"{summary['ratio_ceiling']:.2f}"
        )
        queries = "" if summary["queries"] is None else summary["queries"]
        cpu = "" if summary["cpu_ms_per_request"] is None else summary["cpu_ms_per_request"]
        bad = summary["unexpected"] + summary["socket_errors"]
        say(
            f"{label:<42} {summary['target']:<9} {summary['rps']:>8.0f} {summary['p50_ms']:>8.1f} "
            f"{summary['p99_ms']:>8.1f} {bad:>4} {queries:>7} {cpu:>7} {ratio_stock:>7} "
            f"{ratio_ceiling:>8}"
        )

    line("trivial view (ceiling)", ceiling)
    by_row: dict[str, dict[str, dict]] = {}
    for summary in summaries:
        by_row.setdefault(summary["row"], {})[summary["target"]] = summary
    for targets in by_row.values():
        for index, target in enumerate(("stock", "uncached", "cached")):
            if target in targets:
                line(targets[target]["label"] if index == 0 else "", targets[target])
    say("")
    say(
        "bad: responses other than the expected 2xx (304 for If-None-Match) plus socket errors; "
        "queries: per request, in-process (cached: a hit); CPU ms: gunicorn workers + "
        "PostgreSQL + Redis per request; req/s, p50, p99, CPU: medians over the rounds; ×stock, "
        "×ceiling: medians over the rounds of the req/s ratio to the stock run and to the ceiling "
        "run of the same row and round (its neighbours)."
    )


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lessons", type=int, default=5000, help="lessons to build (5000)")
    parser.add_argument("--duration", type=float, default=4, help="seconds per wrk run (4)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every row (3)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections (64)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--rows", default="", help="comma-separated row keys (all)")
    parser.add_argument("--keep-db", action="store_true", help="keep the bench database")
    parser.add_argument(
        "--reuse-db", action="store_true", help="reuse a kept bench database of this size"
    )
    args = parser.parse_args()
    args.duration = max(1, round(args.duration))

    wrk = ensure_wrk()
    source_url = os.environ.get("DATABASE_URL", "")
    database_name = f"toto_bench_{args.lessons}"
    env = bench_environment(database_url_for(source_url, database_name))
    os.environ.update(env)
    reused = prepare_database(source_url, database_name, args.reuse_db)

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    say(
        f"Toto bench: {args.lessons:,} lessons, {args.workers} gunicorn sync workers per "
        f"server, wrk {args.connections} connections, {args.rounds} round(s) of "
        f"{args.duration} s runs, {os.cpu_count()} CPUs"
    )
    scratch = Path(tempfile.mkdtemp(prefix="toto-bench-"))
    servers: list[Server] = []
    try:
        curriculum = load(args, reused, call_command)
        cache.clear()
        say("Starting gunicorn: Toto cached and uncached (both also serve stock Wagtail)")
        servers = [
            start_server(
                "cached", {**os.environ, "CONTENT_API_CACHE": "True"}, args.workers, scratch
            ),
            start_server(
                "uncached", {**os.environ, "CONTENT_API_CACHE": "False"}, args.workers, scratch
            ),
        ]
        by_name = {server.name: server for server in servers}
        token = member_token()
        etags = fetch_etags(by_name["cached"], curriculum)
        rows = build_rows(curriculum, token, etags)
        if args.rows:
            wanted = set(args.rows.split(","))
            rows = [row for row in rows if row.key in wanted]
        summaries, ceiling = measure(wrk, args, rows, by_name, scratch, database_name)
        print_table(summaries, ceiling)
        write_results(args, summaries, ceiling)
        bad = sum(s["unexpected"] + s["socket_errors"] for s in [*summaries, ceiling])
        if bad:
            say(f"FAILED: {bad} unexpected responses or socket errors")
            sys.exit(1)
    finally:
        for server in servers:
            server.stop()
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            drop_database(source_url, database_name)
        shutil.rmtree(scratch, ignore_errors=True)


def load(args, reused: bool, call_command):
    from wagtail.models import Page

    from lessons.models import LessonPage
    from scripts.bench_data import MEMBERS_CATEGORY, Curriculum, build_curriculum

    if reused:
        say(f"Reusing the kept database toto_bench_{args.lessons}")
        home = Page.objects.get(depth=2)
        categories = list(home.get_children().order_by("path"))
        members = next(page for page in categories if page.title == MEMBERS_CATEGORY)
        subcategories = list(Page.objects.filter(depth=4).order_by("path"))
        member_lessons = LessonPage.objects.descendant_of(members)
        return Curriculum(
            home=home,
            categories=categories,
            subcategories=[p for p in subcategories if not p.is_descendant_of(members)]
            + [p for p in subcategories if p.is_descendant_of(members)],
            lesson_ids=list(
                LessonPage.objects.exclude(pk__in=member_lessons.values("pk")).values_list(
                    "pk", flat=True
                )
            ),
            members_lesson_ids=list(member_lessons.values_list("pk", flat=True)),
        )
    say("Migrating the bench database")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    progress(f"migrated in {time.perf_counter() - started:.0f} s")
    ensure_bucket()
    say(f"Loading {args.lessons:,} lessons")
    global _started
    _started = time.monotonic()
    return build_curriculum(args.lessons, progress=progress)


def ensure_bucket() -> None:
    from django.conf import settings

    storage = settings.STORAGES["default"]
    if storage["BACKEND"] != "storages.backends.s3.S3Storage":
        return
    import boto3

    options = storage["OPTIONS"]
    s3 = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"] or "us-east-1",
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    existing = {bucket["Name"] for bucket in s3.list_buckets().get("Buckets", [])}
    if options["bucket_name"] not in existing:
        s3.create_bucket(Bucket=options["bucket_name"])


def member_token() -> str:
    from members.models import SignInSession, User
    from members.tokens import token_pair_issue

    user, _ = User.objects.get_or_create(email="bench-member@example.com")
    session = SignInSession.objects.create(user=user)
    return str(token_pair_issue(user=user, sign_in_session=session).access_token)


def fetch_etags(server: Server, curriculum) -> dict[str, str]:
    """The ETag of every sampled lesson detail (for the If-None-Match row)."""
    etags = {}
    for pk in sample_lessons(curriculum):
        path = f"pages/{pk}/"
        try:
            url = f"{server.base}/api/v2/{path}"
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                etags[path] = response.headers.get("ETag") or '"none"'
        except urllib.error.HTTPError as error:
            sys.exit(f"GET /api/v2/{path} answered {error.code}")
    return etags


def warm(server: Server, row: Row, target: str) -> None:
    requests = row.requests[:2] if row.new_each_time else row.requests
    for number, (url, headers) in enumerate(requests):
        # Each of the workers fills its own process caches.
        for _ in range(4 if number == 0 else 1):
            request = urllib.request.Request(  # noqa: S310
                server.base + api_prefix(target) + url, headers=headers
            )
            # A 304 raises; wrong statuses are counted in the runs.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(request, timeout=60).read()  # noqa: S310


def measure(wrk, args, rows, servers, scratch, database_name):
    ceiling_row = Row("ceiling", "trivial view (ceiling)", [("bench/trivial/", APP_HEADERS)])
    ceiling = Result(ceiling_row, "cached")
    results = {(row.key, target): Result(row, target) for row in rows for target in row.targets}
    # The ceiling run next to each row's runs, per row and round: each ×ceiling is of neighbours.
    ceilings_of: dict[str, list[Run]] = {row.key: [] for row in rows}
    server_of = {
        "stock": servers["uncached"],
        "uncached": servers["uncached"],
        "cached": servers["cached"],
    }

    say("Counting queries per request (in-process, same database)")
    for (key, target), result in results.items():
        row = result.row
        url, headers = row.requests[0]
        counted = row.requests[-1][0] if row.new_each_time else url
        status, result.queries = count_queries(
            api_prefix(target) + url, api_prefix(target) + counted, headers, target == "cached"
        )
        expected = row.stock_expected if target == "stock" else row.expected
        if status not in expected and not (key == "conditional" and status == 200):
            sys.exit(f"{api_prefix(target)}{url} answered {status}")
    say("Warming up every request on its server")
    for result in results.values():
        warm(server_of[result.target], result.row, result.target)
    warm(servers["cached"], ceiling_row, "cached")

    files = {
        key: write_requests(result.row, result.target, scratch) for key, result in results.items()
    }
    ceiling_file = scratch / "ceiling.tsv"
    ceiling_file.write_text("/api/bench/trivial/\n")
    runs_total = args.rounds * sum(1 + len(row.targets) for row in rows)
    done = 0
    for round_number in range(args.rounds):
        for row in rows:
            # The ceiling and the row's servers, in an order rotated each round.
            order = [None, *row.targets]
            shift = round_number % len(order)
            for target in order[shift:] + order[:shift]:
                server = servers["cached"] if target is None else server_of[target]
                cpu_pids = server.worker_pids() + service_pids(database_name)
                if target is None:
                    run = wrk_run(wrk, server.base, ceiling_file, args, cpu_pids)
                    ceiling.runs.append(run)
                    ceilings_of[row.key].append(run)
                    label = f"trivial view (ceiling), next to {row.key}"
                else:
                    run = wrk_run(wrk, server.base, files[(row.key, target)], args, cpu_pids)
                    results[(row.key, target)].runs.append(run)
                    label = f"{row.label} · {target}"
                done += 1
                bad = sum(
                    count
                    for status, count in run.statuses.items()
                    if not (200 <= int(status) < 300 or (target and row.key == "conditional"))
                )
                say(
                    f"  [{done:>3}/{runs_total}] round {round_number + 1}: {label:<52} "
                    f"{run.rps:>8.0f} req/s  p50 {run.p50_ms:6.1f} ms"
                    + (f"  ({bad} unexpected)" if bad else "")
                )
    summaries = []
    for (key, target), result in results.items():
        summary = summarise(result)
        stock = results.get((key, "stock"))
        summary["ratio_stock"] = (
            None if target == "stock" or stock is None else paired_ratio(result.runs, stock.runs)
        )
        summary["ratio_ceiling"] = paired_ratio(result.runs, ceilings_of[key])
        summaries.append(summary)
    ceiling_summary = summarise(ceiling)
    ceiling_summary["ratio_stock"] = None
    ceiling_summary["ratio_ceiling"] = 1.0
    return summaries, ceiling_summary


def paired_ratio(runs: list[Run], others: list[Run]) -> float | None:
    """The median over rounds of the req/s ratio of each run to its neighbour of the same round:
    a drift of the machine between rounds falls on both sides of each ratio."""
    ratios = [run.rps / other.rps for run, other in zip(runs, others, strict=True) if other.rps]
    return round(median(ratios), 2) if ratios else None


def write_results(args, summaries: list[dict], ceiling: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        commit = ""
    document = {
        "when": stamp,
        "commit": commit,
        "lessons": args.lessons,
        "settings": {
            "workers": args.workers,
            "connections": args.connections,
            "threads": args.threads,
            "duration_s": args.duration,
            "rounds": args.rounds,
            "cpus": os.cpu_count(),
        },
        "ceiling": ceiling,
        "rows": summaries,
    }
    path = RESULTS / f"{stamp}-{args.lessons}.json"
    path.write_text(json.dumps(document, indent=2) + "\n")
    (RESULTS / f"latest-{args.lessons}.json").write_text(json.dumps(document, indent=2) + "\n")
    say(f"Results: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
