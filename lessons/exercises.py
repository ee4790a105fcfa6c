"""The interactive exercises of a lesson body. Each type is one class that owns everything
about itself:

- `public_representation`: what a learner may see. Never the correct answers, accepted
  alternatives or explanations, which stay on the server for grading. The same shape is the
  content API's block `value` and the snapshot kept with an attempt.
- `answer_clean`: the answer format; anything else raises `MalformedAnswer` (a 400), never a
  wrong grade. It returns the answer as it is kept with the attempt.
- `grade`: the score and the feedback.
- `answer_schema` / `feedback_schema`: the OpenAPI description of the two, which the learner
  schema builds from these classes; `public_schema`: that of the public shape, for the content
  schema (`api_schema()`) and the attempt's `exercise` snapshot.

Adding an exercise type is one class here, its entry in `LessonBodyBlock`, and its tests.
Answers are kept out of the search index too, so searching for an answer cannot find its lesson.
"""

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lessons.blocks_raw import shown_from_raw
from lessons.grading import (
    Grade,
    MalformedAnswer,
    awaiting_review,
    graded,
    index_list,
    is_index,
    normalize_text_answer,
)
from lessons.models.recordings import Recording

GAP_PATTERN = re.compile(r"\{(\d+)\}")
GAP_ANSWER_MAX_LENGTH = 200
TRANSCRIPT_MAX_LENGTH = 2000


def field_error(**errors: str) -> blocks.StructBlockValidationError:
    """A validation error shown on the named child fields of a struct block in the editor."""
    return blocks.StructBlockValidationError(
        block_errors={name: ValidationError(message) for name, message in errors.items()}
    )


def gap_numbers(text: str) -> list[int]:
    """The gap numbers written in a fill-in-the-blank text, in reading order."""
    return [int(number) for number in GAP_PATTERN.findall(text)]


def keyed_order(block_id: str, purpose: str, texts: list[str]) -> list[int]:
    """Indexes of `texts` in the order a learner sees them.

    Each text is placed by a hash keyed with the server's secret and the block id, so the
    order depends only on which texts there are: never on the order (or the pairs) the editor
    stored, which is the answer. Without the secret nobody can recompute it; it is stable for
    as long as the texts and the secret stay the same, so an attempt's indexes map back. It may
    coincide with the correct order, as a fair shuffle sometimes does.
    """

    def position(index: int) -> tuple[str, str]:
        text = texts[index]
        digest = salted_hmac("lessons.exercise-order", f"{purpose}\x1f{block_id}\x1f{text}")
        return digest.hexdigest(), text

    return sorted(range(len(texts)), key=position)


@dataclass(frozen=True)
class Answer:
    """A well-formed answer as it is kept: its JSON, and the learner's recording if any."""

    data: Any
    recording: Any = None


def _block_id(context: dict | None) -> str:
    return (context or {}).get("block_id", "")


def explanation_block() -> blocks.TextBlock:
    """The optional text an exercise shows after the learner answers."""
    return blocks.TextBlock(
        label=_("Explanation"),
        required=False,
        help_text=_("Shown after the learner answers."),
    )


class ExerciseBlock(blocks.StructBlock):
    """Base of the interactive exercises (see the module docstring for the contract)."""

    is_exercise = True
    answer_schema: ClassVar[dict] = {}
    feedback_schema: ClassVar[dict] = {}
    public_schema: ClassVar[dict] = {}

    def public_representation(self, value, block_id: str) -> dict:
        raise NotImplementedError

    def answer_clean(self, value, answer: Any, *, block_id: str, learner=None) -> Answer:
        raise NotImplementedError

    def grade(self, value, answer: Answer, *, block_id: str) -> Grade:
        raise NotImplementedError

    def get_api_representation(self, value, context=None):
        return self.public_representation(value, _block_id(context))

    def api_representation_from_raw(self, raw: dict, context=None):
        """The same, from the stored form (`lessons.blocks_raw`): the public shape reads the
        value by key and iterates its lists."""
        return shown_from_raw(self, raw, context)

    def api_schema(self) -> dict:
        """The content API's schema of the block's value (core.schema_blocks)."""
        return self.public_schema

    def get_searchable_content(self, value):
        texts = []
        for item in self.public_representation(value, "").values():
            if isinstance(item, str):
                texts.append(item)
            elif isinstance(item, list):
                texts.extend(text for text in item if isinstance(text, str))
        return texts


