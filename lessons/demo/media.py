"""Images and sounds for the demo curriculum, drawn and synthesised at load time.

Nothing is shipped as a binary file: covers and diagrams are drawn with Pillow, and the sounds
(intonation glides and word-stress rhythms) are sine tones written with the `wave` module. Each
is identified by its title, which is how the loader finds it again on a second run.
"""

import io
import math
import random
import struct
import wave
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
COVER_SIZE = (1600, 900)  # the largest cover rendition ("hero", fill-1600x900)
DIAGRAM_SIZE = (1200, 800)
INK: Colour = (34, 40, 49)
PAPER: Colour = (250, 248, 243)
WHITE: Colour = (255, 255, 255)
ACCENT: Colour = (220, 76, 70)


@dataclass(frozen=True)
class ImageSpec:
    title: str
    description: str  # the default alt text wherever the image is used
    filename: str
    draw: Callable[[], Image.Image]

    def png(self) -> bytes:
        buffer = io.BytesIO()
        # Fast compression: covers are flat colour and compress well anyway.
        self.draw().save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue()


@dataclass(frozen=True)
class SoundSpec:
    title: str
    filename: str
    samples: Callable[[], list[float]]

    def wav(self) -> bytes:
        return wav_bytes(self.samples())


# --- Drawing helpers ------------------------------------------------------------------------


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def fitted_font(draw: ImageDraw.ImageDraw, text: str, size: int, max_width: int):
    """The largest font up to `size` in which `text` fits `max_width`."""
    while size > 12:
        candidate = font(size)
        if draw.textlength(text, font=candidate) <= max_width:
            return candidate
        size -= 4
    return font(size)


def tint(colour: Colour, amount: float) -> Colour:
    """Mix a colour with white (`amount` > 0) or black (`amount` < 0)."""
    target = 255 if amount > 0 else 0
    return tuple(round(c + (target - c) * abs(amount)) for c in colour)  # type: ignore[return-value]


def arrow(draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], colour: Colour, width=10):
    """A polyline ending in an arrowhead pointing along its last segment."""
    draw.line(points, fill=colour, width=width, joint="curve")
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    head = 34
    left = (x2 - head * math.cos(angle - 0.45), y2 - head * math.sin(angle - 0.45))
    right = (x2 - head * math.cos(angle + 0.45), y2 - head * math.sin(angle + 0.45))
    draw.polygon([(x2, y2), left, right], fill=colour)


# --- Category motifs (drawn in the right-hand part of a cover) ------------------------------


def motif_blocks(draw: ImageDraw.ImageDraw, colour: Colour) -> None:
    """Grammar: building blocks, sentences put together piece by piece."""
    labels = ["S", "V", "O"]
    for row in range(3):
        for col in range(3 - row):
            x = 1040 + col * 150 + row * 75
            y = 560 - row * 150
            fill = WHITE if (row + col) % 2 else tint(colour, 0.55)
            draw.rounded_rectangle([x, y, x + 135, y + 135], radius=18, fill=fill)
            if row == 0:
                draw.text((x + 67, y + 67), labels[col], fill=colour, font=font(64), anchor="mm")


def motif_book(draw: ImageDraw.ImageDraw, colour: Colour) -> None:
    """Vocabulary: an open book with a word on its page."""
    draw.polygon([(1010, 260), (1240, 300), (1240, 700), (1010, 660)], fill=WHITE)
    draw.polygon([(1470, 260), (1240, 300), (1240, 700), (1470, 660)], fill=tint(colour, 0.75))
    draw.text((1125, 420), "Aa", fill=colour, font=font(110), anchor="mm")
    for i in range(5):
        y = 360 + i * 60
        draw.line([(1275, y + 8), (1430, y - 12)], fill=colour, width=8)


def motif_wave(draw: ImageDraw.ImageDraw, colour: Colour) -> None:
    """Pronunciation: the bars of a sound wave."""
    heights = [60, 140, 260, 380, 300, 180, 320, 420, 260, 120, 200, 90]
    for i, height in enumerate(heights):
        x = 980 + i * 44
        draw.rounded_rectangle(
            [x, 470 - height / 2, x + 26, 470 + height / 2], radius=13, fill=WHITE
        )


def motif_bubbles(draw: ImageDraw.ImageDraw, colour: Colour) -> None:
    """Conversation: two speech bubbles answering each other."""
    draw.rounded_rectangle([980, 220, 1360, 430], radius=60, fill=WHITE)
    draw.polygon([(1060, 420), (1040, 500), (1130, 425)], fill=WHITE)
    draw.text((1170, 325), "Hi!", fill=colour, font=font(96), anchor="mm")
    draw.rounded_rectangle([1130, 500, 1510, 710], radius=60, fill=tint(colour, 0.6))
    draw.polygon([(1430, 700), (1450, 780), (1360, 705)], fill=tint(colour, 0.6))
    draw.text((1320, 605), "Hello!", fill=WHITE, font=font(80), anchor="mm")


