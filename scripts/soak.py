"""`make soak`: many learners at once against gunicorn on PostgreSQL, Redis and S3.

64 connections (one learner each) for 60 s of mixed reads and writes: lesson lists and lessons
(content API), exercise attempts, progress, likes, comments and their list. Then it checks that
nothing was lost (the attempts and comments in the database are exactly the 201s the learners
were given) and prints throughput, p50/p99 latency and every error. It exits non-zero on any
error or lost write.

It runs under scripts/with-services.sh (fresh services, stopped afterwards): it migrates that
database, adds a small curriculum and the learners, starts its own gunicorn on a free loopback
port as the image does (production settings, 2 workers x 4 threads), and stops it at the end.
Traffic goes to 127.0.0.1 only; the run is bounded by --seconds.

    scripts/with-services.sh .venv/bin/python scripts/soak.py [--seconds 60] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# Comments are limited to 10 a minute per member (a write throttle): stay under it.
COMMENTS_PER_MINUTE = 6


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not os.environ.get(name):
            sys.exit(f"{name} is not set: run through scripts/with-services.sh (make soak)")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "toto_site.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "LOG_LEVEL": "WARNING",
    }


# Run by `manage.py shell` in the soak's database: a small published curriculum and learners.
FIXTURES_SCRIPT = """
import json, uuid
from allauth.account.models import EmailAddress
from wagtail.models import Site
from lessons.models import CategoryPage, LessonPage, SubcategoryPage
from members.models import SignInSession, User
from members.tokens import token_pair_issue

def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page

home = Site.objects.get(is_default_site=True).root_page.specific
category = publish(home, CategoryPage(title="Soak", slug="soak", intro="Soak test."))
section = publish(category, SubcategoryPage(title="Tenses", slug="soak-tenses", intro="Tenses."))
lessons = []
for n in range(8):
    block_id = str(uuid.uuid4())
    body = [
        {"type": "paragraph", "value": "<p>She drinks coffee every morning.</p>"},
        {"type": "multiple_choice", "id": block_id, "value": {
            "question": "She ___ coffee every morning.",
            "options": [{"text": "drink", "is_correct": False},
                        {"text": "drinks", "is_correct": True},
                        {"text": "drinking", "is_correct": False}],
            "allow_multiple": False, "explanation": "Third person singular takes -s."}},
    ]
    lesson = publish(section, LessonPage(
        title=f"Soak lesson {n}", slug=f"soak-lesson-{n}", intro="Present simple.",
        difficulty="beginner", cefr_level="A1", estimated_duration=5, body=json.dumps(body)))
    lessons.append({"id": lesson.pk, "block_id": block_id, "answers": [[0], [1], [2]]})
tokens, learner_ids = [], []
for n in range(LEARNERS):
    user = User.objects.create_user(email=f"soak{n}@example.com", password=None,
                                    first_name=f"Soak{n}", last_name="Learner")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    session = SignInSession.objects.create(user=user)
    tokens.append(str(token_pair_issue(user=user, sign_in_session=session).access_token))
    learner_ids.append(user.pk)
