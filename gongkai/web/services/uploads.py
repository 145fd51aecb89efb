"""An applicant's file (identity proof, material for a 补正): taken only when its content is what
its name says, and served back only as a download of that type.

The content is sniffed from its first bytes (a PDF, a JPEG or a PNG), the name's extension
must agree, an image must decode, and a PDF may carry no script or launch action. The file
is stored under a random name; its own name is kept for display and for the download.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile

KINDS = {  # extension -> (what it is called, content type, how its content starts)
    ".pdf": ("PDF", "application/pdf", (b"%PDF-",)),
    ".jpg": ("JPG图片", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPG图片", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("PNG图片", "image/png", (b"\x89PNG\r\n\x1a\n",)),
}
ACCEPT = ",".join(sorted({ext for ext in KINDS} | {ct for _, ct, _ in KINDS.values()}))
ACTIVE_PDF = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/XFA", b"/RichMedia")


class UploadRefused(ValueError):
    """A file that is not taken, with the reason in Chinese."""


@dataclass(frozen=True)
class Checked:
    name: str
    content_type: str
    data: bytes

    def stored(self) -> ContentFile:
        """The file under a random name with its own extension."""
        extension = "." + self.name.rsplit(".", 1)[-1].lower()
        return ContentFile(self.data, name=secrets.token_hex(16) + extension)


def max_bytes() -> int:
    return settings.PORTAL_MAX_FILE_BYTES


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g}MB"


def check(upload) -> Checked:
    """The upload read and checked, or UploadRefused saying what is wrong with it."""
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:150] or "未命名文件"
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in KINDS:
        raise UploadRefused(f"“{name}”不是可接受的文件类型：请上传PDF、JPG或PNG格式的文件")
    if upload.size > max_bytes():
        raise UploadRefused(f"“{name}”过大（{megabytes(upload.size)}）：每个文件不超过{megabytes(max_bytes())}")
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise UploadRefused(f"“{name}”过大：每个文件不超过{megabytes(max_bytes())}")
    if not data:
        raise UploadRefused(f"“{name}”是空文件")
    label, content_type, starts = KINDS[extension]
    if not data.startswith(starts):
        raise UploadRefused(f"“{name}”的内容不是{label}（文件内容与扩展名不符），请上传原始的{label}文件")
    if content_type == "application/pdf":
        if any(marker in data for marker in ACTIVE_PDF):
            raise UploadRefused(f"“{name}”含有脚本、附件或可执行动作，请另存为普通PDF后上传")
    elif not _decodes(data):
        raise UploadRefused(f"“{name}”无法作为图片打开，文件可能已损坏")
    return Checked(name, content_type, data)


def _decodes(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a broken image
        return False
    return True
