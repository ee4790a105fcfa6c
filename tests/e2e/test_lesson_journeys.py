"""An editor writes a lesson, meets the validation errors, previews it and publishes it; a
content creator's lesson goes live through a teacher's review."""

import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Collection

from lessons.models import LessonPage
from members.models import Role
from tests.conftest import png_bytes
from tests.e2e.conftest import sign_in
from tests.lessons import builders

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

EXERCISE_SECRETS = ("is_correct", "accepted_answers", "Leeds is right")


@pytest.fixture
def section(home_page):
    return builders.lesson_tree(home_page)[1]


@pytest.fixture
def picture():
    return get_image_model().objects.create(
        title="Teal square",
        file=ImageFile(io.BytesIO(png_bytes(800, 450, "teal")), name="teal-square.png"),
        collection=Collection.get_first_root_node(),
    )


def body_field(page, name: str):
    """A field of the lesson body by the end of its form name (`-value-question`)."""
    return page.locator(f"[data-contentpath=body] [name$='{name}']")


def add_block(page, label: str) -> None:
    page.locator("[data-contentpath=body] button[title='Insert a block']").last.click()
    page.locator(".w-combobox__option", has_text=label).first.click()


def type_paragraph(page, text: str) -> None:
    """Type into the first paragraph, and wait until Draftail has stored it in its form field
    (it does so a moment after the last key)."""
    editor = page.locator("[data-contentpath=body] [contenteditable=true]").first
    editor.click()
    page.keyboard.type(text)
    field = page.locator("[data-contentpath=body] input[name='body-0-value']")
    expect(field).to_have_value(re.compile(re.escape(json.dumps(text)[1:-1])))


def footer_action(page, name: str) -> None:
    """A button of the editor's footer menu ("action-publish", "action-submit"…)."""
    footer = page.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").last.click()
    footer.locator(f"button[name='{name}']").click()


def write_lesson(page, picture_title: str) -> None:
    page.fill("#id_title", "Where do you live?")
    page.fill("#id_intro", "Say where you live and work.")
    add_block(page, "Paragraph")
    type_paragraph(page, "We use the present simple for facts about our lives.")
    add_block(page, "Image")
    page.locator("[data-contentpath=body] button", has_text="Choose an image").click()
    page.locator(".modal-content a", has_text=picture_title).first.click()
    expect(page.locator(".modal-content")).to_have_count(0)
    add_block(page, "Multiple choice")
    body_field(page, "-value-question").fill("She ___ in Leeds.")
    body_field(page, "-value-options-0-value-text").fill("lives")
    body_field(page, "-value-options-1-value-text").fill("live")
    body_field(page, "-value-explanation").first.fill("Leeds is right: third person -s.")
    add_block(page, "Fill in the blank")
    # No gap yet: one of the mistakes the editor is told about.
    page.locator("[data-contentpath=body] textarea[name$='-value-text']").fill("I in Madrid.")
    body_field(page, "-value-gaps-0-value-accepted_answers-0-value").fill("live")


