"""The admins work under their Content-Security-Policy, checked in a real browser.

Debian's Chromium, driven by Playwright, signs in to Wagtail's admin, opens a lesson in the
editor, uploads an image (shown from S3 afterwards) and opens Django's admin; not one request
or script may be refused by the policy (the browser reports each refusal on its console).
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from tests.conftest import png_bytes
from tests.lessons import builders

# `make test` names the Chromium it installed (E2E_CHROMIUM): then the test never skips.
CHROMIUM = os.environ.get("E2E_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "a-Strong-passphrase-42"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and "E2E_CHROMIUM" not in os.environ,
        reason="needs Debian's chromium (`make test` installs it)",
    ),
]

# Every refusal also fires `securitypolicyviolation`: report it on the console too.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser_page(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM
    # calls are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page()
        page.add_init_script(REPORT_VIOLATIONS)
        page.violations = []
        page.on(
            "console",
            lambda message: (
                page.violations.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text or "CSP violation" in message.text
                else None
            ),
        )
        yield page
        browser.close()


@pytest.fixture
def admin_user(make_member):
    from members.models import User

    return User.objects.create_superuser(email="admin@example.com", password=PASSWORD)


def open_admin_page(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, url
    page.wait_for_load_state("networkidle")


def test_wagtail_and_django_admins_run_without_a_csp_violation(
    live_server, browser_page, admin_user, home_page, tmp_path
):
    page = browser_page
    _grammar, tenses = builders.lesson_tree(home_page)
    image = get_image_model().objects.create(
        title="Cover", file=ImageFile(io.BytesIO(png_bytes(320, 180)), name="cover.png")
    )
    lesson = builders.lesson(tenses, "Present simple", cover_image=image)

    open_admin_page(page, f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", admin_user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")

    open_admin_page(page, f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    open_admin_page(page, f"{live_server.url}/admin/images/multiple/add/")
    upload = tmp_path / "upload.png"
    upload.write_bytes(png_bytes(400, 300))
    page.set_input_files("input[type=file]", str(upload))
    page.wait_for_selector(".upload-success, .status-msg.success, form.edit-form", timeout=30_000)
    page.wait_for_load_state("networkidle")
    open_admin_page(page, f"{live_server.url}/admin/images/")
    assert get_image_model().objects.count() == 2

    open_admin_page(page, f"{live_server.url}/django-admin/")
    open_admin_page(page, f"{live_server.url}/django-admin/members/user/")
    open_admin_page(page, f"{live_server.url}/django-admin/members/user/{admin_user.pk}/change/")

    assert page.violations == [], "\n".join(page.violations)
