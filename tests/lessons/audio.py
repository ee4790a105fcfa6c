"""Real recordings for tests, encoded on the spot with PyAV (the library the server checks with).

Each maker returns the bytes of a file as an app would upload it: a 440 Hz tone (or silence)
in the container and codec that iOS, Android or a browser records.
"""

import fractions
import functools
import io
import math
import os
import struct
import tempfile

import av


def _pcm(seconds: float, rate: int, *, silent: bool) -> bytes:
    count = int(seconds * rate)
    if silent:
        return bytes(count * 2)
    step = 2 * math.pi * 440 / rate
    return struct.pack(f"<{count}h", *(int(8000 * math.sin(step * i)) for i in range(count)))


def encode(
    container: str,
    codec: str,
    *,
    seconds: float = 2.0,
    rate: int = 48000,
    silent: bool = False,
    options: dict | None = None,
    seekable: bool = True,
) -> bytes:
    """Encode `seconds` of mono audio; `seekable=False` writes as a live stream would (no
    duration in the header, as browsers' MediaRecorder writes WebM)."""
    pcm = _pcm(seconds, rate, silent=silent)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out")
        target = path if seekable else _Unseekable()
        with av.open(target, "w", format=container, options=options or {}) as output:
            stream = output.add_stream(codec, rate=rate, layout="mono")
            total, chunk, pts = len(pcm) // 2, 1024, 0
            for start in range(0, total, chunk):
                count = min(chunk, total - start)
                frame = av.AudioFrame(format="s16", layout="mono", samples=count)
                plane = frame.planes[0]
                data = pcm[start * 2 : (start + count) * 2]
                plane.update(data + bytes(plane.buffer_size - len(data)))
                frame.sample_rate, frame.pts = rate, pts
                frame.time_base = fractions.Fraction(1, rate)
                pts += count
                for packet in stream.encode(frame):
                    output.mux(packet)
            for packet in stream.encode(None):
                output.mux(packet)
        if not seekable:
            return target.getvalue()
        with open(path, "rb") as written:
            return written.read()


class _Unseekable(io.BytesIO):
    def seekable(self) -> bool:
        return False

    def seek(self, *args):
        raise OSError("not seekable")


@functools.cache
def m4a(**kwargs) -> bytes:  # iOS: AAC in MP4
    return encode("ipod", "aac", rate=44100, options={"movflags": "faststart"}, **kwargs)


@functools.cache
def mp4_opus(**kwargs) -> bytes:  # Chrome's MediaRecorder with "audio/mp4": Opus in MP4
    return encode("mp4", "libopus", **kwargs)


@functools.cache
def webm(**kwargs) -> bytes:  # Chrome, Android browsers: Opus in WebM
    return encode("webm", "libopus", **kwargs)


@functools.cache
def ogg(**kwargs) -> bytes:  # Firefox, Android: Opus in Ogg
    return encode("ogg", "libopus", **kwargs)


@functools.cache
def mp3(**kwargs) -> bytes:
    return encode("mp3", "libmp3lame", rate=44100, **kwargs)


@functools.cache
def wav(**kwargs) -> bytes:
    return encode("wav", "pcm_s16le", **kwargs)


@functools.cache
def aac(**kwargs) -> bytes:  # raw AAC (ADTS), as some Android recorders write
    return encode("adts", "aac", rate=44100, **kwargs)


@functools.cache
def wav_silence(seconds: float, *, rate: int = 8000) -> bytes:
    """A plain 8-bit WAV of silence, built by hand (cheap even for minutes)."""
    data = b"\x80" * int(seconds * rate)
    header = b"WAVE" + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    header += b"data" + struct.pack("<I", len(data))
    return b"RIFF" + struct.pack("<I", len(header) + len(data)) + header + data


def wav_claiming(seconds: float, *, actual_seconds: float = 1.0, rate: int = 8000) -> bytes:
    """A WAV whose header claims `seconds` but that holds only `actual_seconds` of sound."""
    data = b"\x80" * int(actual_seconds * rate)
    claimed = int(seconds * rate)
    header = b"WAVE" + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate, 1, 8)
    header += b"data" + struct.pack("<I", claimed)
    return b"RIFF" + struct.pack("<I", len(header) + claimed) + header + data


def video_mp4() -> bytes:
    """A short MP4 with a video track and a sound track: a video, not a recording."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out.mp4")
        with av.open(path, "w", format="mp4") as output:
            video = output.add_stream("mpeg4", rate=10)
            video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
            for index in range(10):
                frame = av.VideoFrame(64, 48, "yuv420p")
                for plane in frame.planes:
                    plane.update(bytes(plane.buffer_size))
                frame.pts = index
                for packet in video.encode(frame):
                    output.mux(packet)
            for packet in video.encode(None):
                output.mux(packet)
        with open(path, "rb") as written:
            return written.read()