# --- Multiple choice ------------------------------------------------------------------------


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=255)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        label = _("Option")
        # Collapsed, an option still says whether it is a correct one ("goes · correct: Yes").
        label_format = _("{text} · correct: {is_correct}")


EMPTY_OPTION = {"text": "", "is_correct": False}


class MultipleChoiceBlock(ExerciseBlock):
    """A question with options; one or several of them are correct.

    Answer: the chosen option indexes, 0-based (`[2]`, several with `allow_multiple`). Partial
    credit for several: (right picks − wrong picks) / correct options, never below 0. The
    feedback says which picks were right and how many correct options were missed, never which.
    """

    question = blocks.TextBlock(label=_("Question"))
    # A new exercise starts with the two options it needs at least, empty.
    options = blocks.ListBlock(
        ChoiceOptionBlock(),
        label=_("Options"),
        min_num=2,
        max_num=10,
        default=[EMPTY_OPTION, EMPTY_OPTION],
    )
    allow_multiple = blocks.BooleanBlock(
        label=_("Allow multiple"),
        required=False,
        help_text=_("Learners may choose several options; all correct ones count."),
    )
    explanation = explanation_block()

    public_schema = {
        "type": "object",
        "required": ["question", "options", "allow_multiple"],
        "properties": {
            "question": {"type": "string"},
            "options": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 2,
                "maxItems": 10,
                "description": "Referred to by index, 0-based.",
            },
            "allow_multiple": {
                "type": "boolean",
                "description": "Several options may be right, and chosen; else exactly one is.",
            },
        },
        "additionalProperties": False,
    }
    answer_schema = {
        "type": "array",
        "items": {"type": "integer", "minimum": 0},
        "minItems": 1,
        "description": "The chosen option indexes, 0-based.",
        "example": [2],
    }
    feedback_schema = {
        "type": "object",
        "required": ["picks", "missed"],
        "properties": {
            "picks": {
                "type": "array",
                "items": {"type": "boolean"},
                "description": "For each pick, in the order sent: was it a correct option.",
            },
            "missed": {"type": "integer", "description": "Correct options not picked."},
        },
    }

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")

    def clean(self, value):
        value = super().clean(value)
        options = value["options"]
        correct = [option for option in options if option["is_correct"]]
        # Case matters: pronunciation options mark stress with capitals (PHO-to-graph).
        texts = [option["text"].strip() for option in options]
        if len(set(texts)) != len(texts):
            raise field_error(options=_("Two options have the same text."))
        if not correct:
            raise field_error(options=_("Mark at least one option as correct."))
        if len(correct) > 1 and not value["allow_multiple"]:
            raise field_error(
                options=_("Only one option may be correct unless 'allow multiple' is ticked.")
            )
        return value

    def public_representation(self, value, block_id):
        return {
            "question": value["question"],
            "options": [option["text"] for option in value["options"]],
            "allow_multiple": bool(value["allow_multiple"]),
        }

    def answer_clean(self, value, answer, *, block_id, learner=None):
        options = value["options"]
        picks = index_list(answer, what="option")
        if not picks:
            raise MalformedAnswer("Choose at least one option.")
        if len(set(picks)) != len(picks):
            raise MalformedAnswer("Choose each option once.")
        if any(not 0 <= pick < len(options) for pick in picks):
            raise MalformedAnswer(f"Option indexes go from 0 to {len(options) - 1}.")
        if len(picks) > 1 and not value["allow_multiple"]:
            raise MalformedAnswer("Choose one option only.")
        return Answer(picks)

    def grade(self, value, answer, *, block_id):
        options = value["options"]
        correct_options = {index for index, option in enumerate(options) if option["is_correct"]}
        right = [pick in correct_options for pick in answer.data]
        score = (right.count(True) - right.count(False)) / len(correct_options)
        return graded(score, {"picks": right, "missed": len(correct_options) - right.count(True)})


# --- Fill in the blank ----------------------------------------------------------------------


class GapBlock(blocks.StructBlock):
    accepted_answers = blocks.ListBlock(
        # The editor adds the gap's number: "Accepted answer for gap 2" (lessons/editor.css).
        blocks.CharBlock(label=_("Accepted answer for gap"), max_length=100),
        label=_("Accepted answers"),
        min_num=1,
        help_text=_("Every answer that counts as right."),
        form_classname="toto-gap-answers",
    )

    class Meta:
        label = _("Gap")


