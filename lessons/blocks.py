"""The blocks a lesson body is written with.

Each block owns its API shape (`get_api_representation`): media blocks send absolute URLs, and
exercise blocks send only what a learner may see — never the correct answers, accepted
alternatives or explanations, which stay on the server for grading. Exercise blocks also keep
their answers out of the search index, so searching for an answer cannot find its lesson.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.media import (
    BLOCK_IMAGE_RENDITIONS,
    document_representation,
    image_representation,
    request_from,
)
from lessons.exercises import display_order, gap_numbers

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


def field_error(**errors: str) -> blocks.StructBlockValidationError:
    """A validation error shown on the named child fields of a struct block in the editor."""
    return blocks.StructBlockValidationError(
        block_errors={name: ValidationError(message) for name, message in errors.items()}
    )


# --- Content blocks -------------------------------------------------------------------------


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a lesson."""

    text = blocks.CharBlock(max_length=200)
    size = blocks.ChoiceBlock(choices=[("h2", "Section"), ("h3", "Subsection")], default="h2")

    class Meta:
        icon = "title"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"


class LessonImageBlock(blocks.StructBlock):
    """An illustration with alt text for screen readers and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, max_length=255, help_text="Describe the image; defaults to its title."
    )
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "image"

    def get_api_representation(self, value, context=None):
        image = value["image"]
        representation = image_representation(
            image, request_from(context), BLOCK_IMAGE_RENDITIONS, alt=value["alt_text"]
        )
        return {"image": representation, "caption": value["caption"]}


class AudioBlock(blocks.StructBlock):
    """A sound file (uploaded as a document) with an optional transcript."""

    audio = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200)
    transcript = blocks.TextBlock(required=False)

    class Meta:
        icon = "media"

    def get_api_representation(self, value, context=None):
        return {
            "audio": document_representation(value["audio"], request_from(context)),
            "title": value["title"],
            "transcript": value["transcript"],
        }


class VideoBlock(blocks.StructBlock):
    """A video from an oEmbed provider (YouTube, Vimeo…), sent to the apps as its URL."""

    video = EmbedBlock(help_text="The page URL of the video, e.g. a YouTube link.")
    caption = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "media"


class VocabularyBlock(blocks.StructBlock):
    """One word or phrase with its pronunciation, meaning and an example sentence."""

    word = blocks.CharBlock(max_length=100)
    phonetic = blocks.CharBlock(required=False, max_length=100, help_text="IPA, e.g. /ˈwɔːtə/")
    part_of_speech = blocks.ChoiceBlock(
        required=False,
        choices=[
            ("noun", "Noun"),
            ("verb", "Verb"),
            ("adjective", "Adjective"),
            ("adverb", "Adverb"),
            ("pronoun", "Pronoun"),
            ("preposition", "Preposition"),
            ("conjunction", "Conjunction"),
            ("interjection", "Interjection"),
            ("phrase", "Phrase"),
            ("phrasal_verb", "Phrasal verb"),
            ("idiom", "Idiom"),
        ],
    )
    meaning = blocks.TextBlock()
    example = blocks.TextBlock(required=False)
    audio = DocumentChooserBlock(required=False)

    class Meta:
        icon = "openquote"

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        representation["audio"] = document_representation(value["audio"], request_from(context))
        return representation


class DialogueLineBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(max_length=60)
    line = blocks.TextBlock()


class DialogueBlock(blocks.StructBlock):
    """A conversation, line by line."""

    title = blocks.CharBlock(required=False, max_length=200)
    lines = blocks.ListBlock(DialogueLineBlock(), min_num=2)

    class Meta:
        icon = "group"


class TipBlock(blocks.StructBlock):
    """A highlighted note: a tip, a common mistake or a cultural remark."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", "Tip"), ("warning", "Common mistake"), ("culture", "Culture note")],
        default="tip",
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"


# --- Exercise blocks ------------------------------------------------------------------------


class ExerciseBlock(blocks.StructBlock):
    """Base of the interactive exercises.

    `public_representation` is everything a learner may see; the rest of the value (answers,
    accepted alternatives, the explanation) is for grading only.
    """

    is_exercise = True

    def public_representation(self, value, context=None) -> dict:
        raise NotImplementedError

    def get_api_representation(self, value, context=None):
        return self.public_representation(value, context)

    def get_searchable_content(self, value):
        texts = []
        for item in self.public_representation(value).values():
            if isinstance(item, str):
                texts.append(item)
            elif isinstance(item, list):
                texts.extend(text for text in item if isinstance(text, str))
        return texts


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    is_correct = blocks.BooleanBlock(required=False)


