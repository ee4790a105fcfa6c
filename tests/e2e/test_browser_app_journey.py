"""A browser app uses Toto end to end, with nothing but its JWTs; a teacher reviews its voice
answer in the admin and the learner reads the review.

The "app" is a page served from http://localhost:3000 (the origin a web app's dev server has)
while Toto is pytest-django's live server on 127.0.0.1:<port>: every call is cross-origin, so
Chromium sends real CORS preflights and reads an answer only when Toto's CORS headers allow it.
The app's calls are `fetch()`es run on that page, as an app makes them: `credentials: "omit"`
(no cookie ever), the JWT pair kept in JavaScript variables, the session token only while the
sign-up waits for its code. The one thing read outside the browser is the code mailed to the
learner (Django's locmem outbox: the network edge).
"""

import base64
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core import mail
from django.core.signals import request_started
from playwright.sync_api import expect

from lessons.blocks import exercise_blocks
from lessons.models.learning import ExerciseAttempt
from members.models import Role
from tests.e2e.conftest import sign_in
from tests.lessons import builders
from tests.lessons.conftest import EXERCISES, exercise_body

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

APP_ORIGIN = "http://localhost:3000"
APP_PORT = 3000
RECORDING = Path(__file__).parents[1] / "lessons" / "recordings" / "chrome-mediarecorder.webm"
LEARNER_EMAIL = "lea@example.com"
LEARNER_PASSWORD = "Lea-learns-English-2026"
REVIEW = "Clear and natural. Stress SEV-en, not se-VEN."