def test_an_editor_writes_previews_and_publishes_a_lesson(
    new_page, live_server, make_member, section, picture, shot
):
    make_member("teacher@example.com", role=Role.TEACHER)
    page = new_page()
    sign_in(page, live_server, "teacher@example.com")

    page.goto(f"{live_server.url}/admin/pages/{section.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.locator("#id_title")).to_be_visible()
    write_lesson(page, picture.title)
    shot(page, "written")

    # Save draft: the editor sees what is wrong, on the blocks that are wrong.
    page.locator("footer button", has_text="Save draft").click()
    expect(page.get_by_text("Mark at least one option as correct.")).to_be_visible()
    expect(page.get_by_text("Write at least one gap as {1}.")).to_be_visible()
    assert not LessonPage.objects.filter(title="Where do you live?").exists()
    page.get_by_role("button", name="Go to the first error").click()
    expect(page.get_by_text("Mark at least one option as correct.")).to_be_in_viewport()
    shot(page, "validation-errors")

    body_field(page, "-value-options-0-value-is_correct").check()
    page.locator("[data-contentpath=body] textarea[name$='-value-text']").fill("I {1} in Madrid.")
    page.locator("footer button", has_text="Save draft").click()
    expect(page.get_by_text("Page 'Where do you live?' created.")).to_be_visible()
    lesson = LessonPage.objects.get(title="Where do you live?")
    assert not lesson.live

    # Preview the draft in the side panel: the lesson as learners see it, answers for us.
    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("iframe[id$='preview-iframe'], .preview-panel iframe").first
    expect(frame.locator("h1")).to_have_text("Where do you live?")
    expect(frame.get_by_text("Answer (editors only)")).to_be_visible()
    expect(frame.locator("figure img")).to_be_visible()
    frame.get_by_label("lives").check()
    frame.locator("[data-exercise=multiple_choice] button.check").click()
    expect(frame.locator("[data-exercise=multiple_choice] .feedback")).to_have_text("Right!")
    frame.locator("input[data-gap='1']").fill("lives")
    frame.locator("[data-exercise=fill_blank] button.check").click()
    expect(frame.locator("[data-exercise=fill_blank] .feedback")).to_have_text(
        "Not quite: try again."
    )
    shot(page, "preview-panel")

    # Publish, then find it in the API without its answers.
    footer_action(page, "action-publish")
    expect(page.get_by_text("Page 'Where do you live?' has been published.")).to_be_visible()
    lesson.refresh_from_db()
    assert lesson.live

    listing = page.request.get(
        f"{live_server.url}/api/v2/pages/?type=lessons.LessonPage&slug={lesson.slug}"
    ).json()
    assert [item["id"] for item in listing["items"]] == [lesson.pk]
    detail = page.request.get(f"{live_server.url}/api/v2/pages/{lesson.pk}/")
    data = detail.json()
    assert [block["type"] for block in data["body"]] == [
        "paragraph",
        "image",
        "multiple_choice",
        "fill_blank",
    ]
    assert data["body"][2]["value"] == {
        "question": "She ___ in Leeds.",
        "options": ["lives", "live"],
        "allow_multiple": False,
    }
    assert data["body"][3]["value"] == {"text": "I {1} in Madrid.", "gap_count": 1}
    assert data["body"][1]["value"]["image"]["renditions"]["medium"]["url"].startswith("http")
    for secret in EXERCISE_SECRETS:
        assert secret not in detail.text()

    # Its page on Toto (no app configured): the built-in rendering, phone-sized, no answers.
    phone = new_page(width=390, height=844)
    phone.goto(f"{live_server.url}/grammar/tenses/{lesson.slug}/")
    expect(phone.locator("h1")).to_have_text("Where do you live?")
    expect(phone.get_by_text("Answer (editors only)")).to_have_count(0)
    shot(phone, "live-page", full_page=True)


def test_a_draft_preview_opens_in_a_new_tab(
    new_page, live_server, make_member, section, picture, shot
):
    make_member("creator@example.com", role=Role.CONTENT_CREATOR)
    body = [
        {"type": "paragraph", "id": "p", "value": "<p>Practise the routine verbs.</p>"},
        {
            "type": "image",
            "id": "i",
            "value": {"image": picture.pk, "alt_text": "A square", "caption": "Teal"},
        },
        {
            "type": "drag_drop",
            "id": "d",
            "value": {
                "mode": "order",
                "instruction": "Make a sentence.",
                "items": [
                    {"text": "I", "match": ""},
                    {"text": "get", "match": ""},
                    {"text": "up", "match": ""},
                    {"text": "early", "match": ""},
                ],
                "explanation": "",
            },
        },
    ]
    draft = builders.lesson(section, "Daily routines", live=False, body=json.dumps(body))
    page = new_page()
    sign_in(page, live_server, "creator@example.com")
    page.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    with page.context.expect_page() as opened:
        page.locator("a[aria-label*='new tab'], a[title*='new tab']").first.click()
    tab = opened.value
    tab.set_viewport_size({"width": 390, "height": 844})
    expect(tab.locator("h1")).to_have_text("Daily routines")
    expect(tab.get_by_text("Answer (editors only)")).to_be_visible()
    # The items can be put in order, and the check knows the answer.
    order = ["I", "get", "up", "early"]
    for position, word in enumerate(order):
        while True:
            items = tab.locator(".order-list li span").all_inner_texts()
            index = items.index(word)
            if index == position:
                break
            tab.locator(".order-list li").nth(index).locator("button[data-move=up]").click()
    tab.locator("[data-exercise=drag_drop] button.check").click()
    expect(tab.locator("[data-exercise=drag_drop] .feedback")).to_have_text("Right!")
    shot(tab, "preview-tab", full_page=True)
    assert not LessonPage.objects.get(pk=draft.pk).live


def test_a_creators_lesson_goes_live_through_a_teachers_review(
    new_page, live_server, make_member, section, shot
):
    make_member("creator@example.com", role=Role.CONTENT_CREATOR)
    make_member("teacher@example.com", role=Role.TEACHER)

    creator = new_page()
    sign_in(creator, live_server, "creator@example.com")
    creator.goto(f"{live_server.url}/admin/pages/add/lessons/lessonpage/{section.pk}/")
    creator.fill("#id_title", "Talking about the weather")
    creator.fill("#id_intro", "Small talk about the weather.")
    add_block(creator, "Paragraph")
    type_paragraph(creator, "It's sunny today.")
    # A creator cannot publish: the footer offers submitting to "Lesson review".
    footer = creator.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").last.click()
    expect(footer.locator("button[name='action-publish']")).to_have_count(0)
    footer.locator("button[name='action-submit']").click()
    expect(creator.get_by_text("submitted for moderation")).to_be_visible()
    lesson = LessonPage.objects.get(title="Talking about the weather")
    assert not lesson.live
    shot(creator, "submitted")

    teacher = new_page()
    sign_in(teacher, live_server, "teacher@example.com")
    expect(teacher.get_by_text("Talking about the weather").first).to_be_visible()
    shot(teacher, "awaiting-review")
    teacher.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    footer = teacher.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").last.click()
    footer.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(teacher.locator(".messages")).to_contain_text("Talking about the weather")
    shot(teacher, "approved")

    lesson.refresh_from_db()
    assert lesson.live
    detail = teacher.request.get(f"{live_server.url}/api/v2/pages/{lesson.pk}/")
    assert detail.status == 200
    assert detail.json()["title"] == "Talking about the weather"
