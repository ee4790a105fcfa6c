"""factory-boy factories of lesson content: exercise values as a StreamField stores them.

Each builds a valid block value with sensible text; override what a test is about:
`MultipleChoiceFactory(options=choices(("often", True), ("now", False)), allow_multiple=True)`.
"""

import factory


def choices(*options: tuple[str, bool]) -> list[dict]:
    """Multiple-choice options from `(text, is_correct)` pairs."""
    return [{"text": text, "is_correct": correct} for text, correct in options]


def gaps(*accepted: list[str]) -> list[dict]:
    """Fill-in-the-blank answer sets, gap 1 first."""
    return [{"accepted_answers": answers} for answers in accepted]


def drag_items(*items: str | tuple[str, str]) -> list[dict]:
    """Drag-and-drop items: texts (order mode) or `(text, target)` pairs (match mode)."""
    return [
        {"text": item, "match": ""}
        if isinstance(item, str)
        else {"text": item[0], "match": item[1]}
        for item in items
    ]


class MultipleChoiceFactory(factory.DictFactory):
    question = "She ___ coffee every morning."
    options = factory.LazyFunction(
        lambda: choices(("drink", False), ("drinks", True), ("drinking", False))
    )
    allow_multiple = False
    explanation = "Third person singular takes -s."


class FillBlankFactory(factory.DictFactory):
    text = "He {1} (work) in a bank and {2} (live) in Leeds."
    gaps = factory.LazyFunction(lambda: gaps(["works"], ["lives", "is living"]))
    case_sensitive = False
    explanation = "Present simple: he works, he lives."


class VoiceResponseFactory(factory.DictFactory):
    prompt = "Say what you do every morning."
    expected_phrase = "I get up at seven"
    show_expected_phrase = False
    explanation = ""


class DragDropFactory(factory.DictFactory):
    mode = "order"
    instruction = "Make a sentence."
    items = factory.LazyFunction(lambda: drag_items("She", "never", "eats", "meat"))
    explanation = "Adverbs of frequency go before the main verb."


class MatchFactory(DragDropFactory):
    instruction = "Match each word to what it is."
    items = factory.LazyFunction(
        lambda: drag_items(
            ("dog", "animal"), ("rose", "plant"), ("oak", "plant"), ("car", "machine")
        )
    )
    explanation = ""
    mode = "match"
