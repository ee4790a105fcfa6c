"""Shapes of study abroad in the API: listings (read and write) and applications.

Money is `{"amount": "1250.00", "currency": "GBP"}`: the amount a decimal string (never a
float), the currency an ISO 4217 code. Countries are ISO 3166-1 alpha-2 codes. Photos come as
rendition URLs (`core.media`). A homestay's `address` and `contact` are null unless the
request may see them (`abroad.selectors.homestay_private_visible`).
"""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.models import WorkflowState

from abroad.codes import COUNTRIES, CURRENCIES
from abroad.models import (
    MIN_PRICE,
    MONEY_DECIMAL_PLACES,
    MONEY_MAX_DIGITS,
    Application,
    ApplicationMessage,
    Homestay,
    HomestayAvailability,
    Institution,
    Listing,
    Program,
    ProgramIntake,
)
from abroad.selectors import homestay_private_visible
from abroad.transitions import application_transitions_allowed
from core.media import COVER_RENDITIONS, image_representation
from members.public import MemberPublicSerializer

PHOTO_RENDITIONS = COVER_RENDITIONS


def listing_text(listing: Listing, field: str, locale: str | None) -> str:
    """The text of a translatable field in `locale` (`?locale=`): its translation, or the
    English text where the translation leaves the field blank or there is none."""
    return listing.text_in(field, locale)


# --- Building blocks ------------------------------------------------------------------------


class CodeField(serializers.CharField):
    """An ISO code: accepted in any case, stored and shown in upper case."""

    def __init__(self, *, codes, what: str, **kwargs):
        self.codes, self.what = codes, what
        kwargs.setdefault("max_length", 3)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        code = super().to_internal_value(data).strip().upper()
        if code not in self.codes:
            raise serializers.ValidationError(_("Unknown %(what)s code.") % {"what": self.what})
        return code


class MoneySerializer(serializers.Serializer):
    amount = serializers.DecimalField(
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        min_value=MIN_PRICE,
        help_text='A decimal string such as "1250.00" (numbers are accepted on input).',
    )
    currency = CodeField(codes=CURRENCIES, what="ISO 4217 currency", help_text="ISO 4217 code.")


class MoneyField(serializers.Field):
    """Two model fields (`<prefix>_amount`, `<prefix>_currency`) as one money object."""

    def __init__(self, prefix: str, **kwargs):
        self.prefix = prefix
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, instance) -> dict[str, str]:
        amount: Decimal = getattr(instance, f"{self.prefix}_amount")
        return {
            "amount": f"{amount:.{MONEY_DECIMAL_PLACES}f}",
            "currency": getattr(instance, f"{self.prefix}_currency"),
        }

    def to_internal_value(self, data) -> dict[str, Any]:
        serializer = MoneySerializer(data=data)
        serializer.is_valid(raise_exception=True)
        return {
            f"{self.prefix}_amount": serializer.validated_data["amount"],
            f"{self.prefix}_currency": serializer.validated_data["currency"],
        }


extend_schema_field(MoneySerializer)(MoneyField)


