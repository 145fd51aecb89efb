"""Rows of cells from a page's characters and ruling lines, whichever library read them.

A page is a `PageModel`: pdfplumber's `chars`, `edges` and `bbox`, read by PDFium or by
pdfplumber itself. Its tables are those of pdfplumber's public
`TableFinder` (the "lines" strategy of `page.find_tables()`, with its defaults) and its text
lines those of pdfplumber's text map (`page.extract_text_lines()`), so both PDF paths give
the rows pdfplumber gives. Two things are done here: putting characters into table cells
(pdfplumber's `Table.extract` scans every character of the page for every row; here they
are looked up by position), and splitting borderless, column-aligned lines into cells.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter

from .grid import Cell, Row

COLUMN_GAP_EMS = 2.5  # a gap this many character heights wide separates two columns
X_TOLERANCE = 3  # pdfplumber's default: a gap wider than this between characters splits a word
Y_TOLERANCE = 3  # pdfplumber's default: characters whose tops are this close share a line


@dataclass
class PageModel:
    """What the layout needs of a page: its box, characters and edges (pdfplumber keys)."""

    number: int
    bbox: tuple[float, float, float, float]
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


@dataclass(slots=True)
class PageRow:
    """A row of a page, and for a row of one line of text in one cell, where its text stands.

    That box (x0, top, x1, bottom, of the characters) and their size are what
    `pdf_paragraphs` joins the lines of a paragraph by. Some producers draw a ruled box
    around every line of prose, which makes each line a one-cell table row: those get a box
    as well as the lines outside tables. A row of several cells has none.
    """

    row: Row
    box: tuple[float, float, float, float] | None = None
    size: float = 0.0


def find_tables(page: PageModel) -> list:
    """The page's tables, by pdfplumber's public table finder with its default settings."""
    from pdfplumber.table import TableFinder

    return TableFinder(page).tables


class CharIndex:
    """Characters sorted by vertical midpoint, to find those inside a box without a full scan."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        self.h_mids = [(c["x0"] + c["x1"]) / 2 for c in chars]
        self.v_mids = [(c["top"] + c["bottom"]) / 2 for c in chars]
        self.order = sorted(range(len(chars)), key=self.v_mids.__getitem__)
        self.sorted_mids = [self.v_mids[i] for i in self.order]

    def inside(self, bbox: tuple, among: list[int] | None = None) -> list[int]:
        """Indexes (in page order) of chars whose midpoint lies in bbox, as Table.extract tests it."""
        x0, top, x1, bottom = bbox
        if among is None:
            among = sorted(self.order[bisect_left(self.sorted_mids, top) : bisect_left(self.sorted_mids, bottom)])
        h, v = self.h_mids, self.v_mids
        return [i for i in among if x0 <= h[i] < x1 and top <= v[i] < bottom]


def extract_table(index: CharIndex, table) -> list[list[str | None]]:
    """A pdfplumber table's cell texts as its `Table.extract()` gives them (None for merged cells)."""
    return [[text for text, _ in row] for row in _table_rows(index, table)]


def _table_rows(index: CharIndex, table) -> list[list[tuple[str | None, list[dict]]]]:
    """Each row's cells as (text, characters); a merged cell's text is None."""
    out = []
    for row in table.rows:
        row_chars = index.inside(row.bbox)
        cells: list[tuple[str | None, list[dict]]] = []
        for cell in row.cells:
            if cell is None:
                cells.append((None, []))
                continue
            mine = [index.chars[i] for i in index.inside(cell, row_chars)]
            cells.append((cell_text(mine) if mine else "", mine))
        out.append(cells)
    return out


def _ligature(text: str) -> bool:
    """A character pdfplumber spells out (ﬁ → fi): the ligatures sit in U+FB00–U+FB4F."""
    return any("\ufb00" <= ch <= "\ufb4f" for ch in text)


