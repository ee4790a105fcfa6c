"""The application status machine, as a plain function: every allowed and refused move."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from abroad.models import Application
from abroad.transitions import Side, application_transition_check, application_transitions_allowed

S = Application.Status
ALLOWED = {
    (Side.OWNER, S.SUBMITTED, S.UNDER_REVIEW),
    (Side.OWNER, S.UNDER_REVIEW, S.ACCEPTED),
    (Side.OWNER, S.UNDER_REVIEW, S.REJECTED),
    (Side.LEARNER, S.SUBMITTED, S.WITHDRAWN),
    (Side.LEARNER, S.UNDER_REVIEW, S.WITHDRAWN),
}
EVERY_MOVE = [
    (side, current, new) for side, current, new in itertools.product(Side, S.values, S.values)
]


@pytest.mark.parametrize(("side", "current", "new"), sorted(ALLOWED))
def test_allowed_moves_pass(side, current, new):
    application_transition_check(current=current, new=new, side=side)


@pytest.mark.parametrize(
    ("side", "current", "new"), [move for move in EVERY_MOVE if move not in ALLOWED]
)
def test_every_other_move_is_refused_with_invalid_transition(side, current, new):
    with pytest.raises(ValidationError) as raised:
        application_transition_check(current=current, new=new, side=side)
    assert raised.value.code == "invalid_transition"
    assert f"from {current} to {new}" in raised.value.messages[0]


def test_allowed_lists_follow_the_machine():
    assert application_transitions_allowed(status=S.SUBMITTED, side=Side.OWNER) == ["under_review"]
    assert application_transitions_allowed(status=S.UNDER_REVIEW, side=Side.OWNER) == [
        "accepted",
        "rejected",
    ]
    assert application_transitions_allowed(status=S.UNDER_REVIEW, side=Side.LEARNER) == [
        "withdrawn"
    ]
    for final in (S.ACCEPTED, S.REJECTED, S.WITHDRAWN):
        for side in Side:
            assert application_transitions_allowed(status=final, side=side) == []


def test_the_refusal_says_what_is_allowed():
    with pytest.raises(ValidationError, match=r"allowed: under_review"):
        application_transition_check(current=S.SUBMITTED, new=S.ACCEPTED, side=Side.OWNER)