def cover(
    title: str, kicker: str, colour: Colour, motif: Callable[[ImageDraw.ImageDraw, Colour], None]
) -> Callable[[], Image.Image]:
    """A 16:9 cover: the category's colour and motif, a kicker line and a title."""

    def draw_cover() -> Image.Image:
        canvas = Image.new("RGB", COVER_SIZE, colour)
        draw = ImageDraw.Draw(canvas)
        # The same title always gets the same scattering of circles.
        rng = random.Random(title)  # noqa: S311 - decoration, not a secret
        for _ in range(9):
            radius = rng.randint(40, 220)
            x, y = rng.randint(-100, 1700), rng.randint(-100, 1000)
            shade = tint(colour, rng.choice([0.12, 0.2, -0.08]))
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=shade)
        motif(draw, colour)
        draw.text((110, 520), kicker.upper(), fill=tint(colour, 0.7), font=font(46))
        title_font = fitted_font(draw, title, 120, 860)
        draw.text((104, 590), title, fill=WHITE, font=title_font)
        draw.rectangle([110, 780, 330, 792], fill=WHITE)
        return canvas

    return draw_cover


# --- Diagrams used inside lessons -----------------------------------------------------------


def draw_prepositions() -> Image.Image:
    """Four panels: a ball in, on, under and next to a box (a table for 'under')."""
    canvas = Image.new("RGB", DIAGRAM_SIZE, PAPER)
    draw = ImageDraw.Draw(canvas)
    brown, ball = (176, 124, 78), ACCENT
    panels = [("in", 0, 0), ("on", 600, 0), ("under", 0, 400), ("next to", 600, 400)]
    for label, ox, oy in panels:
        draw.rounded_rectangle([ox + 20, oy + 20, ox + 580, oy + 380], radius=24, outline=INK)
        ground = oy + 300
        draw.line([(ox + 60, ground), (ox + 540, ground)], fill=INK, width=4)
        if label == "under":
            draw.rectangle([ox + 170, ground - 150, ox + 430, ground - 130], fill=brown)
            draw.rectangle([ox + 185, ground - 130, ox + 205, ground], fill=brown)
            draw.rectangle([ox + 395, ground - 130, ox + 415, ground], fill=brown)
            draw.ellipse([ox + 265, ground - 70, ox + 335, ground], fill=ball)
        else:
            draw.rectangle([ox + 220, ground - 140, ox + 380, ground], fill=brown)
            if label == "in":
                draw.rectangle([ox + 235, ground - 140, ox + 365, ground - 15], fill=(140, 96, 58))
                draw.ellipse([ox + 265, ground - 85, ox + 335, ground - 15], fill=ball)
            elif label == "on":
                draw.ellipse([ox + 265, ground - 210, ox + 335, ground - 140], fill=ball)
            else:
                draw.ellipse([ox + 400, ground - 70, ox + 470, ground], fill=ball)
        draw.text((ox + 300, oy + 340), label, fill=INK, font=font(44), anchor="mm")
    return canvas


def draw_clock() -> Image.Image:
    """A clock at half past seven, with its numbers, for telling the time."""
    canvas = Image.new("RGB", DIAGRAM_SIZE, PAPER)
    draw = ImageDraw.Draw(canvas)
    cx, cy, r = 420, 400, 320
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=WHITE, outline=INK, width=14)
    for minute in range(60):
        angle = math.radians(minute * 6 - 90)
        inner = r - (40 if minute % 5 == 0 else 22)
        draw.line(
            [
                (cx + inner * math.cos(angle), cy + inner * math.sin(angle)),
                (cx + (r - 12) * math.cos(angle), cy + (r - 12) * math.sin(angle)),
            ],
            fill=INK,
            width=6 if minute % 5 == 0 else 2,
        )
    for hour in range(1, 13):
        angle = math.radians(hour * 30 - 90)
        x, y = cx + (r - 85) * math.cos(angle), cy + (r - 85) * math.sin(angle)
        draw.text((x, y), str(hour), fill=INK, font=font(48), anchor="mm")
    # 7:30: the hour hand halfway between 7 and 8, the minute hand on 6.
    hour_angle = math.radians(7.5 * 30 - 90)
    draw.line(
        [(cx, cy), (cx + 150 * math.cos(hour_angle), cy + 150 * math.sin(hour_angle))],
        fill=INK,
        width=22,
    )
    draw.line([(cx, cy), (cx, cy + 205)], fill=ACCENT, width=12)
    draw.ellipse([cx - 20, cy - 20, cx + 20, cy + 20], fill=INK)
    draw.text((800, 330), "7:30", fill=INK, font=font(110))
    draw.text((800, 470), "half past seven", fill=ACCENT, font=font(44))
    draw.text((800, 530), "seven thirty", fill=INK, font=font(44))
    return canvas


