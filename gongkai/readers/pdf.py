"""PDF with a text layer: the tables found on each page, and the text lines around them.

PDFium (pypdfium2, C) reads each page's characters and ruling lines in milliseconds; they
are handed to pdf_layout in the shape pdfplumber gives them, so the rows are those
pdfplumber's pure-Python reading (ten times slower) would give. pdfplumber remains the reader
for what the fast path does not model faithfully (rotated pages, rotated or vertical text) and
for anything it fails on.
"""

from __future__ import annotations

import ctypes
import logging
import threading

from .. import limits
from ..errors import ReadError
from .grid import Document, Row
from .pdf_layout import PageModel, page_rows
from .pdf_plumber import plumber_rows

MAX_PAGES = 200
MAX_PAGE_CHARS = 30_000  # a dense A4 page holds about 3,000
MAX_PAGE_SEGMENTS = 30_000  # path segments; a ruled table page draws a few hundred

log = logging.getLogger(__name__)
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)

_PDFIUM = threading.Lock()  # PDFium is not thread-safe


class _Unsupported(Exception):
    """The page has something the fast path does not reproduce exactly; use pdfplumber."""


def parse_pdf(data: bytes, fast: bool = True) -> Document:
    """The rows of a PDF's pages; `fast=False` reads with pdfplumber only."""
    _check_complete(data)
    limits.check_pdf_streams(data)  # a decompression bomb is refused before any page is inflated
    rows: list[Row] | None = None
    if fast:
        try:
            rows = _pdfium_rows(data)
        except ReadError:
            raise
        except _Unsupported as exc:
            log.debug("PDF read with pdfplumber: %s", exc)
        except Exception as exc:  # noqa: BLE001 - any surprise in the fast path: read it the slow way
            log.warning("PDFium reading failed (%s: %s); reading with pdfplumber", type(exc).__name__, exc)
        if rows is not None and not _has_text(rows):
            rows = None  # PDFium saw no text: let pdfplumber confirm before calling it a scan
    if rows is None:
        rows = plumber_rows(data)
    if not _has_text(rows):
        raise ReadError("PDF 没有文字层（可能是扫描件），无法读取")
    return Document(rows, "pdf")


def _has_text(rows: list[Row]) -> bool:
    return any(c.text.strip() for r in rows for c in r)


def _check_complete(data: bytes) -> None:
    """A PDF ends with %%EOF; without it the file was cut short (an interrupted download)."""
    if b"%%EOF" not in data[-4096:]:
        raise ReadError("PDF 文件不完整（缺少文件结尾标记，可能下载中断），请重新获取原文件")


def too_many_pages(count: int) -> ReadError:
    return ReadError(f"PDF 共 {count} 页，超过年度报告的合理篇幅（{MAX_PAGES} 页）")


# --- the fast path: PDFium ------------------------------------------------------------------


def _pdfium_rows(data: bytes) -> list[Row]:
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _open_error(getattr(exc, "err_code", None)) from None
        try:
            count = len(doc)
            if count > MAX_PAGES:
                raise too_many_pages(count)
            pages = []
            doctop = 0.0
            glyphs = limits.GlyphBudget()
            for index in range(count):
                page = _read_page(doc, index, doctop)
                glyphs.spend(len(page.chars))
                doctop += page.height
                pages.append(page)
        finally:
            doc.close()
    rows: list[Row] = []
    for page in pages:
        rows.extend(page_rows(page))
    return rows


def _open_error(code: int | None) -> ReadError:
    import pypdfium2.raw as R

    if code == R.FPDF_ERR_PASSWORD:
        return ReadError("PDF 已加密，需要密码才能打开；请提供未加密的文件")
    if code == R.FPDF_ERR_SECURITY:
        return ReadError("PDF 使用了不支持的加密方式，无法打开")
    return ReadError("PDF 文件损坏或不完整，无法打开")


def _read_page(doc, index: int, doctop: float) -> PageModel:
    import pypdfium2.raw as R

    page = R.FPDF_LoadPage(doc.raw, index)
    if not page:
        raise ReadError(f"PDF 第 {index + 1} 页损坏，无法读取")
    try:
        if R.FPDFPage_GetRotation(page) % 4:
            raise _Unsupported("rotated page")
        x0, y0, x1, y1 = _media_box(page)
        height = y1 - y0
        # pdfplumber's page coordinates: top = media box height - y, for any media box origin
        model = PageModel(index + 1, (x0, -y0, x1, height - y0))
        # paths first: PDFium walks page objects slowly once a text page exists
        model.edges = _page_edges(page, index + 1, height, doctop)
        model.chars = _page_chars(page, index + 1, height, doctop)
        return model
    finally:
        R.FPDF_ClosePage(page)


