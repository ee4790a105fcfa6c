"""Page URLs on Toto: they lead to the app, or to Toto's built-in rendering when there is none.

`meta.html_url`, "View live" and page links in rich text all come from one function
(`core.pages.page_url_parts`); the built-in rendering shows what the API serves, never answers.
"""

import json

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction, Site

from lessons.exercises import DragDropBlock
from tests.lessons import builders
from tests.lessons.conftest import EXERCISES

pytestmark = pytest.mark.django_db

APP = "https://app.toto.example"
LESSON_PATH = "/grammar/tenses/present-simple/"


def lesson_detail(api_client, lesson) -> dict:
    response = api_client.get(f"/api/v2/pages/{lesson.pk}/")
    assert response.status_code == 200
    return response.json()


@override_settings(APP_URL=APP)
def test_html_url_is_the_page_in_the_app(api_client, exercise_lesson):
    data = lesson_detail(api_client, exercise_lesson)
    assert data["meta"]["html_url"] == APP + LESSON_PATH
    assert data["meta"]["parent"]["meta"]["html_url"] == APP + "/grammar/tenses/"
    listing = api_client.get("/api/v2/pages/?type=lessons.LessonPage").json()
    assert [item["meta"]["html_url"] for item in listing["items"]] == [APP + LESSON_PATH]


@override_settings(APP_URL=APP + "/")
def test_a_trailing_slash_in_app_url_makes_no_double_slash(api_client, exercise_lesson):
    assert lesson_detail(api_client, exercise_lesson)["meta"]["html_url"] == APP + LESSON_PATH


@override_settings(APP_URL="")
def test_without_an_app_html_url_is_totos_own_address(api_client, exercise_lesson):
    # The default Site follows WAGTAILADMIN_BASE_URL (http://testserver in the test settings).
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    html_url = lesson_detail(api_client, exercise_lesson)["meta"]["html_url"]
    assert html_url == "http://testserver" + LESSON_PATH


@override_settings(APP_URL=APP)
def test_rich_text_page_links_lead_to_the_app(api_client, lesson_section, exercise_lesson):
    body = json.dumps(
        [
            {
                "type": "paragraph",
                "id": "p1",
                "value": f'<p>See <a linktype="page" id="{exercise_lesson.pk}">this</a>.</p>',
            }
        ]
    )
    linking = builders.lesson(lesson_section, "Linking", body=body)
    paragraph = lesson_detail(api_client, linking)["body"][0]["value"]
    assert f'href="{APP}{LESSON_PATH}"' in paragraph


@override_settings(APP_URL=APP)
def test_a_page_url_on_toto_redirects_to_the_app(client, exercise_lesson):
    response = client.get(LESSON_PATH)
    assert response.status_code == 302
    assert response["Location"] == APP + LESSON_PATH


@override_settings(APP_URL="")
@pytest.mark.parametrize("path", ["/grammar/", "/grammar/tenses/", LESSON_PATH])
def test_without_an_app_page_urls_show_the_built_in_rendering(client, exercise_lesson, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'name="viewport"' in response.content


@override_settings(APP_URL="")
def test_the_home_page_rendering_lists_the_categories(home_page, exercise_lesson, rf):
    request = rf.get("/")
    request.user = _anonymous()
    response = home_page.serve(request)
    response.render()
    assert b"Grammar" in response.content


@pytest.mark.parametrize("app_url", ["", APP])
def test_no_page_url_answers_500(client, exercise_lesson, lesson_section, app_url):
    draft = builders.lesson(lesson_section, "Draft lesson", live=False)
    restricted = builders.lesson(lesson_section, "Members only")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    with override_settings(APP_URL=app_url):
        assert client.get(draft.url_path.removeprefix("/home")).status_code == 404
        assert client.get("/grammar/nothing-here/").status_code == 404
        # A restricted page asks for a login first, app or not.
        response = client.get(restricted.url_path.removeprefix("/home"))
        assert response.status_code == 302
        assert "login" in response["Location"]


@override_settings(APP_URL="")
def test_the_rendering_shows_the_api_content_and_never_answers(client, api_client, exercise_lesson):
    html = client.get(LESSON_PATH).content.decode()
    drag_drop_sections = html.split('data-exercise="drag_drop"')[1:]
    drag_drops = [item for item in EXERCISES.items() if item[1][0] == "drag_drop"]
    assert len(drag_drop_sections) == len(drag_drops)
    for section, (block_id, (_type, value)) in zip(drag_drop_sections, drag_drops, strict=True):
        # Items in the keyed order the API shows, not the stored (correct) order.
        shown = [value["items"][i]["text"] for i in DragDropBlock.item_order(value, block_id)]
        positions = [section.index(f"<span>{text}</span>") for text in shown]
        assert positions == sorted(positions)
    for _type, value in EXERCISES.values():
        if _type == "multiple_choice":
            assert value["question"] in html
    assert 'type="application/json"' not in html
    for hidden in ("Third person singular takes -s.", "is living", "I get up at seven"):
        assert hidden not in html
    assert "answers-" not in html


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