class ImageSerializer(serializers.Serializer):
    """The shape of `core.media.image_representation` (for the schema)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.DictField(
        child=serializers.DictField(),
        help_text="By name (thumbnail 320×180, card 640×360, hero 1600×900): "
        "{url, width, height}, URLs absolute.",
    )


class PhotoSerializer(serializers.Serializer):
    caption = serializers.CharField()
    image = serializers.SerializerMethodField()

    @extend_schema_field(ImageSerializer)
    def get_image(self, photo) -> dict | None:
        return image_representation(photo.image, self.context.get("request"), PHOTO_RENDITIONS)


class ApprovalSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["approved", "pending", "changes_requested", "draft"],
        help_text="approved: public as it is; pending: waiting for an admin (the approved "
        "version, if any, stays public); changes_requested: an admin asked for changes; "
        "draft: saved in the admin but not submitted.",
    )
    live = serializers.BooleanField(help_text="Whether an approved version is public.")
    approved_at = serializers.DateTimeField(allow_null=True)


def approval_of(listing: Listing, state: WorkflowState | None) -> dict[str, Any]:
    row = getattr(listing, "_approval_row", listing)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        status = "pending"
    elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        status = "changes_requested"
    elif row.live and not row.has_unpublished_changes:
        status = "approved"
    else:
        status = "draft"
    return {"status": status, "live": row.live, "approved_at": row.last_published_at}


class ListingSerializer(serializers.ModelSerializer):
    """Read shape shared by listings: translatable text in the asked locale, approval info.

    Context: `request`, `locale`, `managed_ids` (listings the member manages: approval shown),
    `workflow_states` (active workflow state by listing id).
    """

    approval = serializers.SerializerMethodField(
        help_text="Only for the owner and staff; null for everyone else."
    )

    @extend_schema_field(ApprovalSerializer(allow_null=True))
    def get_approval(self, listing: Listing) -> dict | None:
        if listing.pk not in self.context.get("managed_ids", ()):
            return None
        return approval_of(listing, self.context.get("workflow_states", {}).get(listing.pk))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        locale = self.context.get("locale")
        for field in type(instance).translatable_fields:
            if field in data:
                data[field] = listing_text(instance, field, locale)
        return data


# --- Institutions ---------------------------------------------------------------------------


class InstitutionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", "name", "kind", "country", "city"]


class InstitutionSerializer(ListingSerializer):
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "kind",
            "country",
            "city",
            "address",
            "website",
            "description",
            "accreditation",
            "photos",
            "approval",
        ]


class InstitutionWriteSerializer(serializers.ModelSerializer):
    country = CodeField(codes=COUNTRIES, what="ISO 3166-1 country", max_length=2)

    class Meta:
        model = Institution
        fields = [
            "name",
            "kind",
            "country",
            "city",
            "address",
            "website",
            "description",
            "accreditation",
        ]


# --- Programs -------------------------------------------------------------------------------


class IntakeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgramIntake
        fields = ["start_date", "application_deadline"]

    def validate(self, data):
        deadline = data.get("application_deadline")
        if deadline is not None and deadline > data["start_date"]:
            raise serializers.ValidationError(
                {"application_deadline": ["The deadline cannot be after the start date."]}
            )
        return data


class ProgramSerializer(ListingSerializer):
    institution = InstitutionSummarySerializer(read_only=True)
    country = serializers.CharField(source="institution.country", read_only=True)
    city = serializers.CharField(source="institution.city", read_only=True)
    tuition = MoneyField("tuition")
    intakes = IntakeSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = [
            "id",
            "institution",
            "title",
            "level",
            "language",
            "duration_weeks",
            "tuition",
            "intakes",
            "country",
            "city",
            "requirements",
            "description",
            "approval",
        ]


class ProgramWriteSerializer(serializers.ModelSerializer):
    institution = serializers.IntegerField(
        min_value=1, help_text="Your institution's id (on creation only; it cannot change)."
    )
    tuition = MoneyField("tuition")
    intakes = IntakeSerializer(many=True, allow_empty=False, max_length=50)

    class Meta:
        model = Program
        fields = [
            "institution",
            "title",
            "level",
            "language",
            "duration_weeks",
            "tuition",
            "intakes",
            "requirements",
            "description",
        ]

    def validate_institution(self, value: int) -> Institution:
        if self.instance is not None:
            raise serializers.ValidationError("A program cannot move to another institution.")
        institution = self.context["institutions_managed"].filter(pk=value).first()
        if institution is None:
            raise serializers.ValidationError("No such institution of yours.")
        return institution


# --- Homestays ------------------------------------------------------------------------------


class AvailabilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = HomestayAvailability
        fields = ["start_date", "end_date"]

    def validate(self, data):
        if data["end_date"] < data["start_date"]:
            raise serializers.ValidationError(
                {"end_date": ["The end date cannot be before the start date."]}
            )
        return data


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField(source="contact_name", max_length=150)
    email = serializers.EmailField(source="contact_email", allow_blank=True, required=False)
    phone = serializers.CharField(
        source="contact_phone", max_length=32, allow_blank=True, required=False
    )


class HomestaySerializer(ListingSerializer):
    """Context also takes `accepted_homestay_ids`: homestays the member was accepted to."""

    price_per_week = MoneyField("price_per_week")
    availability = AvailabilitySerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    address = serializers.SerializerMethodField(
        help_text="Only for the owner, staff and learners whose application was accepted."
    )
    contact = serializers.SerializerMethodField(
        help_text="Only for the owner, staff and learners whose application was accepted."
    )

    class Meta:
        model = Homestay
        fields = [
            "id",
            "title",
            "description",
            "country",
            "city",
            "rooms",
            "price_per_week",
            "amenities",
            "house_rules",
            "availability",
            "photos",
            "address",
            "contact",
            "approval",
        ]

    def _private_visible(self, homestay: Homestay) -> bool:
        request = self.context.get("request")
        return homestay_private_visible(
            user=getattr(request, "user", None),
            homestay=homestay,
            accepted_ids=self.context.get("accepted_homestay_ids", set()),
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_address(self, homestay: Homestay) -> str | None:
        return homestay.address if self._private_visible(homestay) else None

    @extend_schema_field(ContactSerializer(allow_null=True))
    def get_contact(self, homestay: Homestay) -> dict | None:
        if not self._private_visible(homestay):
            return None
        return ContactSerializer(homestay).data


class HomestayWriteSerializer(serializers.ModelSerializer):
    country = CodeField(codes=COUNTRIES, what="ISO 3166-1 country", max_length=2)
    price_per_week = MoneyField("price_per_week")
    amenities = serializers.ListField(
        child=serializers.ChoiceField(choices=Homestay.Amenity.choices), max_length=20
    )
    availability = AvailabilitySerializer(many=True, max_length=50)
    contact = ContactSerializer(source="*")

    class Meta:
        model = Homestay
        fields = [
            "title",
            "description",
            "country",
            "city",
            "rooms",
            "price_per_week",
            "amenities",
            "house_rules",
            "availability",
            "address",
            "contact",
        ]
        extra_kwargs = {"rooms": {"min_value": 1, "max_value": 20}}

    def validate_amenities(self, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


# --- Applications ---------------------------------------------------------------------------


class ProgramSummarySerializer(serializers.ModelSerializer):
    institution = InstitutionSummarySerializer(read_only=True)

    class Meta:
        model = Program
        fields = ["id", "title", "institution"]


class HomestaySummarySerializer(HomestaySerializer):
    class Meta(HomestaySerializer.Meta):
        fields = ["id", "title", "country", "city", "price_per_week", "address", "contact"]


class ApplicationSerializer(serializers.ModelSerializer):
    """Context: `request`, `accepted_homestay_ids` (for the homestay's address and contact)."""

    learner = MemberPublicSerializer(read_only=True)
    program = ProgramSummarySerializer(read_only=True)
    homestay = HomestaySummarySerializer(read_only=True)
    allowed_statuses = serializers.SerializerMethodField(
        help_text="The statuses the requesting member may move this application to now."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "status",
            "learner",
            "program",
            "homestay",
            "message",
            "allowed_statuses",
            "created_at",
            "updated_at",
            "status_changed_at",
        ]

    def get_allowed_statuses(self, application: Application) -> list[str]:
        from abroad.services import application_side

        user = self.context["request"].user
        side = application_side(application=application, user=user)
        if side is None:
            return []
        return application_transitions_allowed(status=application.status, side=side)


class ApplicationCreateSerializer(serializers.Serializer):
    program = serializers.IntegerField(min_value=1, required=False)
    homestay = serializers.IntegerField(min_value=1, required=False)
    message = serializers.CharField(max_length=3000, allow_blank=True, required=False, default="")

    def validate(self, data):
        if ("program" in data) == ("homestay" in data):
            raise serializers.ValidationError("Send either program or homestay (one id).")
        return data


class ApplicationUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Application.Status.choices)


class ApplicationFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Application.Status.choices, required=False)
    limit = serializers.IntegerField(required=False)
    offset = serializers.IntegerField(required=False)


class ApplicationMessageSerializer(serializers.ModelSerializer):
    author = MemberPublicSerializer(read_only=True)

    class Meta:
        model = ApplicationMessage
        fields = ["id", "author", "text", "created_at"]


class ApplicationMessageCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=3000)