def draw_word_stress() -> Image.Image:
    """One word family, three stress patterns: big circles mark the stressed syllable."""
    canvas = Image.new("RGB", DIAGRAM_SIZE, PAPER)
    draw = ImageDraw.Draw(canvas)
    rows = [
        (["PHO", "to", "graph"], 0),
        (["pho", "TO", "gra", "phy"], 1),
        (["pho", "to", "GRAPH", "ic"], 2),
    ]
    for row, (syllables, stressed) in enumerate(rows):
        y = 170 + row * 230
        for i, syllable in enumerate(syllables):
            x = 200 + i * 230
            radius = 62 if i == stressed else 26
            fill = ACCENT if i == stressed else INK
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=fill)
            draw.text(
                (x, y + 100),
                syllable,
                fill=fill,
                font=font(54 if i == stressed else 40),
                anchor="mm",
            )
    return canvas


def draw_intonation() -> Image.Image:
    """A rising line for a yes/no question, a falling one for a wh- question."""
    canvas = Image.new("RGB", DIAGRAM_SIZE, PAPER)
    draw = ImageDraw.Draw(canvas)
    draw.text((80, 80), "Are you ready?", fill=INK, font=font(64))
    arrow(draw, [(100, 320), (400, 320), (560, 300), (700, 230), (780, 150)], (46, 125, 50))
    draw.text((840, 130), "rising", fill=(46, 125, 50), font=font(48))
    draw.text((80, 440), "Where do you live?", fill=INK, font=font(64))
    arrow(draw, [(100, 560), (480, 560), (620, 580), (720, 650), (780, 730)], ACCENT)
    draw.text((840, 690), "falling", fill=ACCENT, font=font(48))
    return canvas


def draw_timeline() -> Image.Image:
    """Past simple (a finished moment) against present perfect (a past action linked to now)."""
    canvas = Image.new("RGB", DIAGRAM_SIZE, PAPER)
    draw = ImageDraw.Draw(canvas)
    axis = 430
    arrow(draw, [(80, axis), (1120, axis)], INK, width=8)
    draw.line([(800, axis - 40), (800, axis + 40)], fill=ACCENT, width=10)
    draw.text((800, axis + 80), "NOW", fill=ACCENT, font=font(48), anchor="mm")
    draw.text((160, axis + 80), "past", fill=INK, font=font(40), anchor="mm")
    draw.text((1060, axis + 80), "future", fill=INK, font=font(40), anchor="mm")
    # Past simple: a cross on a finished moment.
    draw.line([(280, axis - 30), (340, axis + 30)], fill=INK, width=10)
    draw.line([(280, axis + 30), (340, axis - 30)], fill=INK, width=10)
    draw.text((310, axis - 200), "I lost my keys", fill=INK, font=font(44), anchor="mm")
    draw.text((310, axis - 145), "yesterday.", fill=INK, font=font(44), anchor="mm")
    # Present perfect: an arc from the past action to now.
    draw.arc([500, axis - 150, 800, axis + 150], start=180, end=360, fill=(46, 125, 50), width=10)
    draw.ellipse([484, axis - 16, 516, axis + 16], fill=(46, 125, 50))
    draw.text((640, 650), "I've lost my keys.", fill=(46, 125, 50), font=font(44), anchor="mm")
    draw.text((640, 705), "(I can't get in now!)", fill=(46, 125, 50), font=font(36), anchor="mm")
    return canvas


# --- Sounds ---------------------------------------------------------------------------------

SAMPLE_RATE = 16_000


