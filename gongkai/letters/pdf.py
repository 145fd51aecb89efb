"""Letters as PDF through LibreOffice, and many letters as one PDF for printing and posting.

LibreOffice starts slowly (seconds), so every conversion of a batch happens in one run,
with a profile of its own so that it does not wait on another LibreOffice already running.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import GongkaiError

TIMEOUT = 300


class PdfUnavailable(GongkaiError):
    """LibreOffice is not installed, or it could not convert a document."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(documents: Sequence[bytes]) -> list[bytes]:
    """Each DOCX as a PDF, converted together in one LibreOffice run."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable("未安装LibreOffice，无法生成PDF；可下载DOCX文件打印")
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="gongkai-pdf-") as tmp:
        work = Path(tmp)
        names = []
        for i, data in enumerate(documents):
            name = f"letter-{i:05d}.docx"
            (work / name).write_bytes(data)
            names.append(name)
        try:
            subprocess.run(
                [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(work), *names],
                cwd=work, check=True, capture_output=True, timeout=TIMEOUT,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(f"LibreOffice转换PDF失败：{exc}") from exc
        out = []
        for name in names:
            pdf = work / name.replace(".docx", ".pdf")
            if not pdf.exists():
                raise PdfUnavailable(f"LibreOffice未能转换第{names.index(name) + 1}份文书")
            out.append(pdf.read_bytes())
        return out


def merge(pdfs: Sequence[bytes]) -> bytes:
    """Several PDFs as one, in order (pypdfium2, which gongkai's PDF reader already uses)."""
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for data in pdfs:
        source = pdfium.PdfDocument(data)
        merged.import_pages(source)
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


def batch(documents: Sequence[bytes]) -> bytes:
    """Many letters as one PDF, each starting on a new page."""
    return merge(to_pdf(documents))
