"""API shapes of images and documents: absolute, ready-to-use URLs instead of bare ids."""

import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from core.schema_types import Schema, component, integer, obj, string

# Named renditions the apps can rely on; each is generated once and then served from storage.
COVER_RENDITIONS = {
    "thumbnail": "fill-320x180",
    "card": "fill-640x360",
    "hero": "fill-1600x900",
}
BLOCK_IMAGE_RENDITIONS = {
    "small": "max-480x480",
    "medium": "max-960x960",
    "large": "max-1600x1600",
}


def absolute_url(url: str, request: HttpRequest | None) -> str:
    """Make a storage URL absolute; S3 URLs already are and pass through unchanged."""
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + url


_file_urls: dict[tuple[Any, str], str] = {}
_FILE_URLS_KEPT = 50_000


def file_url(file) -> str:
    """`file.url`, worked out once per file name and process when its storage's URLs are not
    signed: S3 builds each URL through botocore (about half a millisecond), and a lesson shows
    six renditions. A stored file keeps its name (a new file gets a new one), so does its URL."""
    storage = file.storage
    if getattr(storage, "querystring_auth", False):
        return file.url  # signed: expires
    key = (storage, file.name)
    url = _file_urls.get(key)
    if url is None:
        if len(_file_urls) >= _FILE_URLS_KEPT:
            _file_urls.clear()
        url = _file_urls[key] = file.url
    return url


def request_from(context: dict | None) -> HttpRequest | None:
    return (context or {}).get("request")


def image_representation(
    image, request: HttpRequest | None, renditions: dict[str, str], alt: str = ""
) -> dict[str, Any] | None:
    if image is None:
        return None
    if images_signed():
        return _image_shaped(_image_facts(image, renditions), request, alt)
    from core.memo import memoised

    # Kept in this process while no image changes (`core.memo`): a rendition lookup is a
    # Redis round trip, or a query, per image.
    facts = memoised(
        request, _image_key(image, renditions), lambda: _image_facts(image, renditions)
    )
    return _image_shaped(facts, request, alt)


def images_prepare(images: Iterable, request: HttpRequest | None, renditions: dict[str, str]):
    """Before `image_representation` of each of `images` (a listing's covers): the renditions
    of the images this process does not know yet are read in one query for all of them, so a
    listing's queries do not grow with its length (`image_representation` would read them per
    image). Signed storages make their URLs per answer: a listing prefetches their renditions
    with its pages (`core.api.with_related_shown`)."""
    if images_signed():
        return
    from django.db.models import prefetch_related_objects

    from core.memo import memoised_many

    by_key = {_image_key(image, renditions): image for image in images if image is not None}

    def load_missing(keys: list[tuple]) -> dict[tuple, tuple]:
        missing = [by_key[key] for key in keys]
        prefetch_related_objects(missing, "renditions")
        return {key: _image_facts(by_key[key], renditions) for key in keys}

    memoised_many(request, by_key, load_missing)


def _image_key(image, renditions: dict[str, str]) -> tuple:
    return ("image", image.pk, image.file_hash, *renditions.values())


def image_representation_by_id(
    image_id, request: HttpRequest | None, renditions: dict[str, str], alt: str = ""
) -> dict[str, Any] | None:
    """`image_representation` of the image `image_id` (None when there is none), its row and
    renditions read only when this process does not know them yet (`core.memo`: any image
    change replaces the `everything` token)."""
    if image_id is None:
        return None
    from wagtail.images import get_image_model

    from core.memo import memoised

    def load() -> tuple | None:
        image = get_image_model().objects.filter(pk=image_id).first()
        return _image_facts(image, renditions) if image is not None else None

    if images_signed():
        facts = load()  # signed URLs expire: made for each answer
    else:
        facts = memoised(request, ("image-id", image_id, *renditions.values()), load)
    return _image_shaped(facts, request, alt) if facts is not None else None


def images_signed() -> bool:
    """Image URLs expire (a private bucket): they are made for each answer, never kept."""
    return bool(getattr(_image_storage(), "querystring_auth", False))


@functools.cache
def _image_storage():
    from wagtail.images import get_image_model

    return get_image_model()._meta.get_field("file").storage


def _image_facts(image, renditions: dict[str, str]) -> tuple:
    """What the API shows of an image, as plain values (kept across requests)."""
    generated = image.get_renditions(*renditions.values())
    return (
        image.pk,
        image.title,
        image.default_alt_text or "",
        image.width,
        image.height,
        tuple(
            (name, file_url(generated[spec].file), generated[spec].width, generated[spec].height)
            for name, spec in renditions.items()
        ),
    )


def _image_shaped(facts: tuple, request: HttpRequest | None, alt: str) -> dict[str, Any]:
    pk, title, default_alt, width, height, generated = facts
    return {
        "id": pk,
        "title": title,
        "alt": alt or default_alt,
        "width": width,
        "height": height,
        "renditions": {
            name: {"url": absolute_url(url, request), "width": w, "height": h}
            for name, url, w, h in generated
        },
    }


def document_representation(document, request: HttpRequest | None) -> dict[str, Any] | None:
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute_url(document.url, request),
        "file_extension": document.file_extension,
    }


# --- Their OpenAPI schemas (core.content_schema), next to the shapes they describe ---------------

RENDITION_SCHEMA = component(
    "ImageRendition",
    obj(
        {
            "url": string("Absolute URL of this size.", format="uri"),
            "width": integer(minimum=1),
            "height": integer(minimum=1),
        }
    ),
)


def image_schema_name(renditions: dict[str, str]) -> str:
    """One component name per set of renditions: the ones above by their use, others by sizes."""
    known = {"CoverImage": COVER_RENDITIONS, "BlockImage": BLOCK_IMAGE_RENDITIONS}
    for name, known_renditions in known.items():
        if renditions == known_renditions:
            return name
    return "Image" + "".join(rendition.title().replace("_", "") for rendition in renditions)


def image_schema(renditions: dict[str, str], name: str | None = None) -> Schema:
    """The schema of `image_representation(..., renditions)`, as a component."""
    name = name or image_schema_name(renditions)
    sizes = ", ".join(f"`{rendition}` ({spec})" for rendition, spec in renditions.items())
    return component(
        name,
        obj(
            {
                "id": integer(),
                "title": string(),
                "alt": string("Text for screen readers; may be empty, never null."),
                "width": integer("Of the original.", minimum=1),
                "height": integer("Of the original.", minimum=1),
                "renditions": obj(
                    {rendition: RENDITION_SCHEMA for rendition in renditions},
                    description=f"Ready-made sizes: {sizes}.",
                ),
            },
            description="An image with absolute URLs of several sizes.",
        ),
    )


BLOCK_IMAGE_SCHEMA = image_schema(BLOCK_IMAGE_RENDITIONS)
DOCUMENT_SCHEMA = component(
    "Document",
    obj(
        {
            "id": integer(),
            "title": string(),
            "url": string("Absolute URL of the file.", format="uri"),
            "file_extension": string(example="mp3"),
        },
        description="A document (a sound file, in lessons).",
    ),
)
