"""Study abroad: institutions, their programs, homestays, and learners' applications to them.

Listings (institutions, programs, homestays) are Wagtail snippets with drafts, revisions and a
workflow: the database row of a listing is its approved (live) version, every change is a
revision, and a change becomes public only when an admin approves it in the "Listing approval"
workflow (set up by the migration `0002_listing_roles_and_workflow`). Until then the approved
version stays public. A listing never approved is not public at all (`live` is false).

Private fields (a homestay's address and contact) are not moderated: they are not public, so a
change to them applies at once and is never taken from a revision (`with_content_json` keeps
the row's values), so approving an older draft cannot bring back an old address.

Translations: the fields named in `translatable_fields` hold English text; each listing may
carry one translation per learner language (`translations`: `InstitutionTranslation`…, edited
in the listing's own form and approved with it, as public text is). A translation leaves a
field blank to show the English one: `Listing.text_in` falls back field by field, and the API
reads every translatable field through it (`abroad.serializers.listing_text`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from abroad.codes import COUNTRY_CHOICES, CURRENCY_CHOICES
from core.locales import translation_language_choices

MONEY_MAX_DIGITS = 10
MONEY_DECIMAL_PLACES = 2
MIN_PRICE = Decimal("0.01")
LANGUAGE_CODE_VALIDATOR = RegexValidator(
    r"^[a-z]{2}$", _("Use a two-letter ISO 639-1 language code such as en.")
)


TRANSLATIONS_HELP = _(
    "The text in the learners' languages, one translation per language. A field left blank "
    "shows the English text."
)


def money_field(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=MONEY_MAX_DIGITS,
        decimal_places=MONEY_DECIMAL_PLACES,
        validators=[MinValueValidator(MIN_PRICE)],
    )


def currency_field() -> models.CharField:
    return models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, help_text=_("ISO 4217 code.")
    )


def country_field() -> models.CharField:
    return models.CharField(
        _("country"),
        max_length=2,
        choices=COUNTRY_CHOICES,
        db_index=True,
        help_text=_("ISO 3166-1 alpha-2 code."),
    )


class Listing(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """What institutions, programs and homestays share: moderation, ownership, timestamps."""

    # Fields never shown publicly: applied at once, unmoderated (see the module docstring).
    private_fields: tuple[str, ...] = ()
    # Fields a revision never changes: who owns the listing, what it belongs to.
    fixed_fields: tuple[str, ...] = ("owner",)
    # Text fields a translation may override (see the module docstring).
    translatable_fields: tuple[str, ...] = ()
    # The path from this model to the member who owns it, for querysets.
    owner_lookup = "owner"

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def text_in(self, field: str, language: str | None) -> str:
        """A translatable field in `language`: its translation's text, or the English one when
        there is no translation or it leaves that field blank. Reads `translations` as loaded
        (the API prefetches them for a whole page of listings)."""
        if language and language != settings.LANGUAGE_CODE:
            for translation in self.translations.all():
                if translation.language == language:
                    return getattr(translation, field) or getattr(self, field)
        return getattr(self, field)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # Ownership and private fields are never taken from a revision: see the module docstring.
        for name in (*self.private_fields, *self.fixed_fields, "created_at"):
            attname = self._meta.get_field(name).attname
            setattr(obj, attname, getattr(self, attname))
        return obj

    def draft_from_content(self, content: dict) -> "Listing":
        """This listing as in a revision's `content`, built without a query.

        `with_content_json` (what Wagtail's admin uses) checks every foreign key of the
        revision against the database; for a page of drafts in the API that is a few queries
        per listing. The draft is only read, so the keys are taken as stored.
        """
        draft = type(self).from_serializable_data(content, check_fks=False)
        kept = ("id", "latest_revision", "live", "has_unpublished_changes", "first_published_at")
        kept += ("locked", "locked_at", "locked_by", *self.private_fields, *self.fixed_fields)
        for name in (*kept, "created_at"):
            attname = self._meta.get_field(name).attname
            setattr(draft, attname, getattr(self, attname))
        return draft


class Institution(Listing):
    """A school, college or university that offers programs to learners of English."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        LANGUAGE_SCHOOL = "language_school", _("Language school")
        COLLEGE = "college", _("College")

    translatable_fields = ("name", "description", "accreditation")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="abroad_institutions"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = country_field()
    city = models.CharField(_("city"), max_length=100, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    accreditation = models.CharField(
        _("accreditation"),
        max_length=300,
        blank=True,
        help_text=_("Bodies that accredit the institution, e.g. British Council."),
    )

    panels = [
        FieldPanel("owner", permission="abroad.publish_institution"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
        FieldPanel("address"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("accreditation"),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("translations", label=_("Translations"), help_text=TRANSLATIONS_HELP),
    ]

    class Meta:
        verbose_name = _("institution")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["live", "country", "city"])]
        permissions = [("publish_institution", "Can publish (approve) institutions")]

    def __str__(self) -> str:
        return self.name


class Program(Listing):
    """A course an institution offers: level, length, intakes and tuition."""

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")
        ALL_LEVELS = "all_levels", _("All levels")

    translatable_fields = ("title", "requirements", "description")
    fixed_fields = ("institution",)
    owner_lookup = "institution__owner"

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="programs")
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("English level"), max_length=20, choices=Level.choices)
    language = models.CharField(
        _("language of instruction"),
        max_length=2,
        default="en",
        validators=[LANGUAGE_CODE_VALIDATOR],
        help_text=_("ISO 639-1 code, e.g. en."),
    )
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"), validators=[MinValueValidator(1)]
    )
    tuition_amount = money_field(_("tuition"))
    tuition_currency = currency_field()
    requirements = models.TextField(_("requirements"), max_length=3000, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)

    panels = [
        FieldPanel("institution"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("language")]),
        FieldPanel("duration_weeks"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("tuition_amount"), FieldPanel("tuition_currency")])],
            heading=_("Tuition"),
        ),
        InlinePanel("intakes", label=_("Intakes (start dates)"), min_num=1),
        FieldPanel("requirements"),
        FieldPanel("description"),
        InlinePanel("translations", label=_("Translations"), help_text=TRANSLATIONS_HELP),
    ]

    class Meta:
        verbose_name = _("program")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["live", "tuition_currency", "tuition_amount"])]
        permissions = [("publish_program", "Can publish (approve) programs")]
        constraints = [
            models.CheckConstraint(
                condition=Q(tuition_amount__gt=0), name="abroad_program_tuition_positive"
            ),
            models.CheckConstraint(
                condition=Q(duration_weeks__gte=1), name="abroad_program_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        # Wagtail lets `content_object.owner` cancel its own workflow.
        return self.institution.owner

    @property
    def owner_id(self):
        return self.institution.owner_id


class ProgramIntake(Orderable):
    """A date a program starts on, with an optional application deadline."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="intakes")
    start_date = models.DateField(_("start date"))
    application_deadline = models.DateField(_("application deadline"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("application_deadline")])]

    class Meta(Orderable.Meta):
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application_deadline__isnull=True)
                | Q(application_deadline__lte=models.F("start_date")),
                name="abroad_intake_deadline_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date}"


class Homestay(Listing):
    """A host family's room(s) for learners. Address and contact stay private (see README)."""

    class Amenity(models.TextChoices):
        WIFI = "wifi", _("Wi-Fi")
        PRIVATE_BATHROOM = "private_bathroom", _("Private bathroom")
        BREAKFAST = "breakfast", _("Breakfast")
        HALF_BOARD = "half_board", _("Half board")
        FULL_BOARD = "full_board", _("Full board")
        LAUNDRY = "laundry", _("Laundry")
        DESK = "desk", _("Study desk")
        GARDEN = "garden", _("Garden")
        PETS = "pets", _("Pets in the home")
        NEAR_TRANSPORT = "near_transport", _("Near public transport")

    private_fields = ("address", "contact_name", "contact_email", "contact_phone")
    translatable_fields = ("title", "description", "house_rules")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="abroad_homestays"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    country = country_field()
    city = models.CharField(_("city"), max_length=100, db_index=True)
    address = models.CharField(_("address (private)"), max_length=300)
    contact_name = models.CharField(_("contact name (private)"), max_length=150)
    contact_email = models.EmailField(_("contact email (private)"), blank=True)
    contact_phone = models.CharField(_("contact phone (private)"), max_length=32, blank=True)
    rooms = models.PositiveSmallIntegerField(_("rooms for learners"), default=1)
    price_per_week_amount = money_field(_("price per week"))
    price_per_week_currency = currency_field()
    amenities = models.JSONField(_("amenities"), default=list, blank=True)
    house_rules = models.TextField(_("house rules"), max_length=3000, blank=True)

    panels = [
        FieldPanel("owner", permission="abroad.publish_homestay"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("city")]),
        FieldPanel("rooms"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("price_per_week_amount"), FieldPanel("price_per_week_currency")]
                )
            ],
            heading=_("Price per week"),
        ),
        FieldPanel("amenities"),
        FieldPanel("house_rules"),
        InlinePanel("availability", label=_("Available")),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("translations", label=_("Translations"), help_text=TRANSLATIONS_HELP),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Private: shown only to you, staff and accepted learners"),
            help_text=_("Changes to these apply at once; they need no approval."),
        ),
    ]

    class Meta:
        verbose_name = _("homestay")
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["live", "city"]),
            models.Index(fields=["live", "price_per_week_currency", "price_per_week_amount"]),
        ]
        permissions = [("publish_homestay", "Can publish (approve) homestays")]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_per_week_amount__gt=0), name="abroad_homestay_price_positive"
            ),
            models.CheckConstraint(condition=Q(rooms__gte=1), name="abroad_homestay_rooms"),
        ]

    def __str__(self) -> str:
        return self.title


