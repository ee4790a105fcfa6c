"""Toto's members: one user model for learners, editors and partners, signing in by email."""

import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email: str):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A member of Toto. The email address is the login and is unique, ignoring case."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_verified(self) -> bool:
        """Whether the member proved they own their email address (code or trusted provider)."""
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(
            user=self, email__iexact=self.email, verified=True
        ).exists()


class Role(models.TextChoices):
    """What a member may do. Each role is backed by a group of the same name (see roles.py)."""

    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    CONTENT_CREATOR = "content_creator", _("Content creator")
    INSTITUTION = "institution", _("Institution")
    HOMESTAY = "homestay", _("Homestay")
    ADMIN = "admin", _("Admin")


def avatar_upload_to(instance: "Profile", filename: str) -> str:
    # The name is chosen by members.avatars (random); this only places it.
    return f"avatars/{filename}"


class Profile(models.Model):
    """Everything about a member beyond the login: one per user, created with it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STUDENT)
    language_preference = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        help_text=_("Language code for content and mails."),
    )
    timezone = models.CharField(
        _("time zone"), max_length=64, default="UTC", help_text=_("IANA name.")
    )
    notification_preferences = models.JSONField(default=dict, blank=True)
    bio = models.TextField(max_length=1000, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    avatar = models.ImageField(upload_to=avatar_upload_to, blank=True, max_length=255)
    avatar_small = models.ImageField(upload_to=avatar_upload_to, blank=True, max_length=255)
    avatar_medium = models.ImageField(upload_to=avatar_upload_to, blank=True, max_length=255)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["role"])]

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class RoleRequest(models.Model):
    """A member's wish for another role; an admin grants or refuses it in the admin."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    REQUESTABLE_ROLES = (Role.TEACHER, Role.INSTITUTION, Role.HOMESTAY)

    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="role_requests"
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=[(role.value, role.label) for role in REQUESTABLE_ROLES],
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role request")
        verbose_name_plural = _("role requests")
        ordering = ["-created_at"]
        constraints = [
            # One open request at a time per member.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="members_rolerequest_one_pending_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.get_role_display()} ({self.get_status_display()})"


class SignInSession(models.Model):
    """One sign-in of a member on one device: the JWTs it was given live and die with it.

    Its id travels in every token as the `sid` claim. Ending it (logout, password change
    elsewhere, reset, deactivation) makes its access tokens useless at once and blacklists its
    refresh tokens. It is remembered in the allauth session too, whose key may change (Django
    cycles it on a password change) while this id stays.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_sessions")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The key of the allauth (Django) session it was started in, kept current when Django cycles
    # it: allauth's endpoints find that session from the access token alone (members.tokens).
    session_key = models.CharField(max_length=40, blank=True, default="", editable=False)

    class Meta:
        indexes = [models.Index(fields=["user", "ended_at"], name="members_signin_user_idx")]

    def __str__(self) -> str:
        return f"sign-in {self.pk} of user {self.user_id}"


class SessionRefreshToken(models.Model):
    """Which sign-in session a refresh token was issued to."""

    token = models.OneToOneField(
        "token_blacklist.OutstandingToken",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="session_link",
    )
    sign_in_session = models.ForeignKey(
        SignInSession, on_delete=models.CASCADE, related_name="refresh_tokens"
    )

    def __str__(self) -> str:
        return f"token {self.token_id} of {self.sign_in_session_id}"


class Follow(models.Model):
    """`follower` follows `followed`: once per pair, never oneself (both enforced by the DB)."""

    follower = models.ForeignKey(User, on_delete=models.CASCADE, related_name="following_links")
    followed = models.ForeignKey(User, on_delete=models.CASCADE, related_name="follower_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="members_follow_once"),
            models.CheckConstraint(
                condition=~models.Q(follower=models.F("followed")),
                name="members_follow_not_self",
            ),
        ]
        indexes = [
            # "Who follows X" and "whom does X follow", newest first.
            models.Index(fields=["followed", "-created_at"], name="members_follow_followers_idx"),
            models.Index(fields=["follower", "-created_at"], name="members_follow_following_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"
