"""Small helpers that build a real page tree the way an editor would (save, revise, publish)."""

from wagtail.models import Page

# Re-exported: the image-cloning builder lives in non-test code, where scripts/bench.py uses it too.
from lessons.demo.builders import copies_of_image as copies_of_image
from lessons.models import CategoryPage, LessonPage, SubcategoryPage


def publish_child(parent: Page, page: Page, *, live: bool = True) -> Page:
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.live = False
        page.save(update_fields=["live"])
    page.refresh_from_db()
    return page


def category(parent: Page, title: str = "Grammar", **fields) -> CategoryPage:
    return publish_child(parent, CategoryPage(title=title, intro=f"All about {title}.", **fields))


def subcategory(parent: Page, title: str = "Tenses", **fields) -> SubcategoryPage:
    return publish_child(
        parent, SubcategoryPage(title=title, intro=f"{title} step by step.", **fields)
    )


def lesson(
    parent: Page, title: str = "Present simple", *, live: bool = True, **fields
) -> LessonPage:
    fields.setdefault("intro", f"Learn the {title.lower()}.")
    fields.setdefault("difficulty", "beginner")
    fields.setdefault("cefr_level", "A1")
    fields.setdefault("estimated_duration", 10)
    return publish_child(parent, LessonPage(title=title, **fields), live=live)


def lesson_tree(home: Page):
    """home → Grammar → Tenses, ready for lessons."""
    grammar = category(home)
    return grammar, subcategory(grammar)
