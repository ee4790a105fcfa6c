from wagtail import hooks

from core.editing import AppPageViewSet
from home.models import HomePage


@hooks.register("register_admin_viewset")
def register_home_page_viewset():
    # New pages are created by an explicit save only, one at a time (core.editing).
    return AppPageViewSet("home_pages", model=HomePage)
