"""The blocks a lesson body is written with.

Each block owns its API shape (`get_api_representation`): media blocks send absolute URLs, and
the exercise blocks (`lessons.exercises`) send only what a learner may see.
"""

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
from lessons.exercises import (
    DragDropBlock,
    ExerciseBlock,
    FillBlankBlock,
    MultipleChoiceBlock,
    VoiceResponseBlock,
)

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


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

    def get_api_representation(self, value, context=None):
        # As Wagtail's, but each block learns its own id: exercises key their shown order on it.
        if value is None:
            return []
        return [
            {
                "type": child.block.name,
                "value": child.block.get_api_representation(
                    child.value, context={**(context or {}), "block_id": child.id}
                ),
                "id": child.id,
            }
            for child in value
        ]


def exercise_blocks() -> dict[str, ExerciseBlock]:
    """The exercise types of a lesson body, by block name."""
    return {
        name: block
        for name, block in LessonBodyBlock().child_blocks.items()
        if isinstance(block, ExerciseBlock)
    }