# The app: a call helper and a log of what it did (what the screenshots show). Tokens live in
# `app` only; `TOTO` is the live server's URL.
APP_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Toto browser app</title>
<link rel="icon" href="data:,">
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem; max-width: 60rem; }
  #who { font-weight: bold; }
  li { margin: .2rem 0; }
  li.bad { color: #b00020; }
  li.wait { color: #8a5a00; }
  li.ok { color: #0a6e31; }
  code { font-size: 13px; }
</style>
</head>
<body>
<h1>Toto browser app <small>(http://localhost:3000)</small></h1>
<p id="who">Signed out</p>
<ol id="log"></ol>
<script>
const TOTO = "__TOTO__";
const app = { access: null, refresh: null, session: null, email: null };

async function call(method, path, { json, form, session, token = true } = {}) {
  const headers = { Accept: "application/json" };
  if (token && app.access) headers.Authorization = `Bearer ${app.access}`;
  if (session) headers["X-Session-Token"] = session;
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  if (form !== undefined) body = form;
  const response = await fetch(TOTO + path, {
    method, headers, body, mode: "cors", credentials: "omit", cache: "no-store",
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function keep(tokens) {
  app.access = tokens.access_token;
  app.refresh = tokens.refresh_token;
  app.session = null;  // the JWT pair is all the app keeps once signed in
  document.getElementById("who").textContent = `Signed in as ${app.email} (JWT pair only)`;
}

function forget() {
  app.access = app.refresh = app.session = null;
  document.getElementById("who").textContent = "Signed out";
}

function log(text, kind = "ok") {
  const item = document.createElement("li");
  item.className = kind;
  item.textContent = text;
  document.getElementById("log").append(item);
}

function blobOf(base64, type) {
  return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type });
}

window.app = app;
window.call = call;
window.keep = keep;
window.forget = forget;
window.log = log;
window.blobOf = blobOf;
</script>
</body>
</html>
"""

SIGN_UP = """async ({ email, password }) => {
  app.email = email;
  const { status, body } = await call("POST", "/_allauth/app/v1/auth/signup",
                                      { json: { email, password } });
  app.session = body.meta.session_token;
  log(`Signed up: ${status}, waiting for the code mailed to ${email}`, "wait");
  return { status, flows: body.data.flows, has_session_token: Boolean(app.session) };
}"""

VERIFY = """async (key) => {
  const { status, body } = await call("POST", "/_allauth/app/v1/auth/email/verify",
                                      { json: { key }, session: app.session });
  if (status === 200) keep(body.meta);
  log(`Email verified with the code: ${status}`);
  const me = await call("GET", "/api/v1/me/");
  return { status, is_authenticated: body.meta.is_authenticated, me: me.body,
           me_status: me.status, pair: Boolean(app.access && app.refresh) };
}"""

SIGN_IN = """async ({ email, password }) => {
  app.email = email;
  const { status, body } = await call("POST", "/_allauth/app/v1/auth/login",
                                      { json: { email, password } });
  if (status === 200) keep(body.meta);
  log(`Signed in with email and password: ${status}`);
  return { status, pair: Boolean(app.access && app.refresh), expires_in: body.meta.expires_in };
}"""

READ_LESSONS = """async () => {
  const pages = "/api/v2/pages/";
  const categories = await call("GET", `${pages}?type=lessons.CategoryPage&fields=title`);
  const grammar = categories.body.items.find((page) => page.title === "Grammar");
  const sections = await call(
    "GET", `${pages}?type=lessons.SubcategoryPage&child_of=${grammar.id}&fields=title`);
  const tenses = sections.body.items.find((page) => page.title === "Tenses");
  const lessons = await call(
    "GET", `${pages}?type=lessons.LessonPage&child_of=${tenses.id}&fields=title,intro,difficulty`);
  const listed = lessons.body.items[0];
  const detail = await call("GET", `${pages}${listed.id}/`);
  log(`Read ${grammar.title} → ${tenses.title} → "${detail.body.title}": `
      + detail.body.body.map((block) => block.type).join(", "));
  return {
    statuses: [categories.status, sections.status, lessons.status, detail.status],
    listed: lessons.body.items.map((page) => [page.id, page.title, page.difficulty]),
    lesson: detail.body,
  };
}"""

REFRESH = """async () => {
  const before = app.access;
  const { status, body } = await call("POST", "/_allauth/app/v1/tokens/refresh",
                                      { json: { refresh_token: app.refresh }, token: false });
  if (status === 200) keep(body.data);
  log(`Tokens refreshed: ${status}`);
  return { status, rotated: app.access !== before };
}"""

UPLOAD = """async (base64) => {
  const form = new FormData();
  form.append("audio", blobOf(base64, "audio/webm;codecs=opus"), "answer.webm");
  const { status, body } = await call("POST", "/api/v1/me/recordings/", { form });
  log(`Recording uploaded: ${status}, ${body.duration} s of ${body.content_type}`);
  return { status, recording: body };
}"""

ANSWER = """async ({ lesson, answers }) => {
  const results = [];
  for (const [block_id, answer] of answers) {
    const { status, body } = await call("POST", `/api/v1/lessons/${lesson}/attempts/`,
                                        { json: { block_id, answer } });
    log(`${body.block_type} ${block_id}: ${status} ${body.status}, score ${body.score}, `
        + `feedback ${JSON.stringify(body.feedback)}`, body.correct === false ? "bad"
        : body.correct === null ? "wait" : "ok");
    results.push({ status, attempt: body });
  }
  return results;
}"""

STATS = """async () => {
  const { status, body } = await call("GET", "/api/v1/me/stats/");
  log(`Stats: ${body.xp} XP`);
  return { status, stats: body };
}"""

LOG_OUT = """async () => {
  const { status, body } = await call("DELETE", "/_allauth/app/v1/auth/session");
  log(`Logged out with the access token only: ${status}`, "wait");
  return { status, is_authenticated: body.meta.is_authenticated };
}"""

AFTER_LOG_OUT = """async () => {
  const me = await call("GET", "/api/v1/me/");
  const session = await call("GET", "/_allauth/app/v1/auth/session");
  const refreshed = await call("POST", "/_allauth/app/v1/tokens/refresh",
                               { json: { refresh_token: app.refresh }, token: false });
  log(`The old pair after logging out: me ${me.status}, session ${session.status}, `
      + `refresh ${refreshed.status}`, "wait");
  forget();
  return { me, session, refreshed };
}"""

READ_ATTEMPTS = """async (lesson) => {
  const { status, body } = await call("GET", `/api/v1/me/attempts/?lesson=${lesson}&limit=100`);
  const voice = body.items.find((attempt) => attempt.block_type === "voice_response");
  log(`The teacher's review: score ${voice.score}, "${voice.feedback.comment}", `
      + `${voice.xp_awarded} XP`);
  return { status, attempts: body };
}"""


@pytest.fixture
def app_url(live_server, settings):
    """The app's page at http://localhost:3000/, Toto allowing that origin (the test settings
    allow none; development's defaults include it)."""
    settings.CORS_ALLOWED_ORIGINS = [APP_ORIGIN]
    page = APP_PAGE.replace("__TOTO__", live_server.url).encode()

    class AppPage(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    try:
        server = ThreadingHTTPServer(("127.0.0.1", APP_PORT), AppPage)
    except OSError as error:
        pytest.fail(
            f"The browser app is served on 127.0.0.1:{APP_PORT} (http://localhost:3000, an "
            f"allowed CORS origin), but that port is busy: {error}. Stop what listens there."
        )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"{APP_ORIGIN}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def toto_requests():
    """What reached Toto from the app's origin: method, path and the headers that matter."""
    seen: list[dict] = []

    def record(sender, environ, **kwargs) -> None:
        if environ.get("HTTP_ORIGIN") == APP_ORIGIN:
            seen.append(
                {
                    "method": environ["REQUEST_METHOD"],
                    "path": environ["PATH_INFO"],
                    "cookie": environ.get("HTTP_COOKIE"),
                    "authorization": environ.get("HTTP_AUTHORIZATION", ""),
                    "session_token": environ.get("HTTP_X_SESSION_TOKEN"),
                    "preflight_for": environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD"),
                }
            )

    request_started.connect(record, weak=False, dispatch_uid="browser-app-journey")
    yield seen
    request_started.disconnect(dispatch_uid="browser-app-journey")


@pytest.fixture
def lesson(home_page):
    """Grammar → Tenses → a published lesson with every exercise type (both drag-and-drop
    modes, single and multiple choice, a case-sensitive gap, a voice response)."""
    _grammar, tenses = builders.lesson_tree(home_page)
    return builders.lesson(tenses, "Present simple", body=exercise_body())


def expect_refusal(watch, status: int, url: str) -> None:
    """A refusal the journey provokes on purpose: its answer and Chromium's console line."""
    escaped = re.escape(url)
    watch.allow(rf"^HTTP {status}: {escaped}$")
    watch.allow(rf"^console on {escaped}: Failed to load resource: .*status of {status}\b")


def code_mailed_to(email: str) -> str:
    body = [message for message in mail.outbox if email in message.to][-1].body
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


# What the learner knows: which target each item of the match exercise goes to.
MATCHES = {item["text"]: item["match"] for item in EXERCISES["match"][1]["items"]}


def answer_for(block: dict, recording_id: int) -> object:
    """What a learner who knows the lesson answers, from the exercise as the app shows it."""
    value = block["value"]
    answers = {
        "mc-single": lambda: [value["options"].index("drinks")],
        "mc-multi": lambda: [value["options"].index(animal) for animal in ("cat", "dog", "cow")],
        "fill": lambda: ["works", "lives"],
        "fill-case": lambda: ["London"],
        "order": lambda: [value["items"].index(word) for word in ("She", "never", "eats", "meat")],
        "match": lambda: [
            [index, value["targets"].index(MATCHES[item])]
            for index, item in enumerate(value["items"])
        ],
        "voice": lambda: {"transcript": "I get up at seven", "recording": recording_id},
    }
    return answers[block["id"]]()


def assert_right_feedback(attempt: dict, sent) -> None:
    """A fully right answer's feedback, per exercise type (docs/learner-api.md)."""
    assert (attempt["status"], attempt["correct"], attempt["score"]) == ("graded", True, 1.0)
    assert (attempt["is_first_attempt"], attempt["xp_awarded"]) == (True, 10)
    feedback = attempt["feedback"]
    if attempt["block_type"] == "multiple_choice":
        assert feedback == {"picks": [True] * len(sent), "missed": 0}
    elif attempt["block_type"] == "fill_blank":
        assert feedback == {"gaps": [True] * len(sent)}
    elif attempt["exercise"]["mode"] == "order":
        assert feedback == {"positions": [True] * len(sent)}
    else:
        assert feedback == {"pairs": [True] * len(sent)}


def audio_played(page, selector: str) -> dict:
    """The review screen's <audio>, as a teacher uses it: its metadata loaded, a moment played
    (muted), and its length. Chrome's MediaRecorder writes WebM without a duration, so the
    player reports Infinity until it has seen the end: seeking there makes the browser measure
    it, which needs the whole file and byte ranges from the storage."""
    return page.locator(selector).evaluate(
        """(audio) => new Promise((resolve, reject) => {
             const fail = () => reject(new Error(`audio error ${audio.error && audio.error.code}`));
             audio.addEventListener("error", fail, { once: true });
             setTimeout(() => reject(new Error(`audio stuck at readyState ${audio.readyState}`)),
                        10000);
             const sleep = () => new Promise((wake) => setTimeout(wake, 50));
             const use = async () => {
               const announced = audio.duration;
               audio.muted = true;
               await audio.play();
               while (audio.currentTime === 0) await sleep();
               audio.pause();
               const played = audio.currentTime;
               if (!Number.isFinite(audio.duration)) {
                 audio.currentTime = 1e101;
                 while (!Number.isFinite(audio.duration)) await sleep();
               }
               audio.currentTime = 0;
               resolve({ announced, played, measured: audio.duration });
             };
             if (audio.readyState >= 1) use().catch(reject);
             else audio.addEventListener("loadedmetadata", () => use().catch(reject),
                                         { once: true });
           })"""
    )


def test_a_browser_app_signs_up_learns_records_and_logs_out_and_a_teacher_reviews(
    new_page, watch, shot, live_server, app_url, toto_requests, lesson, make_member
):
    auth = f"{live_server.url}/_allauth/app/v1"
    app = new_page(width=1100, height=900)
    app.goto(app_url)
    expect(app.locator("#who")).to_have_text("Signed out")

    # Sign up: allauth answers 401 with the pending verify_email flow, and mails a code.
    expect_refusal(watch, 401, f"{auth}/auth/signup")
    signed_up = app.evaluate(SIGN_UP, {"email": LEARNER_EMAIL, "password": LEARNER_PASSWORD})
    assert signed_up["status"] == 401
    assert {"id": "verify_email", "is_pending": True} in signed_up["flows"]
    assert signed_up["has_session_token"]

    verified = app.evaluate(VERIFY, code_mailed_to(LEARNER_EMAIL))
    assert (verified["status"], verified["is_authenticated"], verified["pair"]) == (
        200,
        True,
        True,
    )
    assert verified["me_status"] == 200
    assert verified["me"]["email"] == LEARNER_EMAIL
    assert (verified["me"]["is_verified"], verified["me"]["profile"]["role"]) == (True, "student")
    shot(app, "signed-up")

    # The lesson tree, listing by listing, then the lesson in full (no answers in it).
    read = app.evaluate(READ_LESSONS)
    assert read["statuses"] == [200, 200, 200, 200]
    assert read["listed"] == [[lesson.pk, "Present simple", "beginner"]]
    body = read["lesson"]["body"]
    exercises = [block for block in body if block["type"] != "heading"]
    assert [block["id"] for block in exercises] == list(EXERCISES)
    # Every exercise type there is, each drag-and-drop mode too.
    assert {block["type"] for block in exercises} == set(exercise_blocks())
    assert {block["value"]["mode"] for block in exercises if block["type"] == "drag_drop"} == {
        "order",
        "match",
    }
    assert "accepted_answers" not in str(body) and "is_correct" not in str(body)

    refreshed = app.evaluate(REFRESH)
    assert refreshed == {"status": 200, "rotated": True}

    # The voice answer: a recording made by Chrome's MediaRecorder, uploaded as a Blob.
    uploaded = app.evaluate(UPLOAD, base64.b64encode(RECORDING.read_bytes()).decode())
    assert uploaded["status"] == 201, uploaded
    recording = uploaded["recording"]
    assert recording["content_type"] == "audio/webm"
    assert recording["size"] == RECORDING.stat().st_size
    assert recording["duration"] > 0

    answers = [(block["id"], answer_for(block, recording["id"])) for block in exercises]
    results = app.evaluate(ANSWER, {"lesson": lesson.pk, "answers": answers})
    assert [result["status"] for result in results] == [201] * len(answers)
    attempts = {result["attempt"]["block_id"]: result["attempt"] for result in results}
    for block_id, sent in answers:
        if block_id != "voice":
            assert_right_feedback(attempts[block_id], sent)
    voice = attempts["voice"]
    assert voice["answer"] == {"transcript": "I get up at seven", "recording": recording["id"]}
    assert (voice["status"], voice["correct"], voice["score"], voice["xp_awarded"]) == (
        "awaiting_review",
        None,
        None,
        0,
    )
    assert voice["feedback"] == {"status": "awaiting_review"}

    # A wrong answer gets feedback too (and no XP: not a first attempt, not right).
    wrong = app.evaluate(ANSWER, {"lesson": lesson.pk, "answers": [["fill", ["work", "lives"]]]})
    assert wrong[0]["status"] == 201
    assert (wrong[0]["attempt"]["correct"], wrong[0]["attempt"]["score"]) == (False, 0.5)
    assert wrong[0]["attempt"]["feedback"] == {"gaps": [False, True]}
    assert wrong[0]["attempt"]["xp_awarded"] == 0

    stats = app.evaluate(STATS)
    rules = stats["stats"]["xp_rules"]
    assert stats["stats"]["xp"] == 6 * rules["first_try_correct"]
    shot(app, "answered", full_page=True)

    # Log out with the access token alone; the pair is refused from then on.
    expect_refusal(watch, 401, f"{auth}/auth/session")
    expect_refusal(watch, 401, f"{live_server.url}/api/v1/me/")
    expect_refusal(watch, 400, f"{auth}/tokens/refresh")
    logged_out = app.evaluate(LOG_OUT)
    assert logged_out == {"status": 401, "is_authenticated": False}
    after = app.evaluate(AFTER_LOG_OUT)
    assert after["me"]["status"] == 401
    assert after["me"]["body"]["code"] == "token_not_valid"
    assert after["session"]["status"] == 401
    assert after["session"]["body"]["meta"]["is_authenticated"] is False
    assert after["refreshed"]["status"] == 400
    assert after["refreshed"]["body"]["errors"][0]["code"] == "invalid_token"
    expect(app.locator("#who")).to_have_text("Signed out")
    shot(app, "logged-out", full_page=True)

    # What the app sent: preflighted cross-origin calls, never a cookie, and a logout that
    # carried the access token only.
    assert toto_requests, "nothing reached Toto from the app's origin"
    assert not [request for request in toto_requests if request["cookie"]]
    preflighted = {
        (request["preflight_for"], request["path"])
        for request in toto_requests
        if request["method"] == "OPTIONS"
    }
    for wanted in [
        ("POST", "/_allauth/app/v1/auth/signup"),
        ("POST", "/_allauth/app/v1/auth/email/verify"),
        ("GET", f"/api/v2/pages/{lesson.pk}/"),
        ("POST", "/api/v1/me/recordings/"),
        ("POST", f"/api/v1/lessons/{lesson.pk}/attempts/"),
        ("DELETE", "/_allauth/app/v1/auth/session"),
    ]:
        assert wanted in preflighted, wanted
    logout = next(
        request
        for request in toto_requests
        if (request["method"], request["path"]) == ("DELETE", "/_allauth/app/v1/auth/session")
    )
    assert logout["authorization"].startswith("Bearer ") and not logout["session_token"]
    assert not [
        request
        for request in toto_requests
        if request["session_token"] and request["path"] != "/_allauth/app/v1/auth/email/verify"
    ]

    # A teacher reviews the voice answer in the admin: the recording plays in the browser.
    make_member("teacher@example.com", role=Role.TEACHER)
    admin = new_page()
    sign_in(admin, live_server, "teacher@example.com")
    admin.goto(f"{live_server.url}/admin/voice_answers/")
    row = admin.locator("tr", has_text="I get up at seven")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Present simple")
    shot(admin, "voice-queue")
    recording_loads = []
    admin.on(
        "response",
        lambda response: "/recordings/" in response.url and recording_loads.append(response),
    )
    row.locator(f"a[href$='/admin/voice_answers/edit/{voice['id']}/']").first.click()
    audio = f"audio[data-recording='{recording['id']}']"
    expect(admin.locator(audio)).to_be_attached()
    played = audio_played(admin, audio)
    assert played["announced"] > 0 and played["played"] > 0, played
    assert played["measured"] == pytest.approx(recording["duration"], abs=0.1), played
    src = admin.locator(audio).get_attribute("src")
    assert [r for r in recording_loads if r.url.split("?")[0] == src.split("?")[0]], src
    assert {response.status for response in recording_loads} <= {200, 206}
    shot(admin, "review-screen")
    admin.fill("#id_review_score", "1")
    admin.fill("#id_review_comment", REVIEW)
    admin.get_by_role("button", name="Save", exact=True).first.click()
    saved = admin.get_by_text("Review saved; the learner sees it with their answer.")
    expect(saved).to_be_visible()
    expect(admin.get_by_text("There are no exercise attempts to display.")).to_be_visible()
    shot(admin, "review-saved")
    reviewed = ExerciseAttempt.objects.get(pk=voice["id"])
    assert (reviewed.status, reviewed.score) == ("graded", 1.0)

    # The learner signs in again and reads the review and the XP it earned.
    again = app.evaluate(SIGN_IN, {"email": LEARNER_EMAIL, "password": LEARNER_PASSWORD})
    assert (again["status"], again["pair"]) == (200, True)
    read_back = app.evaluate(READ_ATTEMPTS, lesson.pk)
    assert read_back["status"] == 200
    items = read_back["attempts"]["items"]
    assert read_back["attempts"]["meta"]["total_count"] == len(answers) + 1
    seen = next(item for item in items if item["id"] == voice["id"])
    assert (seen["status"], seen["correct"], seen["score"]) == ("graded", True, 1.0)
    assert seen["feedback"] == {"status": "reviewed", "comment": REVIEW}
    assert seen["xp_awarded"] == rules["first_try_correct"]
    stats = app.evaluate(STATS)
    assert stats["stats"]["xp"] == 7 * rules["first_try_correct"]
    assert stats["stats"]["exercises_correct_first_try"] == 7
    shot(app, "review-read", full_page=True)
    assert app.evaluate(LOG_OUT)["status"] == 401