def tone(seconds: float, start_hz: float, end_hz: float, volume: float) -> list[float]:
    """A sine tone gliding from `start_hz` to `end_hz`, faded in and out to avoid clicks."""
    count = int(seconds * SAMPLE_RATE)
    fade = min(count // 4, int(0.02 * SAMPLE_RATE))
    samples, phase = [], 0.0
    for n in range(count):
        frequency = start_hz + (end_hz - start_hz) * n / count
        phase += 2 * math.pi * frequency / SAMPLE_RATE
        envelope = min(1.0, n / fade, (count - n) / fade) if fade else 1.0
        samples.append(volume * envelope * math.sin(phase))
    return samples


def silence(seconds: float) -> list[float]:
    return [0.0] * int(seconds * SAMPLE_RATE)


def rhythm(pattern: str) -> Callable[[], list[float]]:
    """Syllable beats for a stress pattern such as "oOo": stressed beats are longer and louder."""

    def samples() -> list[float]:
        out = silence(0.1)
        for beat in pattern:
            if beat == "O":
                out += tone(0.38, 260, 250, 0.8)
            else:
                out += tone(0.16, 200, 195, 0.3)
            out += silence(0.09)
        return out

    return samples


def wav_bytes(samples: list[float]) -> bytes:
    """16-bit mono PCM, the most widely playable WAV."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))
    return buffer.getvalue()


# --- What the curriculum can refer to -------------------------------------------------------

GRAMMAR = (33, 122, 116)
VOCABULARY = (214, 120, 40)
PRONUNCIATION = (111, 72, 160)
CONVERSATION = (41, 98, 176)

_COVERS = {
    # key: (title, kicker, colour, motif)
    "grammar": ("Grammar", "Toto English", GRAMMAR, motif_blocks),
    "tenses": ("Tenses", "Grammar", GRAMMAR, motif_blocks),
    "modals": ("Modal verbs and conditionals", "Grammar", GRAMMAR, motif_blocks),
    "building-blocks": ("Articles and prepositions", "Grammar", GRAMMAR, motif_blocks),
    "vocabulary": ("Vocabulary", "Toto English", VOCABULARY, motif_book),
    "everyday-life": ("Everyday life", "Vocabulary", VOCABULARY, motif_book),
    "work-and-study": ("Work and study", "Vocabulary", VOCABULARY, motif_book),
    "idioms": ("Idioms and collocations", "Vocabulary", VOCABULARY, motif_book),
    "pronunciation": ("Pronunciation", "Toto English", PRONUNCIATION, motif_wave),
    "sounds": ("Sounds", "Pronunciation", PRONUNCIATION, motif_wave),
    "stress-and-intonation": ("Stress and intonation", "Pronunciation", PRONUNCIATION, motif_wave),
    "conversation": ("Conversation", "Toto English", CONVERSATION, motif_bubbles),
    "meeting-people": ("Meeting people", "Conversation", CONVERSATION, motif_bubbles),
    "travel": ("Travel", "Conversation", CONVERSATION, motif_bubbles),
    "at-work": ("Speaking at work", "Conversation", CONVERSATION, motif_bubbles),
}

IMAGES: dict[str, ImageSpec] = {
    key: ImageSpec(
        title=f"{title} — cover" if kicker == "Toto English" else f"{kicker}: {title} — cover",
        description=f"Cover for {title}",
        filename=f"demo-cover-{key}.png",
        draw=cover(title, kicker, colour, motif),
    )
    for key, (title, kicker, colour, motif) in _COVERS.items()
} | {
    "prepositions": ImageSpec(
        title="Prepositions of place — diagram",
        description="A red ball in a box, on a box, under a table and next to a box",
        filename="demo-prepositions.png",
        draw=draw_prepositions,
    ),
    "clock": ImageSpec(
        title="Clock at half past seven — diagram",
        description="A clock face showing half past seven",
        filename="demo-clock.png",
        draw=draw_clock,
    ),
    "word-stress": ImageSpec(
        title="Word stress in photograph, photography, photographic — diagram",
        description="Syllable circles: PHO-to-graph, pho-TO-gra-phy, pho-to-GRAPH-ic",
        filename="demo-word-stress.png",
        draw=draw_word_stress,
    ),
    "intonation": ImageSpec(
        title="Rising and falling intonation — diagram",
        description="A rising arrow over 'Are you ready?' and a falling one over "
        "'Where do you live?'",
        filename="demo-intonation.png",
        draw=draw_intonation,
    ),
    "timeline": ImageSpec(
        title="Past simple and present perfect timeline — diagram",
        description="A timeline: 'I lost my keys yesterday' is a finished point in the past; "
        "'I've lost my keys' is linked to now",
        filename="demo-timeline.png",
        draw=draw_timeline,
    ),
}

SOUNDS: dict[str, SoundSpec] = {
    "rising": SoundSpec(
        "Rising intonation — tone", "demo-rising-intonation.wav", lambda: tone(1.0, 170, 330, 0.7)
    ),
    "falling": SoundSpec(
        "Falling intonation — tone", "demo-falling-intonation.wav", lambda: tone(1.0, 330, 160, 0.7)
    ),
    "stress-oOo": SoundSpec("Stress pattern oOo — rhythm", "demo-stress-oOo.wav", rhythm("oOo")),
    "stress-Ooo": SoundSpec("Stress pattern Ooo — rhythm", "demo-stress-Ooo.wav", rhythm("Ooo")),
    "stress-oO": SoundSpec("Stress pattern oO — rhythm", "demo-stress-oO.wav", rhythm("oO")),
}
