"""Serializer fields for the content API."""

from rest_framework.fields import Field

from core.media import image_representation, image_schema, images_prepare
from core.schema_types import Schema, nullable


class ImageRenditionsField(Field):
    """An image as `{id, title, alt, width, height, renditions: {name: {url, width, height}}}`.

    Unlike Wagtail's `ImageRenditionField` it offers several named sizes at once, all with
    absolute URLs, so apps pick the one that fits the screen.
    """

    def __init__(self, renditions: dict[str, str], **kwargs):
        self.renditions = renditions
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # Keep None for pages without an image instead of failing on the missing relation.
        return getattr(instance, self.source, None)

    def to_representation(self, image):
        return image_representation(image, self.context.get("request"), self.renditions)

    def prepare_many(self, instances) -> None:
        """Called with a listing's instances before they are serialised: the images' renditions
        that this process does not know, in one query for all of them (`core.media`)."""
        images = [self.get_attribute(instance) for instance in instances]
        images_prepare(images, self.context.get("request"), self.renditions)

    def openapi_schema(self) -> Schema:
        """Its shape in the content API's schema (core.content_schema); null without an image."""
        return nullable(image_schema(self.renditions))
