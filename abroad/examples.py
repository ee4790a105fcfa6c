"""OpenAPI examples of the study-abroad endpoints (shown at /api/docs/)."""

from drf_spectacular.utils import OpenApiExample

from abroad.models import Institution, Program

PHOTO = {
    "caption": "The main building",
    "image": {
        "id": 41,
        "title": "Thames English Academy — building",
        "alt": "A brick building with a blue door",
        "width": 1600,
        "height": 900,
        "renditions": {
            "thumbnail": {
                "url": "https://media.example.com/images/academy.fill-320x180.png",
                "width": 320,
                "height": 180,
            },
            "card": {
                "url": "https://media.example.com/images/academy.fill-640x360.png",
                "width": 640,
                "height": 360,
            },
            "hero": {
                "url": "https://media.example.com/images/academy.fill-1600x900.png",
                "width": 1600,
                "height": 900,
            },
        },
    },
}
INSTITUTION = {
    "id": 3,
    "name": "Thames English Academy",
    "kind": "language_school",
    "country": "GB",
    "city": "London",
    "address": "12 Riverside Walk, London SE1 9PP",
    "website": "https://thames-english.example.com",
    "description": "General and exam English in small groups by the river.",
    "accreditation": "British Council",
    "photos": [PHOTO],
    "approval": None,
}
PROGRAM = {
    "id": 7,
    "institution": {
        "id": 3,
        "name": "Thames English Academy",
        "kind": "language_school",
        "country": "GB",
        "city": "London",
    },
    "title": "General English, 12 weeks",
    "level": "intermediate",
    "language": "en",
    "duration_weeks": 12,
    "tuition": {"amount": "3600.00", "currency": "GBP"},
    "intakes": [
        {"start_date": "2027-01-11", "application_deadline": "2026-12-01"},
        {"start_date": "2027-04-05", "application_deadline": None},
    ],
    "country": "GB",
    "city": "London",
    "requirements": "B1 placement test.",
    "description": "Twenty lessons a week.",
    "approval": None,
}
HOMESTAY_PUBLIC = {
    "id": 5,
    "title": "Quiet room near Hyde Park",
    "description": "A retired teacher's home with a cat.",
    "country": "GB",
    "city": "London",
    "rooms": 1,
    "price_per_week": {"amount": "260.00", "currency": "GBP"},
    "amenities": ["wifi", "breakfast", "desk"],
    "house_rules": "No smoking. Quiet after 22:00.",
    "availability": [{"start_date": "2027-01-01", "end_date": "2027-06-30"}],
    "photos": [PHOTO],
    "address": None,
    "contact": None,
    "approval": None,
}
HOMESTAY_OWNER = {
    **HOMESTAY_PUBLIC,
    "address": "4 Elm Row, London W2 3AB",
    "contact": {
        "name": "Margaret Hill",
        "email": "margaret@example.com",
        "phone": "+44 20 7946 0000",
    },
    "approval": {"status": "pending", "live": True, "approved_at": "2026-11-02T10:00:00Z"},
}


def _envelope(item: dict) -> dict:
    return {"meta": {"total_count": 1}, "items": [item]}


def for_model(model) -> tuple[list, list, list]:
    """(list examples, detail examples, write examples) for one kind of listing."""
    if model is Institution:
        return (
            [
                OpenApiExample(
                    "Approved institutions", value=_envelope(INSTITUTION), response_only=True
                )
            ],
            [OpenApiExample("An institution", value=INSTITUTION, response_only=True)],
            [
                OpenApiExample(
                    "A new language school",
                    request_only=True,
                    value={
                        "name": "Thames English Academy",
                        "kind": "language_school",
                        "country": "GB",
                        "city": "London",
                        "address": "12 Riverside Walk, London SE1 9PP",
                        "website": "https://thames-english.example.com",
                        "description": "General and exam English in small groups.",
                        "accreditation": "British Council",
                    },
                )
            ],
        )
    if model is Program:
        return (
            [
                OpenApiExample(
                    "Programs in GB under 4000 GBP",
                    description="GET programs/?country=GB&currency=GBP&max_price=4000",
                    value=_envelope(PROGRAM),
                    response_only=True,
                )
            ],
            [OpenApiExample("A program", value=PROGRAM, response_only=True)],
            [
                OpenApiExample(
                    "A new program",
                    request_only=True,
                    value={
                        "institution": 3,
                        "title": "General English, 12 weeks",
                        "level": "intermediate",
                        "language": "en",
                        "duration_weeks": 12,
                        "tuition": {"amount": "3600.00", "currency": "GBP"},
                        "intakes": [
                            {"start_date": "2027-01-11", "application_deadline": "2026-12-01"}
                        ],
                        "requirements": "B1 placement test.",
                        "description": "Twenty lessons a week.",
                    },
                )
            ],
        )
    return (
        [
            OpenApiExample(
                "Homestays (public view)", value=_envelope(HOMESTAY_PUBLIC), response_only=True
            )
        ],
        [
            OpenApiExample(
                "A homestay, as the public sees it", value=HOMESTAY_PUBLIC, response_only=True
            ),
            OpenApiExample(
                "A homestay, as its owner sees it (a change pending)",
                value=HOMESTAY_OWNER,
                response_only=True,
            ),
        ],
        [
            OpenApiExample(
                "A new homestay",
                request_only=True,
                value={
                    "title": "Quiet room near Hyde Park",
                    "description": "A retired teacher's home with a cat.",
                    "country": "GB",
                    "city": "London",
                    "rooms": 1,
                    "price_per_week": {"amount": "260.00", "currency": "GBP"},
                    "amenities": ["wifi", "breakfast", "desk"],
                    "house_rules": "No smoking.",
                    "availability": [{"start_date": "2027-01-01", "end_date": "2027-06-30"}],
                    "address": "4 Elm Row, London W2 3AB",
                    "contact": {
                        "name": "Margaret Hill",
                        "email": "margaret@example.com",
                        "phone": "",
                    },
                },
            )
        ],
    )


APPLICATION = {
    "id": 12,
    "status": "submitted",
    "learner": {"id": 31, "display_name": "Ana G.", "avatar": None},
    "program": {
        "id": 7,
        "title": "General English, 12 weeks",
        "institution": PROGRAM["institution"],
    },
    "homestay": None,
    "message": "I would like to start in January.",
    "allowed_statuses": ["withdrawn"],
    "created_at": "2026-12-01T19:34:56.774403Z",
    "updated_at": "2026-12-01T19:34:56.774403Z",
    "status_changed_at": None,
}
APPLICATION_LIST = [
    OpenApiExample("Applications", value=_envelope(APPLICATION), response_only=True),
]
APPLICATION_CREATE = [
    OpenApiExample(
        "Apply to a program",
        request_only=True,
        value={"program": 7, "message": "I would like to start in January."},
    ),
    OpenApiExample("Apply to a homestay", request_only=True, value={"homestay": 5, "message": ""}),
    OpenApiExample("Submitted", value=APPLICATION, response_only=True, status_codes=["201"]),
]
APPLICATION_UPDATE = [
    OpenApiExample("Owner: start reviewing", request_only=True, value={"status": "under_review"}),
    OpenApiExample("Owner: accept", request_only=True, value={"status": "accepted"}),
    OpenApiExample("Learner: withdraw", request_only=True, value={"status": "withdrawn"}),
]
