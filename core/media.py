"""API shapes of images and documents: absolute, ready-to-use URLs instead of bare ids."""

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
    generated = image.get_renditions(*renditions.values())
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text or "",
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute_url(file_url(generated[spec].file), request),
                "width": generated[spec].width,
                "height": generated[spec].height,
            }
            for name, spec in renditions.items()
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
