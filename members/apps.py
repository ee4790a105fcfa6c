from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    default = True  # this module also holds UsersAppConfig
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from members import (
            schema,  # noqa: F401 - registers the OpenAPI auth extension
            signals,  # noqa: F401 - connects the receivers
        )
        from members.collections import page_published_media_review

        # A creator's uploads leave their collection once a page using them goes live.
        page_published.connect(page_published_media_review, dispatch_uid="members-media-review")


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with members' roles: a role column in the list, and the role
    (never groups) on the forms."""

    user_viewset = "members.views_admin.UserViewSet"
