"""The blocks a lesson body is written with.

Each block owns its API shape (`get_api_representation`): media blocks send absolute URLs, and
the exercise blocks (`lessons.exercises`) send only what a learner may see.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.media import (
    BLOCK_IMAGE_RENDITIONS,
    BLOCK_IMAGE_SCHEMA,
    DOCUMENT_SCHEMA,
    document_representation,
    image_representation,
    image_representation_by_id,
    request_from,
)
from core.schema_blocks import block_value_schema, stream_block_schema, struct_block_schema
from core.schema_types import nullable, obj
from lessons.blocks_raw import UNSHOWN, api_representation_from_raw, shown_from_raw
from lessons.embeds import EMBED_FIELDS_SCHEMA, video_embed
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

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    size = blocks.ChoiceBlock(
        label=_("Size"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class LessonImageBlock(blocks.StructBlock):
    """An illustration with alt text for screen readers and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alt text"),
        required=False,
        max_length=255,
        help_text=_("Describe the image; defaults to its title."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")

    def get_api_representation(self, value, context=None):
        image = value["image"]
        representation = image_representation(
            image, request_from(context), BLOCK_IMAGE_RENDITIONS, alt=value["alt_text"]
        )
        return {"image": representation, "caption": value["caption"]}

    def api_representation_from_raw(self, raw: dict, context=None) -> dict:
        """`get_api_representation` of the block as stored (`{"image": id, ...}`), without
        loading the image row per answer: `core.media` keeps what it shows per image."""
        value = {
            name: raw[name] if name in raw else block.get_default()
            for name, block in self.child_blocks.items()
        }
        representation = image_representation_by_id(
            value["image"], request_from(context), BLOCK_IMAGE_RENDITIONS, alt=value["alt_text"]
        )
        return {"image": representation, "caption": value["caption"]}

    def api_schema(self) -> dict:
        """`image` is null when the image was deleted; `alt` is the block's alt text, else the
        image's own."""
        caption = block_value_schema(self.child_blocks["caption"])
        return obj({"image": nullable(BLOCK_IMAGE_SCHEMA), "caption": caption})


class AudioBlock(blocks.StructBlock):
    """A sound file (uploaded as a document) with an optional transcript."""

    audio = DocumentChooserBlock(label=_("Sound file"))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Audio")

    def get_api_representation(self, value, context=None):
        return {
            "audio": document_representation(value["audio"], request_from(context)),
            "title": value["title"],
            "transcript": value["transcript"],
        }

    def api_representation_from_raw(self, raw: dict, context=None):
        # Without a sound file, no chooser lookup; with one, UNSHOWN (the converted value).
        return shown_from_raw(self, raw, context)

    def api_schema(self) -> dict:
        """`audio` is null when the sound file was deleted."""
        schema = struct_block_schema(self)
        schema["properties"]["audio"] = nullable(DOCUMENT_SCHEMA)
        return schema


class VideoBlock(blocks.StructBlock):
    """A video from an oEmbed provider (YouTube, Vimeo…).

    The apps get its URL and the embed data to play it (`lessons.embeds`): provider, the
    player's embed URL, thumbnail, title and aspect ratio, all null when the provider cannot
    be asked.
    """

    video = EmbedBlock(
        label=_("Video"), help_text=_("The page URL of the video, e.g. a YouTube link.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")

    def get_api_representation(self, value, context=None):
        url = value["video"].url if value["video"] else ""
        return {"video": url, "caption": value["caption"], **video_embed(url)}

    def api_representation_from_raw(self, raw: dict, context=None):
        return shown_from_raw(self, raw, context)

    def api_schema(self) -> dict:
        return {
            "type": "object",
            "required": ["video", "caption", *EMBED_FIELDS_SCHEMA],
            "properties": {
                "video": {
                    "type": "string",
                    "format": "uri",
                    "description": "The video's page URL at its provider, as the editor gave it.",
                },
                "caption": {"type": "string", "maxLength": 255},
                **EMBED_FIELDS_SCHEMA,
            },
            "additionalProperties": False,
        }


class VocabularyBlock(blocks.StructBlock):
    """One word or phrase with its pronunciation, meaning and an example sentence."""

    word = blocks.CharBlock(label=_("Word"), max_length=100)
    phonetic = blocks.CharBlock(
        label=_("Phonetic"), required=False, max_length=100, help_text=_("IPA, e.g. /ˈwɔːtə/")
    )
    part_of_speech = blocks.ChoiceBlock(
        label=_("Part of speech"),
        required=False,
        choices=[
            ("noun", _("Noun")),
            ("verb", _("Verb")),
            ("adjective", _("Adjective")),
            ("adverb", _("Adverb")),
            ("pronoun", _("Pronoun")),
            ("preposition", _("Preposition")),
            ("conjunction", _("Conjunction")),
            ("interjection", _("Interjection")),
            ("phrase", _("Phrase")),
            ("phrasal_verb", _("Phrasal verb")),
            ("idiom", _("Idiom")),
        ],
    )
    meaning = blocks.TextBlock(label=_("Meaning"))
    example = blocks.TextBlock(label=_("Example"), required=False)
    audio = DocumentChooserBlock(label=_("Pronunciation"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Vocabulary")

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        representation["audio"] = document_representation(value["audio"], request_from(context))
        return representation

    def api_representation_from_raw(self, raw: dict, context=None):
        # Without a sound file, no chooser lookup; with one, UNSHOWN (the converted value).
        return shown_from_raw(self, raw, context)

    def api_schema(self) -> dict:
        schema = struct_block_schema(self)
        schema["properties"]["audio"] = nullable(DOCUMENT_SCHEMA)
        return schema


class DialogueLineBlock(blocks.StructBlock):
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=60)
    line = blocks.TextBlock(label=_("Line"))

    class Meta:
        label = _("Line")
        label_format = "{speaker}: {line}"


class DialogueBlock(blocks.StructBlock):
    """A conversation, line by line."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    lines = blocks.ListBlock(DialogueLineBlock(), label=_("Lines"), min_num=2)

    class Meta:
        icon = "group"
        label = _("Dialogue")


class TipBlock(blocks.StructBlock):
    """A highlighted note: a tip, a common mistake or a cultural remark."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("tip", _("Tip")),
            ("warning", _("Common mistake")),
            ("culture", _("Culture note")),
        ],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Tip")


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
        # A block that can be shown from its stored form (`api_representation_from_raw`) is
        # never converted: its StructValues, ListValues and list item ids would be built for
        # nothing, and an image block would load its image row in every answer.
        if value is None:
            return []
        representation = []
        raw_data = value.raw_data
        for index in range(len(value)):
            raw = raw_data[index]
            block = self.child_blocks[raw["type"]]
            block_id = raw.get("id")
            child_context = {**(context or {}), "block_id": block_id}
            shown = api_representation_from_raw(block, raw["value"], child_context)
            if shown is UNSHOWN:
                shown = block.get_api_representation(value[index].value, child_context)
            representation.append({"type": block.name, "value": shown, "id": block_id})
        return representation

    def api_schema(self) -> dict:
        return stream_block_schema(self)  # Wagtail's shape: only the children's context differs


def exercise_blocks() -> dict[str, ExerciseBlock]:
    """The exercise types of a lesson body, by block name."""
    return {
        name: block
        for name, block in LessonBodyBlock().child_blocks.items()
        if isinstance(block, ExerciseBlock)
    }
