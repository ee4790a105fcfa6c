"""The status machine of applications, as a plain function (tested without HTTP).

    submitted ──owner──▶ under_review ──owner──▶ accepted
        │                    │        └──owner──▶ rejected
        └──learner──▶ withdrawn ◀──learner──┘

Only the owner of the listing moves an application forward; the learner may only withdraw it,
and only while it is open (submitted or under review). Everything else is refused.
"""

from enum import StrEnum

from django.core.exceptions import ValidationError

from abroad.models import Application

Status = Application.Status


class Side(StrEnum):
    """Who asks for the change: the applying learner or the owner of the listing."""

    LEARNER = "learner"
    OWNER = "owner"


TRANSITIONS: dict[Side, dict[str, frozenset[str]]] = {
    Side.OWNER: {
        Status.SUBMITTED: frozenset({Status.UNDER_REVIEW}),
        Status.UNDER_REVIEW: frozenset({Status.ACCEPTED, Status.REJECTED}),
    },
    Side.LEARNER: {
        Status.SUBMITTED: frozenset({Status.WITHDRAWN}),
        Status.UNDER_REVIEW: frozenset({Status.WITHDRAWN}),
    },
}


def application_transitions_allowed(*, status: str, side: Side) -> list[str]:
    """The statuses `side` may move an application in `status` to, in the machine's order."""
    allowed = TRANSITIONS[side].get(status, frozenset())
    return [value for value in Status.values if value in allowed]


def application_transition_check(*, current: str, new: str, side: Side) -> None:
    """Raise a 400 (`invalid_transition`) unless `side` may move `current` to `new`."""
    if new in TRANSITIONS[side].get(current, frozenset()):
        return
    allowed = application_transitions_allowed(status=current, side=side)
    hint = f" (allowed: {', '.join(allowed)})" if allowed else " (nothing is allowed now)"
    who = "The learner" if side is Side.LEARNER else "The owner of the listing"
    raise ValidationError(
        f"{who} cannot move an application from {current} to {new}{hint}.",
        code="invalid_transition",
    )
