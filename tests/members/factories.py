"""factory-boy factories of members: a user with a verified (or not) address and a role."""

import factory
from allauth.account.models import EmailAddress

from members.models import Role, User
from members.roles import member_role_set

DEFAULT_PASSWORD = "a-Strong-passphrase-42"


class MemberFactory(factory.django.DjangoModelFactory):
    """`MemberFactory(email=..., role=Role.TEACHER, verified=False, first_name=...)`."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    # Not model fields: `_create` uses them.
    password = DEFAULT_PASSWORD
    verified = True
    role = Role.STUDENT

    @classmethod
    def _create(cls, model_class, *args, password, verified, role, **fields):
        # The manager makes the profile (role student) with the user, as a sign-up does.
        user = model_class.objects.create_user(password=password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        if role != user.profile.role:
            member_role_set(user=user, role=role)
        user.refresh_from_db()
        return user
