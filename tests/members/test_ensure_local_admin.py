"""`manage.py ensure_local_admin`: created once with a printed password, then kept."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from members.models import Role, User

pytestmark = pytest.mark.django_db

EMAIL = "admin@toto.local"


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


def run(*args) -> str:
    output = io.StringIO()
    call_command("ensure_local_admin", *args, stdout=output)
    return output.getvalue()


def printed_password(output: str) -> str:
    match = re.search(r"password: (\S+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def signs_in(password: str) -> bool:
    return User.objects.get(email=EMAIL).check_password(password)


def test_the_first_run_creates_an_admin_and_prints_its_password():
    output = run()

    password = printed_password(output)
    admin = User.objects.get(email=EMAIL)
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert admin.profile.role == Role.ADMIN
    assert EMAIL in output
    assert signs_in(password)


def test_a_second_run_keeps_the_password_and_says_how_to_reset_it():
    password = printed_password(run())
    hashed = User.objects.get(email=EMAIL).password

    output = run()

    assert User.objects.get(email=EMAIL).password == hashed
    assert signs_in(password)
    assert EMAIL in output
    assert "password: unchanged" in output
    assert password not in output
    assert "--reset-password" in output


def test_a_password_the_admin_chose_is_kept():
    run()
    admin = User.objects.get(email=EMAIL)
    admin.set_password("my own choice")
    admin.save()

    run()

    assert signs_in("my own choice")


def test_reset_password_sets_and_prints_a_new_one():
    old = printed_password(run())

    new = printed_password(run("--reset-password"))

    assert new != old
    assert signs_in(new)
    assert not signs_in(old)


def test_an_explicit_password_is_set():
    run()

    run("--password", "a-chosen-passphrase")

    assert signs_in("a-chosen-passphrase")


def test_an_existing_member_with_the_address_becomes_admin_with_a_password():
    member = User.objects.create_user(email=EMAIL, password=None)
    assert member.profile.role == Role.STUDENT

    password = printed_password(run())

    member.refresh_from_db()
    assert member.is_superuser and member.is_staff
    assert member.profile.role == Role.ADMIN
    assert member.groups.filter(name="Admins").exists()
    assert signs_in(password)


def test_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="local development"):
        run()
