"""Original files, kept once each under a name made of their SHA-256 (the same file uploaded twice is stored once)."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import PurePath

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

SAFE_SUFFIX = {".txt", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf", ".json", ".xlsx",
               ".zip", ".csv"}


def _name(digest: str, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"reports/{digest[:2]}/{digest}{suffix if suffix in SAFE_SUFFIX else '.bin'}"


def _keep(name: str, content) -> None:
    if default_storage.exists(name):
        return
    stored = default_storage.save(name, content)
    if stored != name:  # written by another worker meanwhile: keep one copy
        default_storage.delete(stored)


def save(data: bytes, filename: str) -> tuple[str, str]:
    """Keep `data`; returns (stored name, sha256)."""
    digest = hashlib.sha256(data).hexdigest()
    name = _name(digest, filename)
    _keep(name, ContentFile(data))
    return name, digest


def save_stream(chunks, filename: str) -> tuple[str, str, int]:
    """Keep an upload read in chunks (never wholly in memory); returns (stored name, sha256, size)."""
    digest, size = hashlib.sha256(), 0
    with tempfile.TemporaryFile() as tmp:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            tmp.write(chunk)
        tmp.seek(0)
        name = _name(digest.hexdigest(), filename)
        _keep(name, File(tmp))
    return name, digest.hexdigest(), size


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as fh:
        return fh.read()
