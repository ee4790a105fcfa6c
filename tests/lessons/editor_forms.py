"""The lesson editor's form data, as the admin posts it (create, edit and preview views)."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def list_block(values: list) -> dict:
    """A ListBlock's form data: like a StreamField's, without block types."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def multiple_choice(question: str, *options: tuple[str, bool], explanation: str = "") -> dict:
    return {
        "question": question,
        "options": list_block(
            [{"text": text, "is_correct": "on" if correct else ""} for text, correct in options]
        ),
        "allow_multiple": "",
        "explanation": explanation,
    }


def fill_blank(text: str, *accepted: list[str]) -> dict:
    return {
        "text": text,
        "gaps": list_block([{"accepted_answers": list_block(answers)} for answers in accepted]),
        "case_sensitive": "",
        "explanation": "",
    }


def lesson_form(title: str, slug: str, *blocks: tuple[str, object], **fields) -> dict:
    """What "Save draft" posts for a new lesson with `blocks` as its body."""
    data = {
        "title": title,
        "slug": slug,
        "intro": f"About {title}.",
        "difficulty": "beginner",
        "cefr_level": "A1",
        "estimated_duration": "10",
        "cover_image": "",
        "body": streamfield(list(blocks)),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"},
    }
    data.update(fields)
    return nested_form_data(data)


def paragraph(html: str) -> tuple[str, str]:
    return ("paragraph", rich_text(html))