def cell_text(chars: list[dict]) -> str:
    """pdfplumber's `utils.extract_text(chars)`, computed directly when the chars make one line.

    Within Y_TOLERANCE vertically the chars are one line for pdfplumber: sorted by x, cut
    into words at blanks and at gaps over X_TOLERANCE, words joined by a space. Anything else
    (several lines, rotated text, a ligature) is left to pdfplumber itself; a test holds the
    two to the same text.
    """
    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) > Y_TOLERANCE or not all(c["upright"] is True and not _ligature(c["text"]) for c in chars):
        from pdfplumber.utils import extract_text

        return extract_text(chars)
    words: list[str] = []
    word: list[str] = []
    prev = None
    for c in sorted(chars, key=itemgetter("x0")):  # stable, as pdfplumber sorts a line's characters
        text = c["text"]
        if text.isspace():
            if word:
                words.append("".join(word))
            word, prev = [], None
            continue
        if prev is not None and (
            c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + X_TOLERANCE or abs(c["top"] - prev["top"]) > Y_TOLERANCE
        ):
            words.append("".join(word))
            word = []
        word.append(text)
        prev = c
    if word:
        words.append("".join(word))
    return " ".join(words)


def text_lines(page: PageModel) -> list[dict]:
    """The page's text lines, as pdfplumber's `Page.extract_text_lines()` gives them."""
    if not page.chars:
        return []
    from pdfplumber.utils import chars_to_textmap

    textmap = chars_to_textmap(page.chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height)
    return textmap.extract_text_lines(strip=True, return_chars=True)


def page_lines(page: PageModel, split_columns: bool = True) -> list[PageRow]:
    """A page's rows in reading order: table rows as their cells, other text a line each.

    A line outside ruled tables whose words stand apart by wide gaps (a borderless table,
    columns aligned with spaces) becomes a row of one cell per column when `split_columns`.
    """
    number = page.number
    placed: list[tuple[float, int, PageRow]] = []
    tables = find_tables(page)
    boxes = [t.bbox for t in tables]
    index = CharIndex(page.chars) if tables else None
    for table, box in zip(tables, boxes):
        for r_index, cells in enumerate(_table_rows(index, table)):
            present = [(text, chars) for text, chars in cells if text is not None]
            row = [Cell(text or "", number * 1000 + len(placed)) for text, _ in present]
            if not row:
                continue
            line = len(present) == 1 and present[0][1] and "\n" not in row[0].text
            placed.append((box[1] + r_index * 0.001, 0, PageRow(row, *_extent(present[0][1])) if line else PageRow(row)))
    for line in text_lines(page):
        cx = (line["x0"] + line["x1"]) / 2
        cy = (line["top"] + line["bottom"]) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes):
            continue
        parts = column_parts(line["chars"]) if split_columns else None
        line_no = number * 1000 + len(placed)
        if parts and len(parts) > 1:
            placed.append((line["top"], 1, PageRow([Cell(part, line_no) for part in parts])))
        else:
            placed.append((line["top"], 1, PageRow([Cell(line["text"], line_no)], *_extent(line["chars"]))))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [p for _, _, p in placed]


def _extent(chars: list[dict]) -> tuple[tuple[float, float, float, float], float]:
    """The box the characters cover, and their largest size."""
    box = (min(c["x0"] for c in chars), min(c["top"] for c in chars),
           max(c["x1"] for c in chars), max(c["bottom"] for c in chars))
    return box, max(c["size"] for c in chars)


def page_rows(page: PageModel, split_columns: bool = True) -> list[Row]:
    """A page's rows in reading order, a text line each (before paragraphs are joined)."""
    return [p.row for p in page_lines(page, split_columns)]


def column_parts(chars: list[dict]) -> list[str] | None:
    """The texts of a line cut at gaps wider than COLUMN_GAP_EMS character heights, or None.

    Justified prose spreads its characters by a fraction of an em; columns of a table laid
    out with spaces or tab stops stand several ems apart.
    """
    glyphs = [c for c in chars if not c["text"].isspace()]
    if len(glyphs) < 2:
        return None
    glyphs.sort(key=itemgetter("x0"))
    parts: list[list[dict]] = [[glyphs[0]]]
    for prev, cur in zip(glyphs, glyphs[1:]):
        em = max(prev["bottom"] - prev["top"], cur["bottom"] - cur["top"], 1.0)
        if cur["x0"] - prev["x1"] > COLUMN_GAP_EMS * em:
            parts.append([cur])
        else:
            parts[-1].append(cur)
    if len(parts) < 2:
        return None
    return [_join_words(p) for p in parts]


def _join_words(chars: list[dict]) -> str:
    """Characters of one column as text, a space where pdfplumber would put one (x gap > 3)."""
    out = [chars[0]["text"]]
    for prev, cur in zip(chars, chars[1:]):
        if cur["x0"] > prev["x1"] + X_TOLERANCE:
            out.append(" ")
        out.append(cur["text"])
    return "".join(out)
