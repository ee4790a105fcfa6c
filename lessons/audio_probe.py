"""Measure an uploaded voice recording by decoding it, in a separate, limited process.

Run as a script (`python -I lessons/audio_probe.py`): the file's bytes come on stdin and one
line of JSON goes to stdout, `{"ok": true, "format": ..., "codec": ..., "duration": ...}` or
`{"ok": false, "reason": ...}`. `lessons.recordings` starts it; it imports nothing from Django or
from Toto, only the standard library and PyAV (FFmpeg's libraries, shipped in the `av` wheel).

Why decode, and why in another process:

- The content decides, never the name: FFmpeg's demuxers recognise the container from its
  bytes, and only the containers and codecs apps record are accepted (MP4/M4A with AAC or
  Opus, raw AAC, WebM and Ogg with Opus or Vorbis, MP3, PCM WAV).
- The duration is what the decoder produces, counted in samples, not what a header claims: a
  header claiming more than the limit is refused before decoding, decoding stops as soon as the
  limit is passed (so a small file that expands to hours costs at most the limit's worth of
  decoding), and a header claiming clearly more than the decoded audio means a truncated file.
- Decoding malformed input is the riskiest thing the server does with an upload: a decoder
  crash, a hang or a memory blow-up ends this process (CPU-time and memory limits, and the
  caller's timeout), never the web worker.
"""

import io
import json
import resource
import sys

MAX_SECONDS = 120.0
# How much longer than the decoded audio a header may claim (encoder padding and priming
# samples differ by format; a few tens of milliseconds in practice).
DECLARED_SLACK_SECONDS = 0.15
DECLARED_SLACK_SHARE = 0.01
CPU_SECONDS = 10
MEMORY_BYTES = 1024 * 1024 * 1024

# FFmpeg's container name -> (the codecs accepted in it, the stored file's type and extension).
CONTAINERS: dict[str, tuple[frozenset[str], str, str]] = {
    # AAC from iOS, Safari and Android; Opus from Chrome's MediaRecorder ("audio/mp4").
    "mov,mp4,m4a,3gp,3g2,mj2": (frozenset({"aac", "opus"}), "audio/mp4", "m4a"),
    "aac": (frozenset({"aac"}), "audio/aac", "aac"),
    "matroska,webm": (frozenset({"opus", "vorbis"}), "audio/webm", "webm"),
    "ogg": (frozenset({"opus", "vorbis"}), "audio/ogg", "ogg"),
    "mp3": (frozenset({"mp3"}), "audio/mpeg", "mp3"),
    "wav": (
        frozenset({"pcm_u8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le"}),
        "audio/wav",
        "wav",
    ),
}
# FFmpeg logs at this level or more severe (lower numbers) when data is damaged.
LOG_ERROR = 16


class Refused(Exception):
    pass


def _limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _ogg_is_complete(data: bytes) -> bool:
    """An Ogg stream ends with a whole page flagged "end of stream"; a cut-off file does not."""
    position = 0
    last_flags = None
    while position < len(data):
        header = data[position : position + 27]
        if len(header) < 27 or header[:4] != b"OggS":
            return False
        segment_count = header[26]
        table = data[position + 27 : position + 27 + segment_count]
        if len(table) < segment_count:
            return False
        end = position + 27 + segment_count + sum(table)
        if end > len(data):
            return False
        last_flags = header[5]
        position = end
    return last_flags is not None and bool(last_flags & 0x04)


def _wav_is_complete(data: bytes) -> bool:
    """The RIFF header says how long the file is; a cut-off file is shorter."""
    if data[:4] != b"RIFF" or len(data) < 12:
        return False
    declared = int.from_bytes(data[4:8], "little") + 8
    return declared <= len(data)


def probe(data: bytes) -> dict:
    import av  # imported here so that a missing library is the caller's error, not the file's
    import av.logging

    if not data:
        raise Refused("empty")
    av.logging.set_level(av.logging.ERROR)
    with av.logging.Capture(True) as logs:
        try:
            container = av.open(io.BytesIO(data), "r", metadata_errors="ignore")
        except (av.FFmpegError, ValueError, UnicodeDecodeError):
            raise Refused("not_audio") from None
        with container:
            accepted = CONTAINERS.get(container.format.name)
            if accepted is None:
                raise Refused("not_audio")
            codecs, content_type, extension = accepted
            for stream in container.streams:
                is_cover = stream.type == "video" and bool(
                    stream.disposition & av.stream.Disposition.attached_pic
                )
                if stream.type not in ("audio", "data", "subtitle") and not is_cover:
                    raise Refused("not_audio_only")
            if len(container.streams.audio) != 1:
                raise Refused("not_audio")
            stream = container.streams.audio[0]
            codec = stream.codec_context.codec.name
            codec = "mp3" if codec in ("mp3float", "mp3") else codec
            if codec not in codecs:
                raise Refused("not_audio")
            declared = container.duration / av.time_base if container.duration else None
            if declared is not None and declared > MAX_SECONDS + DECLARED_SLACK_SECONDS:
                raise Refused("too_long")
            decoded = 0.0
            try:
                for frame in container.decode(stream):
                    if frame.sample_rate:
                        decoded += frame.samples / frame.sample_rate
                    if decoded > MAX_SECONDS + DECLARED_SLACK_SECONDS:
                        raise Refused("too_long")
            except av.FFmpegError:
                raise Refused("damaged") from None
    if any(level <= LOG_ERROR for level, _name, _message in logs):
        raise Refused("damaged")
    if decoded <= 0:
        raise Refused("no_sound")
    if declared is not None and declared - decoded > (
        DECLARED_SLACK_SECONDS + DECLARED_SLACK_SHARE * declared
    ):
        raise Refused("damaged")
    if extension == "ogg" and not _ogg_is_complete(data):
        raise Refused("damaged")
    if extension == "wav" and not _wav_is_complete(data):
        raise Refused("damaged")
    return {
        "ok": True,
        "format": extension,
        "content_type": content_type,
        "codec": codec,
        "duration": round(decoded, 3),
    }


def main() -> None:
    _limit_resources()
    data = sys.stdin.buffer.read()
    try:
        result = probe(data)
    except Refused as refusal:
        result = {"ok": False, "reason": str(refusal)}
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
