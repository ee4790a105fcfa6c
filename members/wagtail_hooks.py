from wagtail import hooks

from members.views_admin import RoleRequestViewSet


@hooks.register("register_admin_viewset")
def register_role_request_viewset():
    return RoleRequestViewSet("role_requests")
