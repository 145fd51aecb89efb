"""Steps of the portal's tests: the form as an applicant posts it, and reading what a page says."""

from __future__ import annotations

import io
import re
import secrets

from django.core.files.uploadedfile import SimpleUploadedFile

PERSON = {
    "applicant_type": "person", "name": "李四", "id_type": "resident_id", "id_number": "11010519491231002X",
    "phone": "13900001111", "email": "lisi@example.com", "address": "测试区人民路2号",
    "description": "2025年某道路拓宽工程的规划许可文件", "document_name": "", "document_number": "",
    "other_features": "", "delivery_form": "electronic", "delivery_channel": "online", "declaration": "on",
}
ORGANISATION = {
    "applicant_type": "organisation", "org_kind": "legal_service", "org_name": "某某律师事务所",
    "credit_code": "91330100716105852F", "legal_representative": "王五", "contact_person": "赵六",
    "phone": "0571-88880000", "email": "office@lawfirm.example.com", "address": "某市某路1号",
    "description": "某区2025年度行政处罚决定书目录", "document_name": "行政处罚决定书", "document_number": "",
    "other_features": "2025年1月至6月", "delivery_form": "paper", "delivery_channel": "post", "declaration": "on",
}
CODE = re.compile(r'id="code">([A-Z0-9-]+)<')
NUMBER = re.compile(r'id="number">([^<]+)<')


def resident_id(n: int) -> str:
    """A valid 公民身份号码, different for each n below 1000."""
    from gongkai.identifiers import resident_id_check

    first17 = f"11010519491231{n % 1000:03d}"
    return first17 + resident_id_check(first17)


def form(base: dict, **changes) -> dict:
    return {**base, "token": secrets.token_urlsafe(24), **changes}


def png(name: str = "id.png") -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str = "proof.pdf", extra: bytes = b"") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog " + extra + b">> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def receipt(page: str) -> tuple[str, str]:
    """(number, code) as the receipt page shows them."""
    import html

    return html.unescape(NUMBER.search(page).group(1)), CODE.search(page).group(1)
