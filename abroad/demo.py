"""Demo study-abroad listings for `load_demo_content`: schools, programs and homestays.

Four institutions in four countries with eight programs, and four homestays, all approved,
each with a photo drawn here with Pillow (nothing binary is shipped); one institution has a
change waiting for approval, so the admin's "Awaiting your review" has something to show.
Listings belong to demo owner accounts (`…@demo.toto.local`, no password: an admin sets one
to sign in as them).

Like the curriculum loader it only adds what is missing, found by name: a second run costs a
couple of queries and changes nothing, and an edited or deleted demo listing is left as it is
(a deleted one comes back).
"""

import datetime
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

from abroad import services
from abroad.demo_translations import demo_translations
from abroad.models import (
    Homestay,
    HomestayAvailability,
    HomestayPhoto,
    Institution,
    InstitutionPhoto,
    Program,
    ProgramIntake,
)
from core.media import COVER_RENDITIONS
from members.models import Role, User
from members.roles import member_role_set

Echo = Callable[[str, int], None]
PHOTO_SIZE = (1600, 900)  # the largest rendition served ("hero", fill-1600x900)
PENDING_DESCRIPTION = (
    "General and exam English in small groups by the river, now with evening classes "
    "for working learners."
)


def _silent(message: str, verbosity: int) -> None:
    pass


@dataclass
class AbroadDemoReport:
    created: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class ProgramSpec:
    title: str
    level: str
    weeks: int
    tuition: str
    intakes: tuple[str, ...]
    requirements: str = ""
    description: str = ""


@dataclass(frozen=True)
class InstitutionSpec:
    name: str
    kind: str
    country: str
    city: str
    address: str
    website: str
    description: str
    accreditation: str
    currency: str
    colour: tuple[int, int, int]
    programs: tuple[ProgramSpec, ...]


@dataclass(frozen=True)
class HomestaySpec:
    title: str
    country: str
    city: str
    address: str
    contact: tuple[str, str, str]
    rooms: int
    price: str
    currency: str
    amenities: tuple[str, ...]
    description: str
    house_rules: str
    available: tuple[tuple[str, str], ...]
    colour: tuple[int, int, int]


