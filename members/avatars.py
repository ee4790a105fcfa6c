"""Avatar uploads: strict validation, re-encoding and sized copies in the media storage.

Only JPEG, PNG and WebP up to 5 MB and 25 megapixels are accepted. The image is decoded fully
(so truncated files and decompression bombs fail here, not later), re-encoded from its pixels
(so EXIF, GPS and anything smuggled after the image data are dropped), and stored under random
names. The previous avatar is replaced only once the new files are safely stored.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError

from members.models import Profile

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}  # MPO: JPEG from multi-lens cameras
# Stored sizes: the field on Profile and the longest side in pixels.
SIZES = {"avatar": 1024, "avatar_medium": 256, "avatar_small": 64}
AVATAR_FIELDS = tuple(SIZES)


@dataclass(frozen=True)
class DecodedAvatar:
    image: Image.Image


def avatar_decode(upload: UploadedFile) -> DecodedAvatar:
    """Validate an upload and return its pixels, or raise ValidationError saying why not."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError("The image is larger than 5 MB.", code="too_large")
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError("The image is larger than 5 MB.", code="too_large")
    if not data:
        raise ValidationError("The file is empty.", code="empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Upload a JPEG, PNG or WebP image.", code="unsupported_format"
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    "The image has more than 25 megapixels.", code="too_many_pixels"
                )
            if width < 1 or height < 1:
                raise ValidationError("The image has no pixels.", code="invalid")
            image.load()  # decodes everything: truncated or corrupt data fails here
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This file is not a valid JPEG, PNG or WebP image.", code="invalid"
        ) from None
    except (OSError, ValueError, SyntaxError):
        raise ValidationError("The image is damaged or incomplete.", code="corrupt") from None
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    return DecodedAvatar(image=image)


def _encode(image: Image.Image, longest_side: int) -> bytes:
    copy = image.copy()
    copy.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=88, optimize=True)  # no EXIF is written
    return buffer.getvalue()


def _delete_files(names: list[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def avatar_replace(*, profile: Profile, decoded: DecodedAvatar) -> Profile:
    """Store a new avatar for `profile`; the old files go only after the new ones are saved."""
    stem = secrets.token_hex(16)
    stored: list[str] = []
    try:
        for field, longest_side in SIZES.items():
            suffix = "" if field == "avatar" else f"_{longest_side}"
            name = default_storage.save(
                f"avatars/{stem}{suffix}.jpg", ContentFile(_encode(decoded.image, longest_side))
            )
            stored.append(name)
    except Exception:
        _delete_files(stored)
        raise
    old_names = [getattr(profile, field).name for field in AVATAR_FIELDS]
    for field, name in zip(AVATAR_FIELDS, stored, strict=True):
        getattr(profile, field).name = name
    try:
        with transaction.atomic():
            profile.save(update_fields=[*AVATAR_FIELDS, "updated_at"])
    except Exception:
        _delete_files(stored)
        raise
    transaction.on_commit(lambda: _delete_files(old_names))
    return profile


def avatar_remove(*, profile: Profile) -> Profile:
    old_names = [getattr(profile, field).name for field in AVATAR_FIELDS]
    for field in AVATAR_FIELDS:
        setattr(profile, field, "")
    profile.save(update_fields=[*AVATAR_FIELDS, "updated_at"])
    transaction.on_commit(lambda: _delete_files(old_names))
    return profile