class FillBlankBlock(ExerciseBlock):
    """A text with numbered gaps, written {1}, {2}…, each with its accepted answers.

    Answer: one text per gap. Surrounding and repeated whitespace never matters, typographic
    quotes count as straight ones, and case only when the exercise says so. The score is the
    share of gaps right; the feedback says which gaps were right.
    """

    text = blocks.TextBlock(label=_("Text"), help_text=_("Write each gap as {1}, {2}… in order."))
    # The editor numbers the gaps (lessons/static/lessons/editor.css): gap 1 first, then 2…
    gaps = blocks.ListBlock(
        GapBlock(),
        label=_("Gaps"),
        min_num=1,
        # A new exercise starts with gap 1 and a row for its first accepted answer.
        default=[{"accepted_answers": [""]}],
        help_text=_("Gap 1 first, then gap 2, and so on."),
        form_classname="toto-gaps",
    )
    case_sensitive = blocks.BooleanBlock(
        label=_("Case sensitive"),
        required=False,
        help_text=_("Count 'london' as wrong when 'London' is expected."),
    )
    explanation = explanation_block()

    public_schema = {
        "type": "object",
        "required": ["text", "gap_count"],
        "properties": {
            "text": {
                "type": "string",
                "description": "Plain text with the gaps written {1}, {2}… in reading order.",
            },
            "gap_count": {"type": "integer", "minimum": 1},
        },
        "additionalProperties": False,
    }
    answer_schema = {
        "type": "array",
        "items": {"type": "string", "maxLength": GAP_ANSWER_MAX_LENGTH},
        "description": "One text per gap, gap 1 first.",
        "example": ["works", "lives"],
    }
    feedback_schema = {
        "type": "object",
        "required": ["gaps"],
        "properties": {
            "gaps": {
                "type": "array",
                "items": {"type": "boolean"},
                "description": "For each gap, gap 1 first: was it right.",
            }
        },
    }

    class Meta:
        icon = "edit"
        label = _("Fill in the blank")

    def clean(self, value):
        value = super().clean(value)
        numbers = gap_numbers(value["text"])
        expected = list(range(1, len(numbers) + 1))
        if not numbers:
            raise field_error(text=_("Write at least one gap as {1}."))
        if numbers != expected:
            raise field_error(
                text=_("Number the gaps {1}, {2}, {3}… in order, each once (found %(found)s).")
                % {"found": ", ".join(f"{{{n}}}" for n in numbers)}
            )
        if len(value["gaps"]) != len(numbers):
            raise field_error(
                gaps=_(
                    "The text has %(gaps)d gap(s) but %(sets)d answer set(s) are given: "
                    "give one per gap."
                )
                % {"gaps": len(numbers), "sets": len(value["gaps"])}
            )
        return value

    def public_representation(self, value, block_id):
        return {"text": value["text"], "gap_count": len(gap_numbers(value["text"]))}

    def answer_clean(self, value, answer, *, block_id, learner=None):
        gap_count = len(gap_numbers(value["text"]))
        if not isinstance(answer, list) or not all(isinstance(text, str) for text in answer):
            raise MalformedAnswer('Send a list of texts, one per gap, e.g. ["works"].')
        if len(answer) != gap_count:
            raise MalformedAnswer(f"Send {gap_count} text(s), one per gap; got {len(answer)}.")
        if any(len(text) > GAP_ANSWER_MAX_LENGTH for text in answer):
            raise MalformedAnswer(f"A gap takes at most {GAP_ANSWER_MAX_LENGTH} characters.")
        return Answer(answer)

    def grade(self, value, answer, *, block_id):
        gap_count = len(gap_numbers(value["text"]))
        case_sensitive = bool(value["case_sensitive"])
        gaps = []
        for given, gap in zip(answer.data, value["gaps"], strict=False):
            accepted = {
                normalize_text_answer(text, case_sensitive=case_sensitive)
                for text in gap["accepted_answers"]
            }
            normalized = normalize_text_answer(given, case_sensitive=case_sensitive)
            gaps.append(bool(normalized) and normalized in accepted)
        # A stored exercise always has one answer set per gap (the block validates it); should
        # an old one not, the gaps without answers cannot be right.
        gaps += [False] * (gap_count - len(gaps))
        return graded(gaps.count(True) / gap_count, {"gaps": gaps})


# --- Voice response -------------------------------------------------------------------------