OWNERS = {
    "institutions": "schools@demo.toto.local",
    "homestays": "hosts@demo.toto.local",
}
INSTITUTIONS = [
    InstitutionSpec(
        name="Thames English Academy",
        kind="language_school",
        country="GB",
        city="London",
        address="12 Riverside Walk, London SE1 9PP",
        website="https://thames-english.example.com",
        description="General and exam English in small groups by the river.",
        accreditation="British Council",
        currency="GBP",
        colour=(33, 122, 116),
        programs=(
            ProgramSpec(
                "General English, 12 weeks",
                "intermediate",
                12,
                "3600.00",
                ("2027-01-11", "2027-04-05"),
                "A placement test on the first day.",
                "Twenty lessons a week, afternoons free for London.",
            ),
            ProgramSpec(
                "IELTS preparation",
                "advanced",
                8,
                "2900.00",
                ("2027-02-01",),
                "B2 level (IELTS 5.5 or a placement test).",
                "Exam technique for all four papers, with a mock exam every Friday.",
            ),
        ),
    ),
    InstitutionSpec(
        name="Liffey Language College",
        kind="college",
        country="IE",
        city="Dublin",
        address="4 Quay Street, Dublin 2",
        website="https://liffey-college.example.com",
        description="A friendly college in the centre of Dublin with its own café.",
        accreditation="ACELS",
        currency="EUR",
        colour=(41, 98, 176),
        programs=(
            ProgramSpec(
                "English for beginners",
                "beginner",
                4,
                "1100.00",
                ("2027-01-04", "2027-03-01"),
                "",
                "Start from zero: everyday English for living in Dublin.",
            ),
            ProgramSpec(
                "Summer English and culture",
                "all_levels",
                3,
                "950.00",
                ("2027-06-28", "2027-07-19"),
                "",
                "Morning classes, afternoon trips around Ireland.",
            ),
        ),
    ),
    InstitutionSpec(
        name="Maple Leaf University",
        kind="university",
        country="CA",
        city="Toronto",
        address="200 College Street, Toronto ON M5S",
        website="https://mapleleaf-university.example.com",
        description="A university pathway: academic English, then a degree.",
        accreditation="Languages Canada",
        currency="CAD",
        colour=(176, 52, 46),
        programs=(
            ProgramSpec(
                "Academic English pathway",
                "advanced",
                24,
                "14500.00",
                ("2027-01-06", "2027-09-08"),
                "B2 level and a high-school diploma.",
                "Two semesters of academic English leading to first-year admission.",
            ),
            ProgramSpec(
                "English for business",
                "intermediate",
                10,
                "5200.00",
                ("2027-05-03",),
                "B1 level.",
                "Meetings, presentations and e-mails, with a case study each week.",
            ),
        ),
    ),
    InstitutionSpec(
        name="Harbour Bridge English School",
        kind="language_school",
        country="AU",
        city="Sydney",
        address="88 George Street, Sydney NSW 2000",
        website="https://harbourbridge-english.example.com",
        description="Learn English by the beach, in classes of eight at most.",
        accreditation="NEAS",
        currency="AUD",
        colour=(214, 120, 40),
        programs=(
            ProgramSpec(
                "General English, 6 weeks",
                "beginner",
                6,
                "2100.00",
                ("2027-01-18", "2027-03-15"),
                "",
                "Small classes for beginners, with conversation clubs in the evening.",
            ),
            ProgramSpec(
                "Cambridge First (B2) preparation",
                "intermediate",
                10,
                "3900.00",
                ("2027-03-29",),
                "B1 level.",
                "Prepares for the Cambridge B2 First exam.",
            ),
        ),
    ),
]
HOMESTAYS = [
    HomestaySpec(
        title="Quiet room near Hyde Park",
        country="GB",
        city="London",
        address="4 Elm Row, London W2 3AB",
        contact=("Margaret Hill", "margaret@demo.toto.local", "+44 20 7946 0000"),
        rooms=1,
        price="260.00",
        currency="GBP",
        amenities=("wifi", "breakfast", "desk", "near_transport"),
        description="A retired teacher's home with a cat and a garden.",
        house_rules="No smoking. Quiet after 22:00.",
        available=(("2027-01-01", "2027-06-30"),),
        colour=(33, 122, 116),
    ),
    HomestaySpec(
        title="Family home in Rathmines",
        country="IE",
        city="Dublin",
        address="17 Leinster Road, Dublin 6",
        contact=("Siobhan Byrne", "siobhan@demo.toto.local", "+353 1 555 0101"),
        rooms=2,
        price="240.00",
        currency="EUR",
        amenities=("wifi", "half_board", "laundry", "pets"),
        description="A family of four with a dog, ten minutes by bus from the centre.",
        house_rules="Dinner at 19:00; tell us when you are out.",
        available=(("2027-01-01", "2027-03-31"), ("2027-06-01", "2027-08-31")),
        colour=(41, 98, 176),
    ),
    HomestaySpec(
        title="Annex by the Annex",
        country="CA",
        city="Toronto",
        address="52 Brunswick Avenue, Toronto ON M5S",
        contact=("Daniel Tremblay", "daniel@demo.toto.local", "+1 416 555 0199"),
        rooms=1,
        price="390.00",
        currency="CAD",
        amenities=("wifi", "private_bathroom", "desk"),
        description="A self-contained basement room in the Annex, near the university.",
        house_rules="No parties. Shoes off indoors.",
        available=(("2027-01-01", "2027-12-31"),),
        colour=(176, 52, 46),
    ),
    HomestaySpec(
        title="Beach house in Bondi",
        country="AU",
        city="Sydney",
        address="9 Campbell Parade, Bondi NSW 2026",
        contact=("Olivia Nguyen", "olivia@demo.toto.local", "+61 2 5550 1234"),
        rooms=2,
        price="420.00",
        currency="AUD",
        amenities=("wifi", "breakfast", "garden", "near_transport"),
        description="Two minutes from the beach, with surfboards to borrow.",
        house_rules="Rinse the sand off outside, please.",
        available=(("2027-02-01", "2027-11-30"),),
        colour=(214, 120, 40),
    ),
]


# --- Photos ---------------------------------------------------------------------------------


def _tint(colour, amount: float):
    return tuple(round(c + (255 - c) * amount) for c in colour)


def photo_png(title: str, kicker: str, colour, *, house: bool) -> bytes:
    """A 16:9 picture: a school building or a house in the listing's colour, and its name."""
    canvas = Image.new("RGB", PHOTO_SIZE, _tint(colour, 0.75))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 640, 1600, 900], fill=_tint(colour, 0.45))
    if house:
        draw.polygon([(950, 250), (1250, 80), (1550, 250)], fill=colour)
        draw.rectangle([1000, 250, 1500, 640], fill=(250, 248, 243))
        draw.rectangle([1200, 450, 1300, 640], fill=colour)
        for x in (1050, 1370):
            draw.rectangle([x, 320, x + 80, 400], fill=_tint(colour, 0.5))
    else:
        draw.rectangle([900, 160, 1540, 640], fill=(250, 248, 243))
        draw.polygon([(880, 160), (1220, 40), (1560, 160)], fill=colour)
        for row in range(3):
            for col in range(4):
                x, y = 950 + col * 150, 210 + row * 130
                draw.rectangle([x, y, x + 90, y + 80], fill=_tint(colour, 0.5))
        draw.rectangle([1180, 560, 1260, 640], fill=colour)
    draw.text((100, 420), kicker.upper(), fill=colour, font=ImageFont.load_default(size=44))
    draw.text((96, 480), title, fill=(34, 40, 49), font=ImageFont.load_default(size=72))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def _photo(title: str, kicker: str, colour, *, house: bool):
    Image_ = get_image_model()
    image = Image_.objects.filter(title=title).order_by("pk").first()
    if image is None:
        image = Image_(
            title=title,
            description=f"{kicker}: {title}",
            file=ImageFile(
                ContentFile(photo_png(title, kicker, colour, house=house)),
                name="demo-abroad.png",
            ),
        )
        image._set_image_file_metadata()
        image.save()
    # The renditions the API serves, made now so that no read has to.
    image.get_renditions(*COVER_RENDITIONS.values())
    return image


