from wagtail import hooks

from members.views_admin import MemberRoleBulkAction, RoleRequestViewSet

# After Wagtail's own "assign_role" (order 0), which it replaces: roles, not any group.
hooks.register("register_bulk_action", MemberRoleBulkAction, order=100)


@hooks.register("register_admin_viewset")
def register_role_request_viewset():
    return RoleRequestViewSet("role_requests")
