"""API shapes of images and documents: absolute, ready-to-use URLs instead of bare ids."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

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
                "url": absolute_url(generated[spec].url, request),
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