print("SOAK" + json.dumps({"lessons": lessons, "tokens": tokens, "learner_ids": learner_ids}))
"""


def bucket_ensure() -> None:
    """The media bucket of a fresh S3 server (moto) must exist before anything is uploaded."""
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL"),
        region_name=os.environ.get("AWS_S3_REGION_NAME") or "us-east-1",
    )
    if bucket not in {found["Name"] for found in s3.list_buckets().get("Buckets", [])}:
        s3.create_bucket(Bucket=bucket)


def prepare(env: dict[str, str], learners: int) -> dict:
    """Migrate, then add a category, a subcategory and lessons with exercises, and learners
    with access tokens (in a child process: this one stays free of Django)."""
    bucket_ensure()
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    script = FIXTURES_SCRIPT.replace("LEARNERS", str(learners))
    output = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.split("SOAK", 1)[1])


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_kind: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    attempts: set[int] = field(default_factory=set)
    comments: set[int] = field(default_factory=set)


async def learner(
    client: httpx.AsyncClient,
    token: str,
    fixtures: dict,
    deadline: float,
    tally: Tally,
    rng: random.Random,
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    lessons = fixtures["lessons"]
    comment_gap = 60 / COMMENTS_PER_MINUTE
    next_comment = time.monotonic() + rng.uniform(0, comment_gap)
    liked: set[int] = set()

    async def call(kind: str, method: str, path: str, expected: tuple[int, ...], **kwargs):
        started = time.monotonic()
        try:
            response = await client.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            tally.errors.append(f"{kind}: {error!r}")
            return None
        tally.latencies.append(time.monotonic() - started)
        tally.by_kind[kind] += 1
        if response.status_code not in expected:
            tally.errors.append(f"{kind}: {response.status_code} {response.text[:200]}")
            return None
        return response

    while time.monotonic() < deadline:
        lesson = rng.choice(lessons)
        roll = rng.random()
        if time.monotonic() >= next_comment:
            next_comment += comment_gap
            response = await call(
                "comment",
                "POST",
                f"/api/v1/lessons/{lesson['id']}/comments/",
                (201,),
                json={"text": f"Soak comment {rng.random():.6f}"},
                headers=headers,
            )
            if response is not None:
                tally.comments.add(response.json()["id"])
        elif roll < 0.30:
            await call("lesson", "GET", f"/api/v2/pages/{lesson['id']}/", (200,))
        elif roll < 0.40:
            await call(
                "lesson list",
                "GET",
                "/api/v2/pages/?type=lessons.LessonPage&fields=intro,difficulty&limit=20",
                (200,),
            )
        elif roll < 0.65:
            response = await call(
                "attempt",
                "POST",
                f"/api/v1/lessons/{lesson['id']}/attempts/",
                (201,),
                json={"block_id": lesson["block_id"], "answer": rng.choice(lesson["answers"])},
                headers=headers,
            )
            if response is not None:
                tally.attempts.add(response.json()["id"])
        elif roll < 0.78:
            await call(
                "progress",
                "PUT",
                f"/api/v1/lessons/{lesson['id']}/progress/",
                (200, 201),
                json={"status": rng.choice(["started", "completed"])},
                headers=headers,
            )
        elif roll < 0.88:
            if lesson["id"] in liked:
                liked.discard(lesson["id"])
                await call(
                    "like",
                    "DELETE",
                    f"/api/v1/lessons/{lesson['id']}/like/",
                    (200, 204),
                    headers=headers,
                )
            else:
                liked.add(lesson["id"])
                await call(
                    "like",
                    "POST",
                    f"/api/v1/lessons/{lesson['id']}/like/",
                    (200, 201),
                    headers=headers,
                )
        else:
            await call(
                "comment list",
                "GET",
                f"/api/v1/lessons/{lesson['id']}/comments/",
                (200,),
                headers=headers,
            )


async def soak(base_url: str, fixtures: dict, seconds: float, connections: int) -> Tally:
    tally = Tally()
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        deadline = time.monotonic() + seconds
        await asyncio.gather(
            *(
                learner(client, token, fixtures, deadline, tally, random.Random(index))  # noqa: S311
                for index, token in enumerate(fixtures["tokens"][:connections])
            )
        )
    return tally


def stored_counts(env: dict[str, str], fixtures: dict) -> dict:
    script = f"""
import json
from lessons.models import Comment, ExerciseAttempt
learners = {fixtures["learner_ids"]!r}
attempts = ExerciseAttempt.objects.filter(learner_id__in=learners)
comments = Comment.objects.filter(author_id__in=learners)
print("SOAK" + json.dumps({{
    "attempts": sorted(attempts.values_list("pk", flat=True)),
    "comments": sorted(comments.values_list("pk", flat=True)),
}}))
"""
    output = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.split("SOAK", 1)[1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()

    env = server_env()
    print(f"soak: preparing the database ({args.connections} learners)", flush=True)
    fixtures = prepare(env, args.connections)
    port = free_port()
    log_path = Path(tempfile.gettempdir()) / f"toto-soak-gunicorn-{port}.log"
    log = log_path.open("wb")
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "toto_site.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            # Longer than the client keeps an idle connection (httpx: 5 s), so the server never
            # closes one the client is about to reuse.
            "--keep-alive",
            "10",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        else:
            print(f"soak: gunicorn did not become ready (see {log_path})")
            return 1
        print(
            f"soak: {args.connections} connections for {args.seconds:.0f} s against "
            f"gunicorn (2 workers x 4 threads) on {base_url}",
            flush=True,
        )
        started = time.monotonic()
        tally = asyncio.run(soak(base_url, fixtures, args.seconds, args.connections))
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    stored = stored_counts(env, fixtures)
    lost_attempts = tally.attempts - set(stored["attempts"])
    lost_comments = tally.comments - set(stored["comments"])
    requests = len(tally.latencies)
    print(f"requests: {requests} in {elapsed:.1f} s = {requests / elapsed:.0f} req/s")
    print("by kind:  " + ", ".join(f"{kind} {n}" for kind, n in sorted(tally.by_kind.items())))
    if tally.latencies:
        print(
            f"latency:  p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(tally.latencies, 0.99) * 1000:.0f} ms, "
            f"mean {statistics.fmean(tally.latencies) * 1000:.0f} ms"
        )
    print(f"errors:   {len(tally.errors)}")
    for error in tally.errors[:20]:
        print(f"  {error}")
    print(
        f"writes:   attempts {len(stored['attempts'])} rows / {len(tally.attempts)} acknowledged, "
        f"comments {len(stored['comments'])} rows / {len(tally.comments)} acknowledged"
    )
    ok = (
        not tally.errors
        and not lost_attempts
        and not lost_comments
        and len(stored["attempts"]) == len(tally.attempts)
        and len(stored["comments"]) == len(tally.comments)
    )
    print("soak: OK" if ok else "soak: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