class MultipleChoiceBlock(ExerciseBlock):
    """A question with options; one or several of them are correct."""

    question = blocks.TextBlock()
    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2, max_num=10)
    allow_multiple = blocks.BooleanBlock(
        required=False, help_text="Learners may choose several options; all correct ones count."
    )
    explanation = blocks.TextBlock(required=False, help_text="Shown after the learner answers.")

    class Meta:
        icon = "list-ul"

    def clean(self, value):
        value = super().clean(value)
        options = value["options"]
        correct = [option for option in options if option["is_correct"]]
        # Case matters: pronunciation options mark stress with capitals (PHO-to-graph).
        texts = [option["text"].strip() for option in options]
        if len(set(texts)) != len(texts):
            raise field_error(options="Two options have the same text.")
        if not correct:
            raise field_error(options="Mark at least one option as correct.")
        if len(correct) > 1 and not value["allow_multiple"]:
            raise field_error(
                options="Only one option may be correct unless 'allow multiple' is ticked."
            )
        return value

    def public_representation(self, value, context=None):
        return {
            "question": value["question"],
            "options": [option["text"] for option in value["options"]],
            "allow_multiple": bool(value["allow_multiple"]),
        }


class GapBlock(blocks.StructBlock):
    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=100), min_num=1, help_text="Every answer that counts as right."
    )


class FillBlankBlock(ExerciseBlock):
    """A text with numbered gaps, written {1}, {2}…, each with its accepted answers."""

    text = blocks.TextBlock(help_text="Write each gap as {1}, {2}… in order.")
    gaps = blocks.ListBlock(GapBlock(), min_num=1, help_text="Gap 1 first, then gap 2, and so on.")
    case_sensitive = blocks.BooleanBlock(
        required=False, help_text="Count 'london' as wrong when 'London' is expected."
    )
    explanation = blocks.TextBlock(required=False, help_text="Shown after the learner answers.")

    class Meta:
        icon = "edit"

    def clean(self, value):
        value = super().clean(value)
        numbers = gap_numbers(value["text"])
        expected = list(range(1, len(numbers) + 1))
        if not numbers:
            raise field_error(text="Write at least one gap as {1}.")
        if numbers != expected:
            raise field_error(
                text="Number the gaps {1}, {2}, {3}… in order, each once "
                f"(found {', '.join(f'{{{n}}}' for n in numbers)})."
            )
        if len(value["gaps"]) != len(numbers):
            raise field_error(
                gaps=f"The text has {len(numbers)} gap(s) but {len(value['gaps'])} "
                "answer set(s) are given: give one per gap."
            )
        return value

    def public_representation(self, value, context=None):
        return {"text": value["text"], "gap_count": len(gap_numbers(value["text"]))}


class VoiceResponseBlock(ExerciseBlock):
    """The learner says something aloud; a teacher reviews the recording."""

    prompt = blocks.TextBlock()
    expected_phrase = blocks.CharBlock(max_length=255)
    show_expected_phrase = blocks.BooleanBlock(
        required=False, help_text="Show the phrase to the learner (e.g. a repeat-after-me task)."
    )
    explanation = blocks.TextBlock(required=False)

    class Meta:
        icon = "media"

    def public_representation(self, value, context=None):
        representation = {"prompt": value["prompt"]}
        if value["show_expected_phrase"]:
            representation["expected_phrase"] = value["expected_phrase"]
        return representation


class DragItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    match = blocks.CharBlock(
        required=False, max_length=200, help_text="Match mode only: the target this item goes to."
    )


class DragDropBlock(ExerciseBlock):
    """Put items in order, or match each item to its target.

    Editors enter the items in their correct order (order mode) or each with its target (match
    mode); the API shows items and targets in a stable shuffled order.
    """

    mode = blocks.ChoiceBlock(choices=[("order", "Put in order"), ("match", "Match pairs")])
    instruction = blocks.CharBlock(required=False, max_length=255)
    items = blocks.ListBlock(DragItemBlock(), min_num=2, max_num=20)
    explanation = blocks.TextBlock(required=False)

    class Meta:
        icon = "order"

    def clean(self, value):
        value = super().clean(value)
        items = value["items"]
        texts = [item["text"].strip() for item in items]
        if len(set(texts)) != len(texts):
            raise field_error(items="Every item needs a different text.")
        if value["mode"] == "match":
            if any(not item["match"].strip() for item in items):
                raise field_error(items="In match mode every item needs its target.")
        elif any(item["match"].strip() for item in items):
            raise field_error(items="Targets are only used in match mode; clear them.")
        return value

    @staticmethod
    def item_order(value) -> list[int]:
        """Indexes into the stored items, in the order the learner sees them."""
        texts = [item["text"] for item in value["items"]]
        return display_order("items:" + "\x1f".join(texts), len(texts))

    @staticmethod
    def targets(value) -> list[str]:
        """The distinct targets, in the order the learner sees them."""
        distinct = list(dict.fromkeys(item["match"] for item in value["items"]))
        order = display_order("targets:" + "\x1f".join(distinct), len(distinct))
        return [distinct[index] for index in order]

    def public_representation(self, value, context=None):
        items = value["items"]
        representation = {
            "mode": value["mode"],
            "instruction": value["instruction"],
            "items": [items[index]["text"] for index in self.item_order(value)],
        }
        if value["mode"] == "match":
            representation["targets"] = self.targets(value)
        return representation


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = LessonImageBlock()
    audio = AudioBlock()
    video = VideoBlock()
    vocabulary = VocabularyBlock()
    dialogue = DialogueBlock()
    tip = TipBlock()
    multiple_choice = MultipleChoiceBlock()
    fill_blank = FillBlankBlock()
    voice_response = VoiceResponseBlock()
    drag_drop = DragDropBlock()