class VoiceResponseBlock(ExerciseBlock):
    """The learner says something aloud; a teacher reviews the recording.

    Answer: `{"transcript": "...", "recording": <id of the learner's recording, or null>}`,
    at least one of the two; the recording is one the learner uploaded to
    `/api/v1/me/recordings/` (`lessons.models.Recording`). It is not graded here (`correct`
    and `score` stay null) but kept for a teacher to review in the admin
    (`lessons.services.voice_attempt_review`), which fills `correct`, `score` and the feedback
    `{"status": "reviewed", "comment": ...}`.
    """

    prompt = blocks.TextBlock(label=_("Prompt"))
    expected_phrase = blocks.CharBlock(label=_("Expected phrase"), max_length=255)
    show_expected_phrase = blocks.BooleanBlock(
        label=_("Show expected phrase"),
        required=False,
        help_text=_("Show the phrase to the learner (e.g. a repeat-after-me task)."),
    )
    explanation = blocks.TextBlock(label=_("Explanation"), required=False)

    public_schema = {
        "type": "object",
        "required": ["prompt"],
        "properties": {
            "prompt": {"type": "string", "description": "What to say."},
            "expected_phrase": {
                "type": "string",
                "description": "Only when the editor chose to show it (repeat after me).",
            },
        },
        "additionalProperties": False,
    }
    answer_schema = {
        "type": "object",
        "properties": {
            "transcript": {"type": "string", "maxLength": TRANSCRIPT_MAX_LENGTH},
            "recording": {
                "type": "integer",
                "nullable": True,
                "description": "The id of one of the learner's own recordings.",
            },
        },
        "additionalProperties": False,
        "example": {"transcript": "I get up at seven", "recording": None},
    }
    feedback_schema = {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["awaiting_review", "reviewed"]},
            "comment": {"type": "string", "description": "The teacher's written feedback."},
        },
    }

    class Meta:
        icon = "media"
        label = _("Voice response")

    def public_representation(self, value, block_id):
        representation = {"prompt": value["prompt"]}
        if value["show_expected_phrase"]:
            representation["expected_phrase"] = value["expected_phrase"]
        return representation

    def answer_clean(self, value, answer, *, block_id, learner=None):
        if not isinstance(answer, dict) or set(answer) - {"transcript", "recording"}:
            raise MalformedAnswer(
                'Send {"transcript": "...", "recording": <recording id or null>}.'
            )
        transcript = answer.get("transcript", "")
        recording_id = answer.get("recording")
        if not isinstance(transcript, str):
            raise MalformedAnswer("The transcript is a text.")
        if len(transcript) > TRANSCRIPT_MAX_LENGTH:
            raise MalformedAnswer(
                f"The transcript takes at most {TRANSCRIPT_MAX_LENGTH} characters."
            )
        if recording_id is not None and not is_index(recording_id):
            raise MalformedAnswer("The recording is a recording id, or null.")
        transcript = transcript.strip()
        if not transcript and recording_id is None:
            raise MalformedAnswer("Send a transcript, a recording, or both.")
        recording = None
        if recording_id is not None:
            # Only the learner's own upload (POST /api/v1/me/recordings/): another learner's
            # recording id is refused exactly like one that does not exist.
            recording = (
                Recording.objects.filter(pk=recording_id, learner=learner).first()
                if learner is not None
                else None
            )
            if recording is None:
                raise MalformedAnswer("The recording is not one of your uploads.")
        return Answer({"transcript": transcript, "recording": recording_id}, recording)

    def grade(self, value, answer, *, block_id):
        return awaiting_review()


# --- Drag and drop --------------------------------------------------------------------------


class DragItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    match = blocks.CharBlock(
        label=_("Match"),
        required=False,
        max_length=200,
        help_text=_("Match mode only: the target this item goes to."),
    )

    class Meta:
        label = _("Item")


