"""Who may manage which listing: one permission policy for the API and the Wagtail admin.

The role groups carry the model permissions (migration `0002_listing_roles_and_workflow`):
Institutions add and change institutions and programs, Homestays homestays, Admins everything
including `publish` (approving). On top of those, a member without `publish` acts only on the
listings they own: an institution's own, the programs of their own institutions, their own
homestays.
"""

from django.db.models import Model, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from abroad.models import Program


def owner_id_of(instance: Model) -> int | None:
    """The id of the member who owns a listing (a program belongs to its institution's owner)."""
    if isinstance(instance, Program):
        return instance.institution.owner_id if instance.institution_id else None
    return instance.owner_id


class ListingPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the member's own listings unless they may publish."""

    def user_sees_everything(self, user) -> bool:
        return bool(
            user.is_active and (user.is_superuser or self.user_has_permission(user, "publish"))
        )

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return self.user_sees_everything(user) or owner_id_of(instance) == user.pk

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        queryset = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return queryset.none()
        if self.user_sees_everything(user):
            return queryset
        return queryset.filter(**{self.model.owner_lookup: user})

    def instances_user_has_permission_for(self, user, action) -> QuerySet:
        return self.instances_user_has_any_permission_for(user, [action])

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        owner_id = owner_id_of(instance)
        publishers = self.users_with_permission("publish")
        return users.filter(pk__in=publishers) | users.filter(pk=owner_id)
