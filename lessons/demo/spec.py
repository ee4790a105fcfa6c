"""The vocabulary the demo curriculum is written in: page specs and block builders.

Each builder returns one lesson-body block as `(block_type, value)`, with the value in exactly
the shape a StreamField stores it (see `lessons.blocks`). Images and sounds are named by key
(`ImageRef`, `AudioRef`) and resolved to real Wagtail images and documents when the curriculum
is loaded, so the lesson texts stay plain data.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.text import slugify

BlockSpec = tuple[str, Any]
Difficulty = Literal["beginner", "intermediate", "advanced"]
CEFR = Literal["A1", "A2", "B1", "B2", "C1", "C2"]


@dataclass(frozen=True)
class ImageRef:
    """An image of `lessons.demo.media.IMAGES`, by key."""

    key: str


@dataclass(frozen=True)
class AudioRef:
    """A sound of `lessons.demo.media.SOUNDS`, by key."""

    key: str


class SlugFromTitle:
    """Specs without an explicit `slug` take their title's."""

    def __post_init__(self):
        if not self.slug:
            object.__setattr__(self, "slug", slugify(self.title))


@dataclass(frozen=True)
class LessonSpec(SlugFromTitle):
    title: str
    intro: str
    difficulty: Difficulty
    cefr_level: CEFR
    estimated_duration: int
    body: list[BlockSpec]
    # Lessons without a cover of their own show their subcategory's image.
    cover: str | None = None
    slug: str = ""


@dataclass(frozen=True)
class SubcategorySpec(SlugFromTitle):
    title: str
    intro: str
    image: str
    lessons: list[LessonSpec] = field(default_factory=list)
    slug: str = ""


@dataclass(frozen=True)
class CategorySpec(SlugFromTitle):
    title: str
    intro: str
    image: str
    subcategories: list[SubcategorySpec] = field(default_factory=list)
    slug: str = ""


# --- Content blocks -------------------------------------------------------------------------


def heading(text: str, *, size: str = "h2") -> BlockSpec:
    return ("heading", {"text": text, "size": size})


def paragraph(html: str) -> BlockSpec:
    return ("paragraph", html)


def image(key: str, *, alt: str = "", caption: str = "") -> BlockSpec:
    return ("image", {"image": ImageRef(key), "alt_text": alt, "caption": caption})


def audio(key: str, *, title: str = "", transcript: str = "") -> BlockSpec:
    return ("audio", {"audio": AudioRef(key), "title": title, "transcript": transcript})


def video(url: str, *, caption: str = "") -> BlockSpec:
    return ("video", {"video": url, "caption": caption})


def word(
    text: str,
    phonetic: str,
    part_of_speech: str,
    meaning: str,
    example: str = "",
    *,
    audio: str | None = None,
) -> BlockSpec:
    """A vocabulary entry; `phonetic` is IPA between slashes, British pronunciation."""
    return (
        "vocabulary",
        {
            "word": text,
            "phonetic": phonetic,
            "part_of_speech": part_of_speech,
            "meaning": meaning,
            "example": example,
            "audio": AudioRef(audio) if audio else None,
        },
    )


def dialogue(title: str, *lines: tuple[str, str]) -> BlockSpec:
    """A conversation given as `(speaker, line)` pairs."""
    return (
        "dialogue",
        {"title": title, "lines": [{"speaker": who, "line": said} for who, said in lines]},
    )


def tip(html: str) -> BlockSpec:
    return ("tip", {"kind": "tip", "text": html})


def mistake(html: str) -> BlockSpec:
    return ("tip", {"kind": "warning", "text": html})


def culture(html: str) -> BlockSpec:
    return ("tip", {"kind": "culture", "text": html})


# --- Exercises ------------------------------------------------------------------------------


def choice(
    question: str,
    options: list[str],
    *,
    correct: str | list[str],
    allow_multiple: bool = False,
    explanation: str = "",
) -> BlockSpec:
    """A multiple-choice question; `correct` names the right option(s) by their text.

    Naming a correct option that is not among `options` is a typo in the curriculum, so it
    fails here rather than producing a question nobody can answer.
    """
    right = [correct] if isinstance(correct, str) else list(correct)
    unknown = set(right) - set(options)
    if unknown:
        raise ValueError(f"{question!r}: correct option(s) {sorted(unknown)} are not offered")
    return (
        "multiple_choice",
        {
            "question": question,
            "options": [{"text": text, "is_correct": text in right} for text in options],
            "allow_multiple": allow_multiple,
            "explanation": explanation,
        },
    )


def gaps(
    text: str,
    answers: list[str | list[str]],
    *,
    explanation: str = "",
    case_sensitive: bool = False,
) -> BlockSpec:
    """A fill-in-the-blank text with gaps `{1}`, `{2}`…; one answer (or list of them) per gap."""
    return (
        "fill_blank",
        {
            "text": text,
            "gaps": [
                {"accepted_answers": [accepted] if isinstance(accepted, str) else accepted}
                for accepted in answers
            ],
            "case_sensitive": case_sensitive,
            "explanation": explanation,
        },
    )


def say(prompt: str, phrase: str, *, show: bool = True, explanation: str = "") -> BlockSpec:
    """A voice response; `show` puts the phrase in front of the learner (repeat after me)."""
    return (
        "voice_response",
        {
            "prompt": prompt,
            "expected_phrase": phrase,
            "show_expected_phrase": show,
            "explanation": explanation,
        },
    )


def order(instruction: str, items: list[str], *, explanation: str = "") -> BlockSpec:
    """A drag-and-drop ordering task; `items` are given in their correct order."""
    return (
        "drag_drop",
        {
            "mode": "order",
            "instruction": instruction,
            "items": [{"text": text, "match": ""} for text in items],
            "explanation": explanation,
        },
    )


def match(instruction: str, pairs: list[tuple[str, str]], *, explanation: str = "") -> BlockSpec:
    """A drag-and-drop matching task, given as `(item, target)` pairs."""
    return (
        "drag_drop",
        {
            "mode": "match",
            "instruction": instruction,
            "items": [{"text": text, "match": target} for text, target in pairs],
            "explanation": explanation,
        },
    )
