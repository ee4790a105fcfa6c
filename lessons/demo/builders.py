"""Builders for large amounts of content, shared by the test suite and `scripts/bench.py`."""

from wagtail.images import get_image_model


def copies_of_image(template, count: int, *, batch_size: int = 1000) -> list:
    """`count` image rows sharing `template`'s file, each with copies of its renditions.

    Every lesson gets its own image and rendition rows, as in real content, without uploading
    and resizing a file per image (which would only make set-ups slow).
    """
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