class HomestayAvailability(Orderable):
    """A period (both days included) when the homestay takes learners."""

    homestay = ParentalKey(Homestay, on_delete=models.CASCADE, related_name="availability")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))

    panels = [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])]

    class Meta(Orderable.Meta):
        ordering = ["start_date"]
        verbose_name_plural = _("availability")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="abroad_availability_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date}"


class ListingPhoto(Orderable):
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True


class InstitutionPhoto(ListingPhoto):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="photos")


class HomestayPhoto(ListingPhoto):
    homestay = ParentalKey(Homestay, on_delete=models.CASCADE, related_name="photos")


# --- Translations ---------------------------------------------------------------------------


class ListingTranslation(Orderable):
    """A listing's public text in one learner language; a blank field shows the English one."""

    language = models.CharField(_("language"), max_length=10, choices=translation_language_choices)

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.get_language_display()


class InstitutionTranslation(ListingTranslation):
    institution = ParentalKey(Institution, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    accreditation = models.CharField(_("accreditation"), max_length=300, blank=True)

    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description")]
    panels += [FieldPanel("accreditation")]

    class Meta(ListingTranslation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "language"], name="abroad_institution_one_translation"
            )
        ]


class ProgramTranslation(ListingTranslation):
    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200, blank=True)
    requirements = models.TextField(_("requirements"), max_length=3000, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("requirements")]
    panels += [FieldPanel("description")]

    class Meta(ListingTranslation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["program", "language"], name="abroad_program_one_translation"
            )
        ]


