"""The study-abroad API under /api/v1/abroad/ (paths fixed by the contract, docs/study-abroad.md).

Views stay thin: they check who asks, validate, call one selector or service and serialize.
Listings are public once approved; their owners and staff also see them before, in their
latest (pending) version, with `approval` filled in.
"""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiTypes,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from abroad import examples, selectors, services
from abroad.filters import (
    HomestayFilter,
    InstitutionFilter,
    ProgramFilter,
    StrictFilterBackend,
    locale_check,
)
from abroad.models import Application, Homestay, Institution, Listing, Program
from abroad.serializers import (
    ApplicationCreateSerializer,
    ApplicationFilterSerializer,
    ApplicationMessageCreateSerializer,
    ApplicationMessageSerializer,
    ApplicationSerializer,
    ApplicationUpdateSerializer,
    HomestaySerializer,
    HomestayWriteSerializer,
    InstitutionSerializer,
    InstitutionWriteSerializer,
    ProgramSerializer,
    ProgramWriteSerializer,
)
from core.exceptions import InvalidParameter, query_params_clean
from members.permissions import IsVerifiedMember

LOCALE_PARAMETER = OpenApiParameter(
    "locale",
    OpenApiTypes.STR,
    description="Language of the translatable texts (en, es, pt, fr, ja); English where a "
    "text has no translation. An unknown locale is 400 invalid_parameter.",
)
MINE_PARAMETER = OpenApiParameter(
    "mine",
    OpenApiTypes.BOOL,
    description="true: the listings you own (staff: all), in every approval state and in "
    "their latest version, with `approval`. Needs a signed-in member.",
)


class MineSerializer(serializers.Serializer):
    mine = serializers.BooleanField(required=False, default=False)


def _params_only(request, allowed: set[str]) -> None:
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise InvalidParameter(
            f"query parameter is not an operation or a recognised field: {unknown[0]}",
            errors={name: ["Unknown query parameter."] for name in unknown},
        )


class ListingViewMixin:
    """What listing views share: who sees which version, and the serializer context."""

    model: type[Listing]
    read_serializer_class: type[serializers.Serializer]
    write_serializer_class: type[serializers.Serializer]
    children: tuple[str, ...] = ()
    not_found = "No such listing."
    may_not_add = "Your account may not add this kind of listing."

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated()]

    def serializer_context(self, listings: list[Listing]) -> dict[str, Any]:
        user = self.request.user
        context = {
            "request": self.request,
            "view": self,
            "locale": self.request.query_params.get("locale"),
        }
        managed = [listing for listing in listings if selectors.listing_manages(user, listing)]
        context["managed_ids"] = {listing.pk for listing in managed}
        context["workflow_states"] = selectors.workflow_states_of(managed)
        if self.model is Homestay:
            context["accepted_homestay_ids"] = selectors.homestays_with_accepted_application(
                user=user, homestay_ids=[listing.pk for listing in listings]
            )
        return context

    def represent(self, listings: list[Listing]) -> list[dict]:
        """Listings the member manages in their latest version, the others as approved."""
        managed_ids = {
            listing.pk
            for listing in listings
            if selectors.listing_manages(self.request.user, listing)
        }
        latest = {
            listing.pk: listing
            for listing in selectors.listings_latest(
                [listing for listing in listings if listing.pk in managed_ids]
            )
        }
        shown = [latest.get(listing.pk, listing) for listing in listings]
        return self.read_serializer_class(
            shown, many=True, context=self.serializer_context(listings)
        ).data

    def write_context(self) -> dict[str, Any]:
        context = {"request": self.request}
        if self.model is Program:
            context["institutions_managed"] = selectors.listings_owned(
                Institution, user=self.request.user
            )
        return context

    def split(self, validated: dict[str, Any]) -> tuple[dict, dict]:
        fields = {name: value for name, value in validated.items() if name not in self.children}
        children = {
            name: [dict(row) for row in value]
            for name, value in validated.items()
            if name in self.children
        }
        return fields, children