def _media_box(page) -> tuple[float, float, float, float]:
    """The media box (pdfplumber's page box); an inherited one equals the visible box here."""
    import pypdfium2.raw as R

    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if not R.FPDFPage_GetMediaBox(page, l, b, r, t):
        box = R.FS_RECTF()
        if not R.FPDF_GetPageBoundingBox(page, box):
            raise _Unsupported("no page box")
        l.value, b.value, r.value, t.value = box.left, box.bottom, box.right, box.top
    x0, x1 = sorted((round(l.value, 4), round(r.value, 4)))
    y0, y1 = sorted((round(b.value, 4), round(t.value, 4)))
    return x0, y0, x1, y1


def _page_chars(page, number: int, height: float, doctop: float) -> list[dict]:
    """Characters with pdfminer's boxes: origin to advance, descent to descent + font size."""
    import pypdfium2.raw as R

    text = R.FPDFText_LoadPage(page)
    if not text:
        return []
    fast = _fast_calls()
    handle = ctypes.cast(text, ctypes.c_void_p).value
    try:
        count = R.FPDFText_CountChars(text)
        if count > MAX_PAGE_CHARS:
            raise ReadError(f"PDF 第 {number} 页文字过多（{count} 个字符），不像年度报告")
        matrix, rect, size = R.FS_MATRIX(), R.FS_RECTF(), ctypes.c_float()
        descent = ctypes.c_float()
        objects: dict[int, tuple[float, float, int]] = {}  # text object -> (size, descent, font)
        vertical: dict[int, bool] = {}  # font -> written top to bottom (decided on a glyph)
        codes = _codes(text, count)
        chars = []
        for i in range(count):
            key = fast.text_object(handle, i)
            if not key:
                continue  # a space or line break PDFium inserted; the page has no such glyph
            code = codes[i] if codes is not None else R.FPDFText_GetUnicode(text, i)
            if code == 0:
                continue
            fast.char_matrix(handle, i, matrix)
            a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
            if b or c or a <= 0 or d <= 0:
                raise _Unsupported("rotated or mirrored text")
            metrics = objects.get(key)
            if metrics is None:
                font = fast.font(key) if key else None
                if not font or not fast.font_size(key, size):
                    raise _Unsupported("character without a font")
                ratio = descent.value if fast.descent(font, 1.0, descent) else 0.0
                metrics = objects[key] = (size.value, -abs(ratio), font)
            font_size, ratio, font_key = metrics
            fast.loose_box(handle, i, rect)
            is_vertical = vertical.get(font_key)
            if is_vertical is None:
                is_vertical = _is_vertical(text, i, rect, font_size, a, d, e, f)
                if is_vertical is not None:
                    vertical[font_key] = is_vertical
            if is_vertical:
                # pdfminer's box for vertical writing with the default metrics (DW2 [880 -1000])
                half = 0.5 * a * font_size
                x0, x1 = e - half, e + half
                top_y = f + 0.12 * d * font_size
                top, bottom = height - top_y, height - (top_y - d * font_size)
            else:
                x0 = e
                bottom_y = f + d * ratio * font_size
                top = height - (bottom_y + d * font_size)
                bottom = height - bottom_y
                x1 = max(rect.right, e)
            chars.append(
                {
                    "text": _char_text(code),
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": doctop + top,
                    "size": bottom - top,
                    "upright": True,
                }
            )
        return chars
    finally:
        R.FPDFText_ClosePage(text)


