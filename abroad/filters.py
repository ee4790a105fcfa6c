"""Filters of the listing endpoints (django-filter), answering bad values in the core error shape.

Any query parameter the endpoint does not know, and any value a filter cannot use, is 400
`invalid_parameter` with the offending parameters in `errors`; nothing is silently ignored.

Prices: `min_price` and `max_price` need `currency` (an ISO 4217 code), and then match only
listings priced in that currency. Amounts in different currencies are never compared.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from wagtail.models import Locale

from abroad.codes import COUNTRIES, CURRENCIES
from abroad.models import Homestay, HomestayAvailability, Institution, Program, ProgramIntake
from core.exceptions import InvalidParameter

# Parameters every listing endpoint takes besides its filters.
COMMON_PARAMETERS = frozenset({"limit", "offset", "locale", "mine"})
PRICE_DECIMAL = {"max_digits": 10, "decimal_places": 2, "min_value": 0}


class CodeField(forms.CharField):
    """An ISO code, any case on the way in, upper case once cleaned."""

    def __init__(self, *, codes, what: str, **kwargs):
        self.codes, self.what = codes, what
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return value
        code = value.strip().upper()
        if code not in self.codes:
            raise forms.ValidationError(f"Unknown {self.what} code {value!r}.")
        return code


class CodeFilter(django_filters.CharFilter):
    field_class = CodeField


class ListingFilterForm(forms.Form):
    """Price bounds make sense only within one currency (see the module docstring)."""

    def clean(self):
        data = super().clean()
        currency = data.get("currency")
        for name in ("min_price", "max_price"):
            if data.get(name) is not None and not currency:
                self.add_error(
                    name,
                    f"{name} needs currency (an ISO 4217 code such as EUR): prices in "
                    "different currencies are never compared.",
                )
        if (
            data.get("min_price") is not None
            and data.get("max_price") is not None
            and data["min_price"] > data["max_price"]
        ):
            self.add_error("min_price", "min_price cannot be higher than max_price.")
        return data


def search(fields: list[str]):
    def method(queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = Q()
        for word in value.split():
            word_condition = Q()
            for field in fields:
                word_condition |= Q(**{f"{field}__icontains": word})
            condition &= word_condition
        return queryset.filter(condition)

    return method


class ListingOrderingFilter(django_filters.OrderingFilter):
    """`order=`: a price is sorted within its currency (currency first: amounts in different
    currencies are never compared), and the id breaks ties so pages never overlap."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            field = self.get_ordering_value(param)
            name = field.lstrip("-")
            if name.endswith("_amount"):
                ordering.append(name.replace("_amount", "_currency"))
            ordering.append(field)
        return qs.order_by(*ordering, "pk")


class ListingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", max_length=200, label="Free-text search")
    search_fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return search(self.search_fields)(queryset, name, value)


class InstitutionFilter(ListingFilterSet):
    country = CodeFilter(codes=COUNTRIES, what="country", label="ISO 3166-1 alpha-2 code")
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(choices=Institution.Kind.choices)
    order = ListingOrderingFilter(
        fields=(("name", "name"), ("city", "city"), ("created_at", "created")),
    )
    search_fields = ["name", "city", "description", "accreditation"]

    class Meta:
        model = Institution
        fields: list[str] = []
        form = ListingFilterForm


class ProgramFilter(ListingFilterSet):
    institution = django_filters.NumberFilter(field_name="institution_id", min_value=1)
    country = CodeFilter(
        field_name="institution__country", codes=COUNTRIES, what="country", label="ISO 3166-1"
    )
    level = django_filters.ChoiceFilter(choices=Program.Level.choices)
    currency = CodeFilter(field_name="tuition_currency", codes=CURRENCIES, what="currency")
    min_price = django_filters.NumberFilter(
        field_name="tuition_amount", lookup_expr="gte", **PRICE_DECIMAL
    )
    max_price = django_filters.NumberFilter(
        field_name="tuition_amount", lookup_expr="lte", **PRICE_DECIMAL
    )
    starts_after = django_filters.DateFilter(method="filter_starts_after")
    order = ListingOrderingFilter(
        fields=(
            ("title", "title"),
            ("duration_weeks", "duration"),
            ("tuition_amount", "price"),
            ("created_at", "created"),
        ),
    )
    search_fields = ["title", "description", "requirements", "institution__name"]

    class Meta:
        model = Program
        fields: list[str] = []
        form = ListingFilterForm

    def filter_starts_after(self, queryset, name, value):
        intakes = ProgramIntake.objects.filter(program=OuterRef("pk"), start_date__gt=value)
        return queryset.filter(Exists(intakes))


class HomestayFilter(ListingFilterSet):
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    country = CodeFilter(codes=COUNTRIES, what="country", label="ISO 3166-1 alpha-2 code")
    currency = CodeFilter(field_name="price_per_week_currency", codes=CURRENCIES, what="currency")
    min_price = django_filters.NumberFilter(
        field_name="price_per_week_amount", lookup_expr="gte", **PRICE_DECIMAL
    )
    max_price = django_filters.NumberFilter(
        field_name="price_per_week_amount", lookup_expr="lte", **PRICE_DECIMAL
    )
    available_from = django_filters.DateFilter(method="filter_available_from")
    order = ListingOrderingFilter(
        fields=(("title", "title"), ("price_per_week_amount", "price"), ("created_at", "created")),
    )
    search_fields = ["title", "city", "description"]

    class Meta:
        model = Homestay
        fields: list[str] = []
        form = ListingFilterForm

    def filter_available_from(self, queryset, name, value):
        periods = HomestayAvailability.objects.filter(
            homestay=OuterRef("pk"), start_date__lte=value, end_date__gte=value
        )
        return queryset.filter(Exists(periods))


def locale_check(request) -> None:
    """`?locale=` must name one of the site's languages (as in the content API)."""
    language_code = request.query_params.get("locale")
    if language_code is None or Locale.objects.filter(language_code=language_code).exists():
        return
    known = ", ".join(
        Locale.objects.order_by("language_code").values_list("language_code", flat=True)
    )
    raise InvalidParameter(
        f"unknown locale '{language_code}' (known: {known})",
        errors={"locale": [f"Unknown locale {language_code!r}."]},
    )


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, where an unknown parameter or an unusable value is `invalid_parameter`."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        known = COMMON_PARAMETERS | set(filterset.filters if filterset else ())
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = f"query parameter is not an operation or a recognised field: {unknown[0]}"
            raise InvalidParameter(
                message, errors={name: ["Unknown query parameter."] for name in unknown}
            )
        locale_check(request)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            errors = {
                name: [item["message"] if isinstance(item, dict) else item for item in messages]
                for name, messages in filterset.errors.get_json_data().items()
            }
            first_name, first = next(iter(errors.items()))
            raise InvalidParameter(f"{first_name}: {first[0]}", errors=errors)
        return filterset.qs
