"""Content creators' media: uploaded to their own collection, reviewed on publication.

Content creators may upload images and documents only into the "Content creators" collection
(`members.0006_roles_only_groups_creator_collection`), and, as their owners, rename or replace
them there while the lessons using them are drafts under review. Once a teacher or an admin
publishes a page that uses such an upload, the upload moves to the root collection, where
creators may only choose it: what live pages show changes only through the people who publish.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, ReferenceIndex

CREATORS_COLLECTION = "Content creators"


def creators_collection() -> Collection | None:
    return Collection.objects.filter(depth=2, name=CREATORS_COLLECTION).first()


def page_media_review(*, page: Page) -> int:
    """Move the creators' uploads that the live `page` uses to the root collection; how many."""
    collection = creators_collection()
    if collection is None:
        return 0
    # The index is refreshed in the background after a save; the moves need it now.
    ReferenceIndex.create_or_update_for_object(page)
    references = ReferenceIndex.get_references_for_object(page)
    moved = 0
    root = Collection.get_first_root_node()
    for model in (get_image_model(), get_document_model()):
        used = references.filter(
            to_content_type=ContentType.objects.get_for_model(model)
        ).values_list("to_object_id", flat=True)
        moved += model.objects.filter(
            collection=collection, pk__in=[int(pk) for pk in used]
        ).update(collection=root)
    return moved


def page_published_media_review(sender, instance, **kwargs) -> None:
    page_media_review(page=instance)