class HomestayTranslation(ListingTranslation):
    homestay = ParentalKey(Homestay, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    house_rules = models.TextField(_("house rules"), max_length=3000, blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("description")]
    panels += [FieldPanel("house_rules")]

    class Meta(ListingTranslation.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["homestay", "language"], name="abroad_homestay_one_translation"
            )
        ]


# --- Applications ---------------------------------------------------------------------------


class Application(models.Model):
    """A learner's application to one program or one homestay.

    The status moves only through `abroad.transitions.application_transition_check`:
    submitted → under_review → accepted / rejected (by the owner of the listing), or withdrawn
    by the learner while it is open (submitted or under review).
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW)

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="abroad_applications"
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="applications"
    )
    homestay = models.ForeignKey(
        Homestay, null=True, blank=True, on_delete=models.CASCADE, related_name="applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    message = models.TextField(max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["learner", "-created_at"], name="abroad_app_learner_idx"),
            models.Index(fields=["homestay", "status"], name="abroad_app_homestay_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(program__isnull=False) & Q(homestay__isnull=True))
                | (Q(program__isnull=True) & Q(homestay__isnull=False)),
                name="abroad_application_one_target",
            ),
            models.UniqueConstraint(
                fields=["learner", "program"],
                condition=Q(status__in=["submitted", "under_review"], program__isnull=False),
                name="abroad_application_one_open_per_program",
            ),
            models.UniqueConstraint(
                fields=["learner", "homestay"],
                condition=Q(status__in=["submitted", "under_review"], homestay__isnull=False),
                name="abroad_application_one_open_per_homestay",
            ),
        ]

    def __str__(self) -> str:
        return f"Application {self.pk} of {self.learner_id} to {self.target}"

    @property
    def target(self) -> Program | Homestay:
        return self.program if self.program_id else self.homestay

    @property
    def target_owner_id(self) -> int:
        if self.program_id:
            return self.program.institution.owner_id
        return self.homestay.owner_id


class ApplicationMessage(models.Model):
    """A message between the learner and the owner of the listing, on one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["application", "created_at"], name="abroad_msg_app_idx")]

    def __str__(self) -> str:
        return f"Message {self.pk} on application {self.application_id}"