# --- Loading --------------------------------------------------------------------------------


def _owner(email: str, role: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name="Demo")
    if user.profile.role != role:
        member_role_set(user=user, role=role)
    return user


def _publish(listing) -> None:
    listing.save()
    listing.save_revision().publish()


def _date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _institution(spec: InstitutionSpec, owner: User) -> Institution:
    institution = Institution(
        owner=owner,
        name=spec.name,
        kind=spec.kind,
        country=spec.country,
        city=spec.city,
        address=spec.address,
        website=spec.website,
        description=spec.description,
        accreditation=spec.accreditation,
    )
    photo = _photo(spec.name, spec.city, spec.colour, house=False)
    institution.photos = [InstitutionPhoto(image=photo, caption=f"{spec.name}, {spec.city}")]
    institution.translations = demo_translations(institution)
    _publish(institution)
    for program_spec in spec.programs:
        program = Program(
            institution=institution,
            title=program_spec.title,
            level=program_spec.level,
            language="en",
            duration_weeks=program_spec.weeks,
            tuition_amount=Decimal(program_spec.tuition),
            tuition_currency=spec.currency,
            requirements=program_spec.requirements,
            description=program_spec.description,
        )
        program.intakes = [
            ProgramIntake(start_date=_date(start), sort_order=index)
            for index, start in enumerate(program_spec.intakes)
        ]
        program.translations = demo_translations(program)
        _publish(program)
    return institution


def _homestay(spec: HomestaySpec, owner: User) -> Homestay:
    name, email, phone = spec.contact
    homestay = Homestay(
        owner=owner,
        title=spec.title,
        description=spec.description,
        country=spec.country,
        city=spec.city,
        address=spec.address,
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
        rooms=spec.rooms,
        price_per_week_amount=Decimal(spec.price),
        price_per_week_currency=spec.currency,
        amenities=list(spec.amenities),
        house_rules=spec.house_rules,
    )
    homestay.availability = [
        HomestayAvailability(start_date=_date(start), end_date=_date(end), sort_order=index)
        for index, (start, end) in enumerate(spec.available)
    ]
    photo = _photo(spec.title, spec.city, spec.colour, house=True)
    homestay.photos = [HomestayPhoto(image=photo, caption=spec.title)]
    homestay.translations = demo_translations(homestay)
    _publish(homestay)
    return homestay


def load_abroad_demo(*, echo: Echo = _silent) -> AbroadDemoReport:
    """Add whichever demo listings are missing (all or nothing); see the module docstring."""
    report = AbroadDemoReport()
    existing_institutions = set(
        Institution.objects.filter(name__in=[s.name for s in INSTITUTIONS]).values_list(
            "name", flat=True
        )
    )
    existing_homestays = set(
        Homestay.objects.filter(title__in=[s.title for s in HOMESTAYS]).values_list(
            "title", flat=True
        )
    )
    missing_institutions = [s for s in INSTITUTIONS if s.name not in existing_institutions]
    missing_homestays = [s for s in HOMESTAYS if s.title not in existing_homestays]
    if not missing_institutions and not missing_homestays:
        echo("Study abroad: the demo listings are complete.", 1)
        return report

    with transaction.atomic():
        if missing_institutions:
            owner = _owner(OWNERS["institutions"], Role.INSTITUTION)
            for spec in missing_institutions:
                institution = _institution(spec, owner)
                report.created["institution"] += 1
                report.created["program"] += len(spec.programs)
                echo(f"+ {institution.name} ({institution.city})", 2)
                if spec is INSTITUTIONS[0]:
                    # One change waiting for an admin, the approved text still public.
                    services.listing_update(
                        listing=institution, user=owner, fields={"description": PENDING_DESCRIPTION}
                    )
                    report.created["pending change"] += 1
        if missing_homestays:
            owner = _owner(OWNERS["homestays"], Role.HOMESTAY)
            for spec in missing_homestays:
                homestay = _homestay(spec, owner)
                report.created["homestay"] += 1
                echo(f"+ {homestay.title} ({homestay.city})", 2)
    summary = ", ".join(
        f"{count} {kind}{'' if count == 1 else 's'}" for kind, count in report.created.items()
    )
    echo(f"Study abroad: created {summary}.", 1)
    return report
