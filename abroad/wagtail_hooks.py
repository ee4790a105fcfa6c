from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from abroad.models import Homestay, Institution, Program
from abroad.selectors import listing_policy
from abroad.views_admin import ListingEditAction, StudyAbroadViewSetGroup

# Before anything asks the registry: the owner-aware policy is the one Wagtail's views and
# actions use for listings (see abroad.permissions).
for _model in (Institution, Program, Homestay):
    register_permission_policy(_model, listing_policy(_model), exact_class=True)

register_snippet(StudyAbroadViewSetGroup)


@hooks.register("register_actions")
def register_listing_actions(registry):
    for model in (Institution, Program, Homestay):
        registry.register(model, ListingEditAction)
