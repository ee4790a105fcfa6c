"""Video blocks carry embed data, fetched through Wagtail's embeds; the provider is answered
here at the network edge (the HTTP call Wagtail's OEmbedFinder makes), never over the internet.
"""

import json
import types

import pytest
import requests
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.lessons import builders

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=eCLEYJSReLI"
OEMBED = {
    "type": "video",
    "version": "1.0",
    "title": "6 Minute English: difficult pronunciation",
    "author_name": "BBC Learning English",
    "provider_name": "YouTube",
    "provider_url": "https://www.youtube.com/",
    "thumbnail_url": "https://i.ytimg.com/vi/eCLEYJSReLI/hqdefault.jpg",
    "thumbnail_width": 480,
    "thumbnail_height": 360,
    "width": 200,
    "height": 113,
    "html": '<iframe width="200" height="113" '
    'src="https://www.youtube.com/embed/eCLEYJSReLI?feature=oembed" frameborder="0" '
    'allowfullscreen title="6 Minute English"></iframe>',
}


class FakeResponse:
    def __init__(self, status: int, body):
        self.status_code = status
        self._body = body

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}", response=self)

    def json(self):
        if isinstance(self._body, Exception):
            raise self._body
        return self._body


class Provider:
    """Stands in for the provider's oEmbed endpoint: records calls, answers as told."""

    def __init__(self, answer):
        self.answer = answer
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, url, params=None, **kwargs):
        self.calls.append((url, params or {}))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.fixture
def provider(monkeypatch):
    def install(answer) -> Provider:
        fake = Provider(answer)
        # The finder's own `requests` module, as tests/conftest.py replaces it (offline).
        monkeypatch.setattr(
            "wagtail.embeds.finders.oembed.requests",
            types.SimpleNamespace(get=fake, RequestException=requests.RequestException),
        )
        return fake

    return install


@pytest.fixture
def video_lesson(home_page):
    _grammar, tenses = builders.lesson_tree(home_page)
    body = [
        {"type": "video", "id": "v1", "value": {"video": VIDEO_URL, "caption": "Listen."}},
        {"type": "heading", "id": "h1", "value": {"text": "After the video", "size": "h2"}},
    ]
    return builders.lesson(tenses, "Pronunciation", body=json.dumps(body))


def video_value(api_client, lesson) -> dict:
    response = api_client.get(f"/api/v2/pages/{lesson.pk}/")
    assert response.status_code == 200, response.content
    return next(block for block in response.json()["body"] if block["type"] == "video")["value"]


def test_a_video_block_carries_the_embed_data_apps_play_it_with(api_client, video_lesson, provider):
    youtube = provider(FakeResponse(200, OEMBED))
    value = video_value(api_client, video_lesson)
    assert value == {
        "video": VIDEO_URL,
        "caption": "Listen.",
        "provider": "YouTube",
        "embed_url": "https://www.youtube.com/embed/eCLEYJSReLI?feature=oembed",
        "thumbnail_url": "https://i.ytimg.com/vi/eCLEYJSReLI/hqdefault.jpg",
        "title": "6 Minute English: difficult pronunciation",
        "aspect_ratio": 1.7699,
    }
    # Wagtail asked the provider's oEmbed endpoint for this URL, and kept the answer.
    [(endpoint, params)] = youtube.calls
    assert endpoint == "https://www.youtube.com/oembed"
    assert params["url"] == VIDEO_URL
    assert Embed.objects.filter(url=VIDEO_URL, provider_name="YouTube").exists()


def test_the_provider_is_asked_once_then_the_data_is_reused(
    api_client, video_lesson, provider, django_assert_max_num_queries
):
    youtube = provider(FakeResponse(200, OEMBED))
    video_value(api_client, video_lesson)
    video_value(api_client, video_lesson)
    assert len(youtube.calls) == 1


def test_an_embed_row_wagtail_already_keeps_is_used_without_the_network(
    api_client, video_lesson, provider
):
    # As after an editor saved the lesson in the admin (EmbedBlock.clean fetches it then).
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe src="//player.example.com/v/1"></iframe>',
        title="Stored",
        provider_name="YouTube",
        thumbnail_url="",
        width=None,
        height=None,
    )
    youtube = provider(requests.ConnectionError("must not be called"))
    value = video_value(api_client, video_lesson)
    assert youtube.calls == []
    assert value["embed_url"] == "https://player.example.com/v/1"
    assert (value["title"], value["thumbnail_url"], value["aspect_ratio"]) == ("Stored", None, None)


@pytest.mark.parametrize(
    "failure",
    [
        requests.ConnectionError("offline"),
        requests.Timeout("slow"),
        FakeResponse(404, {"error": "Not Found"}),
        FakeResponse(500, "oops"),
        FakeResponse(200, ValueError("not JSON")),
        FakeResponse(200, {"title": "no type"}),
    ],
    ids=["offline", "timeout", "404", "500", "not-json", "no-type"],
)
def test_a_provider_that_fails_leaves_the_url_with_null_embed_fields(
    api_client, video_lesson, provider, failure
):
    youtube = provider(failure)
    value = video_value(api_client, video_lesson)
    assert value == {
        "video": VIDEO_URL,
        "caption": "Listen.",
        "provider": None,
        "embed_url": None,
        "thumbnail_url": None,
        "title": None,
        "aspect_ratio": None,
    }
    assert len(youtube.calls) == 1
    # A failing provider is not asked again on every request.
    video_value(api_client, video_lesson)
    assert len(youtube.calls) == 1
    assert not Embed.objects.exists()


def test_a_url_no_provider_accepts_never_reaches_the_network(api_client, home_page, provider):
    _grammar, tenses = builders.lesson_tree(home_page)
    body = [{"type": "video", "value": {"video": "https://example.com/my.mp4", "caption": ""}}]
    lesson = builders.lesson(tenses, "Odd video", body=json.dumps(body))
    called = provider(requests.ConnectionError("must not be called"))
    value = video_value(api_client, lesson)
    assert value["video"] == "https://example.com/my.mp4"
    assert value["embed_url"] is None
    assert called.calls == []


def _video_curriculum():
    """The demo curriculum cut down to the lessons that have videos."""
    from dataclasses import replace

    from lessons.demo.curriculum import CURRICULUM

    def has_video(lesson) -> bool:
        return any(block_type == "video" for block_type, _value in lesson.body)

    categories = []
    for category in CURRICULUM:
        subcategories = [
            replace(sub, lessons=[lesson for lesson in sub.lessons if has_video(lesson)])
            for sub in category.subcategories
        ]
        subcategories = [sub for sub in subcategories if sub.lessons]
        if subcategories:
            categories.append(replace(category, subcategories=subcategories))
    return categories


def test_demo_videos_load_and_serve_offline_without_an_error(api_client, home_page, provider):
    from lessons.demo.loader import demo_content_load
    from lessons.models import LessonPage

    offline = provider(requests.ConnectionError("no network"))
    demo_content_load(root=home_page, curriculum=_video_curriculum())
    assert offline.calls == []  # loading never asks a provider
    assert not Embed.objects.exists()

    lessons = list(LessonPage.objects.live())
    assert lessons
    for lesson in lessons:
        value = video_value(api_client, lesson)
        assert value["video"].startswith("https://www.youtube.com/watch?v=")
        assert value["embed_url"] is None
    assert len(offline.calls) == len({video_value(api_client, page)["video"] for page in lessons})
