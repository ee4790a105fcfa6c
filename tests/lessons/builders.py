"""Small helpers that build a real page tree the way an editor would (save, revise, publish)."""

from wagtail.models import Page

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


def copies_of_image(template, count: int, *, batch_size: int = 1000) -> list:
    """`count` image rows sharing `template`'s file, each with copies of its renditions.

    Every lesson gets its own image and rendition rows, as in real content, without uploading
    and resizing a file per image (which would only make set-ups slow).
    """
    from wagtail.images import get_image_model

    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    template_renditions = list(template.renditions.all())
    images = Image.objects.bulk_create(
        [
            Image(
                title=f"{template.title} {number}",
                file=template.file.name,
                width=template.width,
                height=template.height,
                file_size=template.file_size,
                collection_id=template.collection_id,
            )
            for number in range(count)
        ],
        batch_size=batch_size,
    )
    Rendition.objects.bulk_create(
        [
            Rendition(
                image=image,
                filter_spec=rendition.filter_spec,
                focal_point_key=rendition.focal_point_key,
                file=rendition.file.name,
                width=rendition.width,
                height=rendition.height,
            )
            for image in images
            for rendition in template_renditions
        ],
        batch_size=batch_size,
    )
    return images
