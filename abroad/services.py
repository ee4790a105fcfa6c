"""Writes of study abroad: listings (with their approval) and applications.

Listings are written through Wagtail's own create and edit actions, so a change made through
the API is the same draft, revision and log entry as one made in the admin. An owner's new
listing or change to public fields is submitted to the "Listing approval" workflow and becomes
public when an admin approves it; the approved version stays public meanwhile. Staff changes
are published at once. Private fields (a homestay's address and contact) apply at once.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction

from abroad.emails import application_status_mail_send
from abroad.models import Application, ApplicationMessage, Homestay, Listing, Program
from abroad.selectors import is_staff, listing_manages
from abroad.transitions import Side, application_transition_check

logger = logging.getLogger(__name__)

# Child rows sent with a listing, by model: the relation name and its model's fields.
CHILD_RELATIONS = {
    Program: ("intakes",),
    Homestay: ("availability",),
}


def listing_submit(*, listing: Listing, user) -> None:
    """Put the listing's latest revision in front of the admins (restarting a running review).

    Without an active "Listing approval" workflow the change simply waits as a draft, which
    admins publish from the admin.
    """
    workflow = listing.get_workflow()
    if workflow is None:
        logger.warning("No approval workflow for %s: %s waits as a draft", type(listing), listing)
        return
    state = listing.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow.start(listing, user)


def _children_set(listing: Listing, children: dict[str, list[dict[str, Any]]]) -> None:
    for relation, rows in children.items():
        child_model = listing._meta.get_field(relation).related_model
        setattr(listing, relation, [child_model(**row) for row in rows])


@transaction.atomic
def listing_create(
    *,
    model: type[Listing],
    user,
    fields: dict[str, Any],
    children: dict[str, list[dict[str, Any]]] | None = None,
) -> Listing:
    """A new listing owned by `user` (or its institution's owner): public once approved."""
    listing = model(**fields)
    if model is not Program:
        listing.owner = user
    _children_set(listing, children or {})
    staff = is_staff(user)
    listing = CreateAction(listing, user=user, publish=staff, clean=True).execute(
        skip_permission_checks=True
    )
    if not staff:
        listing_submit(listing=listing, user=user)
    return listing


@transaction.atomic
def listing_update(
    *,
    listing: Listing,
    user,
    fields: dict[str, Any],
    children: dict[str, list[dict[str, Any]]] | None = None,
) -> Listing:
    """Change a listing: public fields through approval (staff: at once), private ones at once.

    `listing` is the database row; the change applies to its latest version, so two pending
    changes in a row add up instead of the second undoing the first.
    """
    if not listing_manages(user, listing):
        raise PermissionDenied("Only the owner of this listing or staff may change it.")
    model = type(listing)
    row = model.objects.select_for_update().get(pk=listing.pk)
    private = {name: value for name, value in fields.items() if name in model.private_fields}
    public = {name: value for name, value in fields.items() if name not in private}
    children = children or {}

    if private:
        # Not public, not moderated: straight to the row (revisions never carry them).
        model.objects.filter(pk=row.pk).update(**private, updated_at=timezone.now())
        for name, value in private.items():
            setattr(row, name, value)

    if public or children:
        draft = row.get_latest_revision_as_object()
        for name, value in public.items():
            setattr(draft, name, value)
        _children_set(draft, children)
        staff = is_staff(user)
        EditAction(draft, user=user, publish=staff, clean=True).execute(skip_permission_checks=True)
        if not staff:
            listing_submit(listing=draft, user=user)
    return model.objects.get(pk=row.pk)


# --- Applications ---------------------------------------------------------------------------


def application_create(
    *, learner, program: Program | None = None, homestay: Homestay | None = None, message: str = ""
) -> Application:
    """Apply to an approved program or homestay; one open application per listing."""
    target = program or homestay
    if target is None or (program is not None and homestay is not None):
        raise ValidationError(
            {"non_field_errors": ["Apply to exactly one program or one homestay."]}
        )
    owner_id = program.institution.owner_id if program is not None else homestay.owner_id
    if owner_id == learner.pk:
        raise ValidationError("You cannot apply to your own listing.", code="own_listing")
    try:
        with transaction.atomic():
            return Application.objects.create(
                learner=learner, program=program, homestay=homestay, message=message
            )
    except IntegrityError:
        raise ValidationError(
            "You already have an open application to this listing.", code="already_applied"
        ) from None


def application_side(*, application: Application, user) -> Side | None:
    """Whether `user` acts on this application as its learner or as the listing's owner."""
    if application.learner_id == user.pk:
        return Side.LEARNER
    if application.target_owner_id == user.pk:
        return Side.OWNER
    return None


@transaction.atomic
def application_status_change(*, application: Application, user, status: str) -> Application:
    """Move an application along the status machine and mail the learner about it."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    side = application_side(application=application, user=user)
    if side is None:
        raise PermissionDenied("Only the learner and the owner of the listing move an application.")
    application_transition_check(current=locked.status, new=status, side=side)
    application.status = status
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at", "updated_at"])
    transaction.on_commit(lambda: application_status_mail_send(application=application))
    return application


def application_message_create(
    *, application: Application, author, text: str
) -> ApplicationMessage:
    """A message on an application, from its learner or the listing's owner."""
    if application_side(application=application, user=author) is None:
        raise PermissionDenied("Only the learner and the owner of the listing write here.")
    return ApplicationMessage.objects.create(application=application, author=author, text=text)