class _Calls:
    """PDFium calls that hand back bare addresses (ints), cheap to compare and use as keys."""

    def __init__(self):
        import pypdfium2.raw as R

        vp, fp = ctypes.c_void_p, ctypes.POINTER(ctypes.c_float)

        def proto(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, vp).value)

        self.text_object = proto(R.FPDFText_GetTextObject, vp, vp, ctypes.c_int)
        self.font = proto(R.FPDFTextObj_GetFont, vp, vp)
        self.font_size = proto(R.FPDFTextObj_GetFontSize, ctypes.c_int, vp, fp)
        self.descent = proto(R.FPDFFont_GetDescent, ctypes.c_int, vp, ctypes.c_float, fp)
        ci, ip = ctypes.c_int, ctypes.POINTER(ctypes.c_int)
        self.count_objects = proto(R.FPDFPage_CountObjects, ci, vp)
        self.get_object = proto(R.FPDFPage_GetObject, vp, vp, ci)
        self.form_count = proto(R.FPDFFormObj_CountObjects, ci, vp)
        self.form_object = proto(R.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong)
        self.obj_type = proto(R.FPDFPageObj_GetType, ci, vp)
        self.matrix = proto(R.FPDFPageObj_GetMatrix, ci, vp, ctypes.POINTER(R.FS_MATRIX))
        self.draw_mode = proto(R.FPDFPath_GetDrawMode, ci, vp, ip, ip)
        self.count_segments = proto(R.FPDFPath_CountSegments, ci, vp)
        self.segment = proto(R.FPDFPath_GetPathSegment, vp, vp, ci)
        self.point = proto(R.FPDFPathSegment_GetPoint, ci, vp, fp, fp)
        self.segment_type = proto(R.FPDFPathSegment_GetType, ci, vp)
        self.closes = proto(R.FPDFPathSegment_GetClose, ci, vp)
        self.char_matrix = proto(R.FPDFText_GetMatrix, ci, vp, ci, ctypes.POINTER(R.FS_MATRIX))
        self.loose_box = proto(R.FPDFText_GetLooseCharBox, ci, vp, ci, ctypes.POINTER(R.FS_RECTF))


_CALLS: list[_Calls] = []


def _fast_calls() -> _Calls:
    if not _CALLS:
        _CALLS.append(_Calls())
    return _CALLS[0]


def _is_vertical(text, i: int, loose, font_size: float, a: float, d: float, e: float, f: float) -> bool | None:
    """Whether a character's font writes top to bottom (a CJK "-V" encoding), None if unknown.

    PDFium gives such a character a loose box exactly one unscaled font size wide, and its
    glyph hangs below the origin, centred on it; a horizontal glyph starts at the origin and
    stands on it.
    """
    import pypdfium2.raw as R

    if abs((loose.right - loose.left) - font_size) > 1e-3 * font_size:
        return False
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    if not R.FPDFText_GetCharBox(text, i, left, right, bottom, top) or right.value - left.value < 1e-3:
        return None
    em = max(a, d) * font_size
    centred = left.value < e - 0.2 * em and right.value > e + 0.2 * em
    return centred and top.value <= f + 0.05 * em


def _codes(text, count: int) -> list[int] | None:
    """Every character's code in one call, or None when they do not map one to one."""
    import pypdfium2.raw as R

    buffer = (ctypes.c_ushort * (count + 1))()
    written = R.FPDFText_GetText(text, 0, count, buffer)
    if written != count + 1:
        return None
    codes = list(buffer)
    if any(0xD800 <= c <= 0xDFFF for c in codes):
        return None  # a character outside the BMP takes two units
    return codes