class DragDropBlock(ExerciseBlock):
    """Put items in order, or match each item to its target.

    Editors enter the items in their correct order (order mode) or each with its target (match
    mode); the API shows items and targets in a keyed order (`keyed_order`) that carries no
    information about the answer.

    Answer, order mode: the item indexes as shown, in the learner's order; the score is the
    share of positions right. Match mode: `[item_index, target_index]` pairs, both as shown;
    the score is the share of items matched right (unplaced items count as wrong).
    """

    mode = blocks.ChoiceBlock(
        label=_("Mode"), choices=[("order", _("Put in order")), ("match", _("Match pairs"))]
    )
    instruction = blocks.CharBlock(label=_("Instruction"), required=False, max_length=255)
    items = blocks.ListBlock(DragItemBlock(), label=_("Items"), min_num=2, max_num=20)
    explanation = blocks.TextBlock(label=_("Explanation"), required=False)

    public_schema = {
        "type": "object",
        "required": ["mode", "instruction", "items"],
        "properties": {
            "mode": {"type": "string", "enum": ["order", "match"]},
            "instruction": {"type": "string", "description": "May be empty."},
            "items": {
                "type": "array",
                "items": {"type": "string"},
                "minItems": 2,
                "maxItems": 20,
                "description": "In a keyed order that gives nothing away; answer with indexes.",
            },
            "targets": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Match mode only: the distinct targets, in a keyed order.",
            },
        },
        "additionalProperties": False,
    }
    answer_schema = {
        "oneOf": [
            {
                "type": "array",
                "items": {"type": "integer", "minimum": 0},
                "description": "Order mode: every shown item index once, in the learner's order.",
                "example": [2, 0, 3, 1],
            },
            {
                "type": "array",
                "items": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 0},
                    "minItems": 2,
                    "maxItems": 2,
                },
                "description": "Match mode: [shown item index, shown target index] pairs.",
                "example": [[0, 1], [1, 0]],
            },
        ]
    }
    feedback_schema = {
        "type": "object",
        "properties": {
            "positions": {
                "type": "array",
                "items": {"type": "boolean"},
                "description": "Order mode: for each position of the answer, was it right.",
            },
            "pairs": {
                "type": "array",
                "items": {"type": "boolean"},
                "description": "Match mode: for each pair sent, was it right.",
            },
        },
    }

    class Meta:
        icon = "order"
        label = _("Drag and drop")

    def clean(self, value):
        value = super().clean(value)
        items = value["items"]
        texts = [item["text"].strip() for item in items]
        if len(set(texts)) != len(texts):
            raise field_error(items=_("Every item needs a different text."))
        if value["mode"] == "match":
            if any(not item["match"].strip() for item in items):
                raise field_error(items=_("In match mode every item needs its target."))
        elif any(item["match"].strip() for item in items):
            raise field_error(items=_("Targets are only used in match mode; clear them."))
        return value

    @staticmethod
    def item_order(value, block_id: str) -> list[int]:
        """Indexes into the stored items, in the order the learner sees them."""
        return keyed_order(block_id, "items", [item["text"] for item in value["items"]])

    @staticmethod
    def targets(value, block_id: str) -> list[str]:
        """The distinct targets, in the order the learner sees them."""
        distinct = list(dict.fromkeys(item["match"] for item in value["items"]))
        return [distinct[index] for index in keyed_order(block_id, "targets", distinct)]

    def public_representation(self, value, block_id):
        items = value["items"]
        representation = {
            "mode": value["mode"],
            "instruction": value["instruction"],
            "items": [items[index]["text"] for index in self.item_order(value, block_id)],
        }
        if value["mode"] == "match":
            representation["targets"] = self.targets(value, block_id)
        return representation

    def answer_clean(self, value, answer, *, block_id, learner=None):
        item_count = len(value["items"])
        if value["mode"] != "match":
            order = index_list(answer, what="item")
            if sorted(order) != list(range(item_count)):
                raise MalformedAnswer(
                    f"Send every item index from 0 to {item_count - 1} once, in your order."
                )
            return Answer(order)
        target_count = len(self.targets(value, block_id))
        if not isinstance(answer, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(is_index(index) for index in pair)
            for pair in answer
        ):
            raise MalformedAnswer("Send a list of [item_index, target_index] pairs.")
        if any(not 0 <= item < item_count for item, _target in answer):
            raise MalformedAnswer(f"Item indexes go from 0 to {item_count - 1}.")
        if any(not 0 <= target < target_count for _item, target in answer):
            raise MalformedAnswer(f"Target indexes go from 0 to {target_count - 1}.")
        placed = [item for item, _target in answer]
        if len(set(placed)) != len(placed):
            raise MalformedAnswer("Place each item once.")
        return Answer(answer)

    def grade(self, value, answer, *, block_id):
        items = value["items"]
        shown_items = self.item_order(value, block_id)  # shown index -> stored index
        if value["mode"] == "match":
            targets = self.targets(value, block_id)
            pairs = [
                items[shown_items[item]]["match"] == targets[target] for item, target in answer.data
            ]
            return graded(pairs.count(True) / len(items), {"pairs": pairs})
        # Items are stored in their correct order: position p is right if it holds stored item p.
        positions = [shown_items[shown] == position for position, shown in enumerate(answer.data)]
        return graded(positions.count(True) / len(items), {"positions": positions})
