"""Wagtail admin for study abroad: listings as snippets with drafts, revisions and approval.

Institution and homestay accounts reach the admin for their own listings only: every listing,
chooser and per-object view (edit, history, revisions, workflow actions...) goes through the
owner-aware permission policy, so another owner's listing is neither listed nor opened (403).
Admins see everything and approve changes in the "Listing approval" workflow (the dashboard's
"Awaiting your review"); owners save drafts and submit them there, and cannot publish.
"""

from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _
from wagtail.actions.edit import EditAction
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from abroad.models import Homestay, Institution, Listing, Program
from abroad.selectors import listing_policy

OBJECT_ACTIONS = ["change", "view", "delete", "publish"]


class ListingAdminForm(WagtailAdminModelForm):
    """Owners never pick an owner (they are it) and choose only among their institutions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        model = self._meta.model
        if "institution" in self.fields:
            field = self.fields["institution"]
            field.widget = forms.Select()
            field.queryset = listing_policy(Institution).instances_user_has_any_permission_for(
                user, ["change", "view"]
            )
            if self.instance.pk:
                # A program stays with its institution (revisions never move it).
                field.disabled = True
        if "amenities" in self.fields:
            self.fields["amenities"] = forms.MultipleChoiceField(
                label=_("Amenities"),
                choices=Homestay.Amenity.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=self.instance.amenities if self.instance.pk else [],
            )
        if "owner" in self.fields and model is not Program:
            self.fields["owner"].required = False
            self.fields["owner"].help_text = _("Empty: you.")

    def save(self, commit=True):
        instance = self.instance
        if not isinstance(instance, Program) and not instance.owner_id:
            instance.owner = self.for_user
        return super().save(commit=commit)


class ListingEditAction(EditAction):
    """Wagtail's edit, plus: private fields of a live listing apply at once (unmoderated)."""

    def _save_instance(self):
        super()._save_instance()
        instance = self.instance
        if self.draftstate_enabled and instance.live and instance.private_fields:
            values = {name: getattr(instance, name) for name in instance.private_fields}
            type(instance).objects.filter(pk=instance.pk).update(**values)


def owner_checked(view, model: type[Listing]):
    """Refuse (403) a per-object admin view of a listing the member may not manage."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            instance = model._default_manager.filter(pk=unquote(str(pk))).first()
            if instance is not None and not listing_policy(
                model
            ).user_has_any_permission_for_instance(request.user, OBJECT_ACTIONS, instance):
                raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def _own(queryset, model, user):
    policy = listing_policy(model)
    if policy.user_sees_everything(user):
        return queryset
    return queryset.filter(**{model.owner_lookup: user})


class ListingIndexView(IndexView):
    def get_base_queryset(self):
        return _own(super().get_base_queryset(), self.model, self.request.user)


class OwnChooseView(ChooseView):
    def get_object_list(self):
        return _own(super().get_object_list(), self.model_class, self.request.user)


class OwnChooseResultsView(ChooseResultsView):
    def get_object_list(self):
        return _own(super().get_object_list(), self.model_class, self.request.user)


class ListingChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OwnChooseView
    choose_results_view_class = OwnChooseResultsView


class ListingViewSet(SnippetViewSet):
    index_view_class = ListingIndexView
    chooser_viewset_class = ListingChooserViewSet
    inspect_view_enabled = True
    copy_view_enabled = False
    # Search the listings with the database (they are not in the search index).
    search_backend_name = None

    def get_edit_handler(self):
        return ObjectList(self.model.panels, base_form_class=ListingAdminForm).bind_to_model(
            self.model
        )

    def get_urlpatterns(self):
        patterns = []
        for pattern in super().get_urlpatterns():
            if isinstance(pattern, URLPattern) and "pk" in str(pattern.pattern):
                pattern = URLPattern(
                    pattern.pattern,
                    owner_checked(pattern.callback, self.model),
                    pattern.default_args,
                    pattern.name,
                )
            patterns.append(pattern)
        return patterns


class InstitutionViewSet(ListingViewSet):
    model = Institution
    icon = "site"
    list_display = ["name", "kind", "country", "city", "owner"]
    list_filter = ["kind", "country", "live"]
    search_fields = ["name", "city"]


class ProgramViewSet(ListingViewSet):
    model = Program
    icon = "list-ul"
    list_display = [
        "title",
        "institution",
        "level",
        "tuition_amount",
        "tuition_currency",
    ]
    list_filter = ["level", "tuition_currency", "live"]
    search_fields = ["title"]


class HomestayViewSet(ListingViewSet):
    model = Homestay
    icon = "home"
    list_display = [
        "title",
        "city",
        "country",
        "price_per_week_amount",
        "price_per_week_currency",
        "owner",
    ]
    list_filter = ["country", "live"]
    search_fields = ["title", "city"]


class StudyAbroadViewSetGroup(SnippetViewSetGroup):
    items = (InstitutionViewSet, ProgramViewSet, HomestayViewSet)
    menu_icon = "globe"
    menu_label = _("Study abroad")
    menu_name = "study-abroad"
    menu_order = 240