def _char_text(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"
    return chr(code)


# path segment kinds in pdfium
_LINE, _BEZIER, _MOVE = 0, 1, 2
_PATH, _FORM = 2, 5


def _page_edges(page, number: int, height: float, doctop: float) -> list[dict]:
    """Ruling lines as pdfplumber's edges: its lines, then rect sides, then curve segments."""
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    budget = [MAX_PAGE_SEGMENTS]
    fast = _fast_calls()
    handle = ctypes.cast(page, ctypes.c_void_p).value
    objects = [fast.get_object(handle, i) for i in range(fast.count_objects(handle))]
    _collect_paths(fast, objects, None, subpaths, budget, number, 0)
    lines, rects, curves = [], [], []
    for shape, pts in subpaths:
        kind, pts = _classify(shape, pts)
        (lines if kind == "line" else rects if kind == "rect" else curves).append(pts)
    base = doctop
    edges = [_line_edge(p, height, base) for p in lines]
    for p in rects:
        edges.extend(_rect_edges(p, height, base))
    for p in curves:
        edges.extend(_curve_edges(p, height, base))
    return edges


def _collect_paths(fast: _Calls, objects, outer, out, budget, number: int, depth: int) -> None:
    """Subpaths of painted path objects (inside forms too) as (shape, page points)."""
    import pypdfium2.raw as R

    if depth > 8:
        raise _Unsupported("deeply nested forms")
    m = R.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in objects:
        kind = fast.obj_type(obj)
        if kind not in (_PATH, _FORM):
            continue
        if not fast.matrix(obj, m):
            continue
        matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        if kind == _FORM:
            inner = [fast.form_object(obj, i) for i in range(fast.form_count(obj))]
            _collect_paths(fast, inner, matrix, out, budget, number, depth + 1)
            continue
        if fast.draw_mode(obj, fill, stroke) and not fill.value and not stroke.value:
            continue  # a clipping path only: pdfminer paints nothing for it either
        n = fast.count_segments(obj)
        budget[0] -= max(n, 0)
        if budget[0] < 0:
            raise ReadError(f"PDF 第 {number} 页图形过于复杂，无法读取")
        a, b, c, d, e, f = matrix
        shape: list[str] = []
        pts: list[tuple[float, float]] = []
        start = (0.0, 0.0)
        bezier = 0
        for k in range(n):
            seg = fast.segment(obj, k)
            fast.point(seg, px, py)
            x, y = px.value, py.value
            pt = (round(a * x + c * y + e, 4), round(b * x + d * y + f, 4))
            t = fast.segment_type(seg)
            if t == _MOVE:
                if shape:
                    out.append(("".join(shape), pts))
                shape, pts, start, bezier = ["m"], [pt], pt, 0
            elif t == _LINE:
                shape.append("l")
                pts.append(pt)
            elif t == _BEZIER:
                bezier += 1
                if bezier % 3:
                    continue  # control points; pdfminer keeps each curve's end point only
                shape.append("c")
                pts.append(pt)
            else:
                raise _Unsupported("unknown path segment")
            if fast.closes(seg):
                shape.append("h")
                pts.append(start)
        if shape:
            out.append(("".join(shape), pts))


def _compose(inner: tuple, outer: tuple | None) -> tuple:
    """inner then outer, as PDF matrices (a b c d e f)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _classify(shape: str, pts: list) -> tuple[str, list]:
    """pdfminer's reading of one subpath: a line, a rectangle or a curve (converter.paint_path)."""
    if shape[:1] != "m":
        return "none", []
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts


def _line_edge(pts, height: float, base: float) -> dict:
    (xa, ya), (xb, yb) = pts
    x0, x1 = min(xa, xb), max(xa, xb)
    y0, y1 = min(ya, yb), max(ya, yb)
    top, bottom = height - y1, height - y0
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": base + top,
        "width": x1 - x0,
        "height": y1 - y0,
        "orientation": "h" if top == bottom else "v",
    }


def _rect_edges(pts, height: float, base: float) -> list[dict]:
    (xa, ya), (xb, yb) = pts
    x0, x1 = min(xa, xb), max(xa, xb)
    y0, y1 = min(ya, yb), max(ya, yb)
    top, bottom, w, h = height - y1, height - y0, x1 - x0, y1 - y0
    common = {"object_type": "rect_edge", "doctop": base + top}
    return [
        {**common, "x0": x0, "x1": x1, "top": top, "bottom": top, "width": w, "height": 0, "orientation": "h"},
        {
            **common,
            "x0": x0,
            "x1": x1,
            "top": top + h,
            "bottom": bottom,
            "doctop": base + top + h,
            "width": w,
            "height": 0,
            "orientation": "h",
        },
        {**common, "x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0, "height": h, "orientation": "v"},
        {**common, "x0": x1, "x1": x1, "top": top, "bottom": bottom, "width": 0, "height": h, "orientation": "v"},
    ]


def _curve_edges(pts, height: float, base: float) -> list[dict]:
    flipped = [(x, height - y) for x, y in pts]
    edges = []
    for (xa, ta), (xb, tb) in zip(flipped, flipped[1:]):
        top = min(ta, tb)
        edges.append(
            {
                "object_type": "curve_edge",
                "x0": min(xa, xb),
                "x1": max(xa, xb),
                "top": top,
                "bottom": max(ta, tb),
                "doctop": base + top,
                "width": abs(xa - xb),
                "height": abs(ta - tb),
                "orientation": "v" if xa == xb else ("h" if ta == tb else None),
            }
        )
    return edges