class ListingListView(ListingViewMixin, ListAPIView):
    filter_backends = [StrictFilterBackend]

    def get_queryset(self):
        mine = query_params_clean(MineSerializer, self.request)["mine"]
        if mine:
            if not self.request.user.is_authenticated:
                raise InvalidParameter("mine=true needs a signed-in member.")
            return selectors.listings_owned(self.model, user=self.request.user)
        return selectors.listings_public(self.model)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.represent(page))

    def post(self, request, *args, **kwargs):
        policy = selectors.listing_policy(self.model)
        if not policy.user_has_permission(request.user, "add"):
            raise PermissionDenied(self.may_not_add)
        serializer = self.write_serializer_class(data=request.data, context=self.write_context())
        serializer.is_valid(raise_exception=True)
        fields, children = self.split(serializer.validated_data)
        listing = services.listing_create(
            model=self.model, user=request.user, fields=fields, children=children
        )
        listing = selectors.listings_owned(self.model, user=request.user).get(pk=listing.pk)
        return Response(self.represent([listing])[0], status=status.HTTP_201_CREATED)


class ListingDetailView(ListingViewMixin, GenericAPIView):
    def listing_get(self, pk: int) -> Listing:
        _params_only(self.request, {"locale"})
        locale_check(self.request)
        listing = selectors.listing_visible_get(self.model, user=self.request.user, pk=pk)
        if listing is None:
            raise Http404(self.not_found)
        return listing

    def get(self, request, pk: int):
        return Response(self.represent([self.listing_get(pk)])[0])

    def patch(self, request, pk: int):
        listing = self.listing_get(pk)
        if not selectors.listing_manages(request.user, listing):
            raise PermissionDenied("Only the owner of this listing or staff may change it.")
        serializer = self.write_serializer_class(
            listing, data=request.data, partial=True, context=self.write_context()
        )
        serializer.is_valid(raise_exception=True)
        fields, children = self.split(serializer.validated_data)
        services.listing_update(
            listing=listing, user=request.user, fields=fields, children=children
        )
        listing = selectors.listings_owned(self.model, user=request.user).get(pk=pk)
        return Response(self.represent([listing])[0])


# --- The three kinds of listing -------------------------------------------------------------


def listing_views(
    *,
    model: type[Listing],
    read: type[serializers.Serializer],
    write: type[serializers.Serializer],
    filterset,
    children: tuple[str, ...] = (),
    tag: str,
    noun: str,
    may_not_add: str,
):
    attrs = {
        "model": model,
        "read_serializer_class": read,
        "serializer_class": read,
        "write_serializer_class": write,
        "children": children,
        "not_found": f"No such {noun}.",
        "may_not_add": may_not_add,
    }
    list_view = type(
        f"{model.__name__}ListView", (ListingListView,), {**attrs, "filterset_class": filterset}
    )
    detail_view = type(f"{model.__name__}DetailView", (ListingDetailView,), attrs)
    list_examples, detail_examples, write_examples = examples.for_model(model)
    list_view = extend_schema_view(
        get=extend_schema(
            tags=[tag],
            summary=f"Approved {noun}s",
            parameters=[LOCALE_PARAMETER, MINE_PARAMETER],
            responses=read(many=True),
            examples=list_examples,
        ),
        post=extend_schema(
            tags=[tag],
            summary=f"Add a {noun} (public once an admin approves it)",
            request=write,
            responses={201: read},
            examples=write_examples,
        ),
    )(list_view)
    detail_view = extend_schema_view(
        get=extend_schema(
            tags=[tag],
            summary=f"One {noun}",
            parameters=[LOCALE_PARAMETER],
            responses=read,
            examples=detail_examples,
        ),
        patch=extend_schema(
            tags=[tag],
            summary=f"Change your {noun} (public fields wait for approval)",
            request=write,
            responses=read,
        ),
    )(detail_view)
    return list_view, detail_view


InstitutionListView, InstitutionDetailView = listing_views(
    model=Institution,
    read=InstitutionSerializer,
    write=InstitutionWriteSerializer,
    filterset=InstitutionFilter,
    tag="abroad: institutions",
    noun="institution",
    may_not_add="Only institution accounts add institutions.",
)
ProgramListView, ProgramDetailView = listing_views(
    model=Program,
    read=ProgramSerializer,
    write=ProgramWriteSerializer,
    filterset=ProgramFilter,
    children=("intakes",),
    tag="abroad: programs",
    noun="program",
    may_not_add="Only institution accounts add programs.",
)
HomestayListView, HomestayDetailView = listing_views(
    model=Homestay,
    read=HomestaySerializer,
    write=HomestayWriteSerializer,
    filterset=HomestayFilter,
    children=("availability",),
    tag="abroad: homestays",
    noun="homestay",
    may_not_add="Only homestay accounts add homestays.",
)


