from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    default = True  # this module also holds UsersAppConfig
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from members import (
            schema,  # noqa: F401 - registers the OpenAPI auth extension
            signals,  # noqa: F401 - connects the receivers
        )


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the member's role on the edit form."""

    user_viewset = "members.views_admin.UserViewSet"
