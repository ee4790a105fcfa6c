"""End-to-end tests: editors' journeys in a real browser against a live Toto.

Debian's Chromium (`/usr/bin/chromium`; Playwright's own browser download is not used) is driven
by Playwright's Python API against pytest-django's live server, on the real PostgreSQL, Redis
and S3 that `scripts/test.sh` starts. `make e2e` installs Chromium when it is missing and runs
them (each module is marked `e2e`; `make test` deselects that marker).

Every page a test opens is watched: a console error, an uncaught script error, a failed
request, an answer of 400 or more, or any request to a host other than this machine fails the
test. Screenshots of each step go to `E2E_SCREENSHOTS` (default /tmp/toto-e2e-screenshots).
"""

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest

# Playwright's sync API keeps an event loop running in the test's thread; Django refuses ORM
# calls from such a thread unless told they are safe (they are: plain synchronous code).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# The live server on 127.0.0.1 (in ALLOWED_HOSTS), the only host pages may talk to.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/toto-e2e-screenshots"))
PASSWORD = "a-Strong-passphrase-42"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


# One browser per test (about a second to start): Playwright's event loop must not outlive the
# test, or Django's per-context connections would miss the database restored between tests.
@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: `make e2e` installs Debian's package "
            "(apt-get install -y chromium), or point E2E_CHROMIUM at one."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def public_media(real_services):
    """Lesson images are public, as in production (README: a public-read bucket policy)."""
    from django.conf import settings

    if not settings.AWS_STORAGE_BUCKET_NAME:
        return
    options = settings.STORAGES["default"]["OPTIONS"]
    s3 = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"] or "us-east-1",
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    bucket = settings.AWS_STORAGE_BUCKET_NAME
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": [f"arn:aws:s3:::{bucket}/images/*", f"arn:aws:s3:::{bucket}/original_images/*"],
    }
    s3.put_bucket_policy(
        Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    )


@pytest.fixture(autouse=True)
def toto_at_the_live_server(live_server, settings):
    """Toto as configured for this address, with no learner app: page URLs show Toto's own
    rendering (so "View live" stays on this machine)."""
    from wagtail.models import Site

    from home.sites import site_sync

    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.WAGTAILAPI_BASE_URL = live_server.url
    settings.APP_URL = ""
    settings.APP_PREVIEW_URL = ""
    site_sync(Site, base_url=live_server.url)
    Site.clear_site_root_paths_cache()


class BrowserWatch:
    """Everything a page did wrong, collected while a test runs."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.allowed: list[re.Pattern] = []

    def allow(self, pattern: str) -> None:
        """A problem the test itself provokes (matched against its description)."""
        self.allowed.append(re.compile(pattern))

    def add(self, problem: str) -> None:
        if not any(pattern.search(problem) for pattern in self.allowed):
            self.problems.append(problem)

    def attach(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.add(f"console on {message.location.get('url')}: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: self.add(f"script error on {page.url}: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.add(f"failed: {request.url} ({request.failure})"),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.add(f"HTTP {response.status}: {response.url}")
            ),
        )
        page.on("request", self._check_host)

    def _check_host(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname not in LOCAL_HOSTS:
            self.add(f"outside host: {request.url}")


@pytest.fixture
def watch() -> BrowserWatch:
    return BrowserWatch()


@pytest.fixture
def new_page(browser, watch, request) -> Iterator:
    """`new_page(width=1400, height=1000)`: a page in a fresh browser context (its own
    cookies: one signed-in person), watched. All are checked when the test ends."""
    contexts = []

    def make(width: int = 1400, height: int = 1000):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        watch.attach(page)
        context.on("page", watch.attach)  # tabs it opens (Preview in a new tab)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.fixture
def shot(request):
    """`shot(page, "step")`: a screenshot in E2E_SCREENSHOTS/<test>-<n>-<step>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def take(page, step: str, *, full_page: bool = False) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