# --- Applications ---------------------------------------------------------------------------


class ApplicationViewMixin:
    def serializer_context(self, applications: list[Application]) -> dict[str, Any]:
        return {
            "request": self.request,
            "accepted_homestay_ids": selectors.homestays_with_accepted_application(
                user=self.request.user,
                homestay_ids=[a.homestay_id for a in applications if a.homestay_id],
            ),
        }

    def represent(self, application: Application) -> dict:
        return ApplicationSerializer(
            application, context=self.serializer_context([application])
        ).data

    def application_get(self, pk: int) -> Application:
        application = selectors.application_visible_get(user=self.request.user, pk=pk)
        if application is None:
            raise Http404("No such application.")
        return application


@extend_schema_view(
    get=extend_schema(
        tags=["abroad: applications"],
        summary="Your applications, and those to your listings",
        parameters=[ApplicationFilterSerializer],
        examples=examples.APPLICATION_LIST,
    ),
    post=extend_schema(
        tags=["abroad: applications"],
        summary="Apply to an approved program or homestay",
        request=ApplicationCreateSerializer,
        responses={201: ApplicationSerializer},
        examples=examples.APPLICATION_CREATE,
    ),
)
class ApplicationListView(ApplicationViewMixin, ListAPIView):
    serializer_class = ApplicationSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated(), IsVerifiedMember()]
        return [IsAuthenticated()]

    def get_queryset(self):
        filters = query_params_clean(ApplicationFilterSerializer, self.request)
        queryset = selectors.applications_visible(user=self.request.user)
        if "status" in filters:
            queryset = queryset.filter(status=filters["status"])
        return queryset

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = ApplicationSerializer(page, many=True, context=self.serializer_context(page)).data
        return self.get_paginated_response(data)

    def post(self, request, *args, **kwargs):
        serializer = ApplicationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        targets: dict[str, Any] = {}
        for name, model in (("program", Program), ("homestay", Homestay)):
            if name in data:
                targets[name] = selectors.listings_public(model).filter(pk=data[name]).first()
                if targets[name] is None:
                    raise ValidationError({name: [f"No such {name}."]})
        application = services.application_create(
            learner=request.user, message=data["message"], **targets
        )
        application = selectors.application_queryset().get(pk=application.pk)
        return Response(self.represent(application), status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(tags=["abroad: applications"], summary="One application"),
    patch=extend_schema(
        tags=["abroad: applications"],
        summary="Move an application (owner) or withdraw it (learner)",
        request=ApplicationUpdateSerializer,
        examples=examples.APPLICATION_UPDATE,
    ),
)
class ApplicationDetailView(ApplicationViewMixin, GenericAPIView):
    serializer_class = ApplicationSerializer

    def get(self, request, pk: int):
        return Response(self.represent(self.application_get(pk)))

    def patch(self, request, pk: int):
        application = self.application_get(pk)
        serializer = ApplicationUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.application_status_change(
            application=application, user=request.user, status=serializer.validated_data["status"]
        )
        return Response(self.represent(application))


@extend_schema_view(
    get=extend_schema(tags=["abroad: applications"], summary="Messages on an application"),
    post=extend_schema(
        tags=["abroad: applications"],
        summary="Write to the other side of an application",
        request=ApplicationMessageCreateSerializer,
        responses={201: ApplicationMessageSerializer},
    ),
)
class ApplicationMessageListView(ApplicationViewMixin, ListAPIView):
    """Messages between the learner and the owner of the listing, oldest first."""

    serializer_class = ApplicationMessageSerializer

    def get_queryset(self):
        return selectors.application_messages(application=self.application_get(self.kwargs["pk"]))

    def post(self, request, pk: int):
        application = self.application_get(pk)
        serializer = ApplicationMessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.application_message_create(
            application=application, author=request.user, text=serializer.validated_data["text"]
        )
        return Response(ApplicationMessageSerializer(message).data, status=status.HTTP_201_CREATED)
