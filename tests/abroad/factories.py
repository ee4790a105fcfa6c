"""factory-boy factories of study abroad: members by role, approved listings, applications.

Listings made here are approved (live) straight away, as an admin's approval would leave them;
tests of the approval itself go through `abroad.services`.
"""

import datetime
import io
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from abroad.models import (
    Application,
    Homestay,
    HomestayAvailability,
    HomestayPhoto,
    Institution,
    InstitutionPhoto,
    Program,
    ProgramIntake,
)
from members.models import Role, User
from members.roles import member_role_set

PASSWORD = "a-Strong-passphrase-42"


class MemberFactory(factory.django.DjangoModelFactory):
    """`MemberFactory(role=Role.INSTITUTION, verified=False)`."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"abroad-member{n}@example.com")
    first_name = factory.Sequence(lambda n: f"Member{n}")
    password = PASSWORD
    verified = True
    role = Role.STUDENT

    @classmethod
    def _create(cls, model_class, *args, password, verified, role, **fields):
        user = model_class.objects.create_user(password=password, **fields)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        if role != user.profile.role:
            member_role_set(user=user, role=role)
        user.refresh_from_db()
        return user


def image_make(title: str = "Photo", color: str = "teal"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), color).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="photo.png")
    )


class ListingFactory(factory.django.DjangoModelFactory):
    live = True
    has_unpublished_changes = False
    first_published_at = factory.LazyAttribute(
        lambda listing: datetime.datetime.now(datetime.UTC) if listing.live else None
    )
    last_published_at = factory.SelfAttribute("first_published_at")


class InstitutionFactory(ListingFactory):
    class Meta:
        model = Institution
        skip_postgeneration_save = True

    owner = factory.SubFactory(MemberFactory, role=Role.INSTITUTION)
    name = factory.Sequence(lambda n: f"Institution {n}")
    kind = Institution.Kind.LANGUAGE_SCHOOL
    country = "GB"
    city = "London"
    address = "1 High Street"
    description = "Small groups, friendly teachers."

    @factory.post_generation
    def photos(self, create, images, **kwargs):
        for index, image in enumerate(images or []):
            InstitutionPhoto.objects.create(institution=self, image=image, sort_order=index)


class ProgramFactory(ListingFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    title = factory.Sequence(lambda n: f"Program {n}")
    level = Program.Level.INTERMEDIATE
    duration_weeks = 12
    tuition_amount = Decimal("3000.00")
    tuition_currency = "GBP"

    @factory.post_generation
    def intakes(self, create, dates, **kwargs):
        for index, start in enumerate(dates if dates is not None else [datetime.date(2027, 1, 11)]):
            ProgramIntake.objects.create(program=self, start_date=start, sort_order=index)


class HomestayFactory(ListingFactory):
    class Meta:
        model = Homestay
        skip_postgeneration_save = True

    owner = factory.SubFactory(MemberFactory, role=Role.HOMESTAY)
    title = factory.Sequence(lambda n: f"Homestay {n}")
    country = "GB"
    city = "London"
    address = factory.Sequence(lambda n: f"{n} Secret Lane, London")
    contact_name = "Margaret Hill"
    contact_email = "host@example.com"
    contact_phone = "+44 20 7946 0000"
    rooms = 1
    price_per_week_amount = Decimal("250.00")
    price_per_week_currency = "GBP"
    amenities = factory.LazyFunction(lambda: ["wifi", "breakfast"])

    @factory.post_generation
    def availability(self, create, periods, **kwargs):
        default = [(datetime.date(2027, 1, 1), datetime.date(2027, 6, 30))]
        for index, (start, end) in enumerate(periods if periods is not None else default):
            HomestayAvailability.objects.create(
                homestay=self, start_date=start, end_date=end, sort_order=index
            )

    @factory.post_generation
    def photos(self, create, images, **kwargs):
        for index, image in enumerate(images or []):
            HomestayPhoto.objects.create(homestay=self, image=image, sort_order=index)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    learner = factory.SubFactory(MemberFactory)
    program = factory.SubFactory(ProgramFactory)
    homestay = None
    message = "Hello!"
