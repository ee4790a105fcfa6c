"""Embed data of video blocks: what an app needs to show a video without asking the provider.

Wagtail's embeds ask the provider's oEmbed endpoint (`wagtail.embeds.embeds.get_embed`, which
keeps the answer in an `Embed` row, so each URL is fetched once). Here that answer is reduced
to the fields apps use — provider, embed URL (the player's iframe `src`), thumbnail, title and
aspect ratio — and kept in the cache, so serving a lesson with videos costs no extra query.

A provider that fails (down, unreachable, video removed, a URL no provider accepts) never
fails the lesson: the block keeps its URL and the embed fields are null, and the provider is
not asked again for `FAILURE_SECONDS`. Loading the demo content never fetches embeds
(`lessons.demo.loader`); the first API request that shows a video does, once.
"""

import hashlib
import logging
from html.parser import HTMLParser

from django.core.cache import cache
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

logger = logging.getLogger(__name__)

SUCCESS_SECONDS = 24 * 60 * 60
FAILURE_SECONDS = 10 * 60
EMPTY = {
    "provider": None,
    "embed_url": None,
    "thumbnail_url": None,
    "title": None,
    "aspect_ratio": None,
}

# The OpenAPI schema of the embed fields (nullable: a provider may fail).
EMBED_FIELDS_SCHEMA = {
    "provider": {
        "type": "string",
        "nullable": True,
        "description": "The provider's name, e.g. YouTube; null if it could not be asked.",
    },
    "embed_url": {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": "The provider's player, to load in an iframe or web view.",
    },
    "thumbnail_url": {"type": "string", "format": "uri", "nullable": True},
    "title": {"type": "string", "nullable": True},
    "aspect_ratio": {
        "type": "number",
        "nullable": True,
        "description": "Width / height of the player, e.g. 1.7778 for 16:9.",
    },
}


class _IframeSource(HTMLParser):
    def __init__(self):
        super().__init__()
        self.src: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and self.src is None:
            self.src = dict(attrs).get("src")


def _iframe_src(html: str) -> str | None:
    parser = _IframeSource()
    parser.feed(html or "")
    src = (parser.src or "").strip()
    if src.startswith("//"):
        src = "https:" + src
    return src if src.startswith(("https://", "http://")) else None


def _fields(embed) -> dict:
    width, height = embed.width, embed.height
    return {
        "provider": embed.provider_name or None,
        "embed_url": _iframe_src(embed.html),
        "thumbnail_url": embed.thumbnail_url or None,
        "title": embed.title or None,
        "aspect_ratio": round(width / height, 4) if width and height else None,
    }


def _cache_key(url: str) -> str:
    return "lessons:video-embed:" + hashlib.sha256(url.encode()).hexdigest()


def video_embed(url: str) -> dict:
    """The embed fields of a video URL (see the module docstring); all None on failure."""
    if not url:
        return dict(EMPTY)
    key = _cache_key(url)
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        fields, timeout = _fields(get_embed(url)), SUCCESS_SECONDS
    except EmbedException as error:
        logger.info("no embed for %s: %s", url, error or type(error).__name__)
        fields, timeout = dict(EMPTY), FAILURE_SECONDS
    except Exception:
        # Whatever a provider answers must not break the lesson; it is retried later.
        logger.warning("embed lookup failed for %s", url, exc_info=True)
        fields, timeout = dict(EMPTY), FAILURE_SECONDS
    cache.set(key, fields, timeout)
    return fields
