"""Reads of study abroad: which listings and applications a request may see, loaded for lists.

Public means approved: a listing's database row is its approved version (`live`), and a
program is public only while its institution is too. Owners and staff also see listings that
are not approved yet, and read them in their latest version (the pending draft).
"""

from collections.abc import Iterable

from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model
from wagtail.models import Revision, WorkflowState

from abroad.models import (
    Application,
    ApplicationMessage,
    Homestay,
    HomestayPhoto,
    Institution,
    InstitutionPhoto,
    Listing,
    Program,
)
from abroad.permissions import ListingPermissionPolicy

POLICIES = {model: ListingPermissionPolicy(model) for model in (Institution, Program, Homestay)}


def listing_policy(model: type[Listing]) -> ListingPermissionPolicy:
    return POLICIES[model]


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def _photos(model: type) -> Prefetch:
    return Prefetch(
        "photos",
        queryset=model.objects.select_related("image").prefetch_related("image__renditions"),
    )


# Every listing's translations come along (one query per page of listings): `?locale=`.
def institution_queryset() -> QuerySet[Institution]:
    return Institution.objects.prefetch_related(_photos(InstitutionPhoto), "translations")


def program_queryset() -> QuerySet[Program]:
    return Program.objects.select_related("institution").prefetch_related("intakes", "translations")


def homestay_queryset() -> QuerySet[Homestay]:
    return Homestay.objects.prefetch_related("availability", _photos(HomestayPhoto), "translations")


QUERYSETS = {
    Institution: institution_queryset,
    Program: program_queryset,
    Homestay: homestay_queryset,
}


def listings_public(model: type[Listing]) -> QuerySet:
    """The approved listings of `model`, in their approved version."""
    queryset = QUERYSETS[model]().filter(live=True)
    if model is Program:
        queryset = queryset.filter(institution__live=True)
    return queryset


def listings_owned(model: type[Listing], *, user) -> QuerySet:
    """Every listing of `model` the member manages (all of them for staff), in any state."""
    if is_staff(user):
        return QUERYSETS[model]()
    if not (user and user.is_authenticated):
        return QUERYSETS[model]().none()
    return QUERYSETS[model]().filter(**{model.owner_lookup: user})


def listing_manages(user, listing: Listing) -> bool:
    """Whether the member may change this listing (its owner, or staff)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return listing_policy(type(listing)).user_has_permission_for_instance(user, "change", listing)


def listing_visible_get(model: type[Listing], *, user, pk: int) -> Listing | None:
    """The listing if this member may see it: approved, or their own, or any for staff."""
    listing = listings_public(model).filter(pk=pk).first()
    if listing is not None:
        return listing
    return listings_owned(model, user=user).filter(pk=pk).first()


def listings_latest(listings: Iterable[Listing]) -> list[Listing]:
    """Each listing in its latest version: the pending draft where there is one.

    A draft is rebuilt from its revision (no query); its program institution is the row's,
    and the images its photos name are loaded together, so a page of drafts costs a constant
    number of queries.
    """
    rows = list(listings)
    latest = []
    needs_revision = [row.latest_revision_id for row in rows if row.has_unpublished_changes]
    revisions = Revision.objects.in_bulk([pk for pk in needs_revision if pk])
    for row in rows:
        revision = revisions.get(row.latest_revision_id) if row.has_unpublished_changes else None
        if revision is None:
            latest.append(row)
            continue
        draft = row.draft_from_content(revision.content)
        if isinstance(row, Program):
            draft.institution = row.institution
        draft._approval_row = row
        latest.append(draft)
    _images_attach(latest)
    return latest


def _images_attach(listings: list[Listing]) -> None:
    photos = [
        photo
        for listing in listings
        if hasattr(listing, "photos") and getattr(listing, "_approval_row", None) is not None
        for photo in listing.photos.all()
    ]
    if not photos:
        return
    images = (
        get_image_model()
        .objects.filter(pk__in={photo.image_id for photo in photos})
        .prefetch_related("renditions")
        .in_bulk()
    )
    for photo in photos:
        photo.image = images.get(photo.image_id)


def workflow_states_of(listings: list[Listing]) -> dict[int, WorkflowState]:
    """The active workflow state (in review, or changes requested) of each listing, by id.

    The listings are of one model; one query for all of them.
    """
    if not listings:
        return {}
    states = WorkflowState.objects.active().filter(
        base_content_type=listings[0].get_base_content_type(),
        object_id__in=[str(listing.pk) for listing in listings],
    )
    return {int(state.object_id): state for state in states}


# --- Applications ---------------------------------------------------------------------------


def application_queryset() -> QuerySet[Application]:
    return Application.objects.select_related(
        "learner__profile", "program__institution", "homestay"
    )


def applications_visible(*, user) -> QuerySet[Application]:
    """The member's own applications and those to listings they own; all of them for staff."""
    queryset = application_queryset()
    if is_staff(user):
        return queryset
    return queryset.filter(
        Q(learner=user) | Q(program__institution__owner=user) | Q(homestay__owner=user)
    )


def application_visible_get(*, user, pk: int) -> Application | None:
    return applications_visible(user=user).filter(pk=pk).first()


def application_messages(*, application: Application) -> QuerySet[ApplicationMessage]:
    return application.messages.select_related("author__profile")


def homestays_with_accepted_application(*, user, homestay_ids: Iterable[int]) -> set[int]:
    """Of these homestays, those to which the member has an accepted application."""
    if not (user and user.is_authenticated):
        return set()
    return set(
        Application.objects.filter(
            learner=user, homestay_id__in=list(homestay_ids), status=Application.Status.ACCEPTED
        ).values_list("homestay_id", flat=True)
    )


def homestay_private_visible(*, user, homestay: Homestay, accepted_ids: set[int]) -> bool:
    """A homestay's address and contact: for its owner, staff and accepted applicants only."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return is_staff(user) or homestay.owner_id == user.pk or homestay.pk in accepted_ids
