"""Rows of cells from a page's characters and ruling lines, whichever library read them.

The page is given as pdfplumber-shaped dicts (chars with x0/x1/top/bottom, edges with an
orientation), so the table geometry is pdfplumber's own (`merge_edges` → intersections →
cells → tables) and both PDF paths give the same rows. Only the slow parts are done here:
assigning characters to table cells (pdfplumber scans every character for every row) and
splitting borderless, column-aligned lines into cells.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from .grid import Cell, Row

SNAP = JOIN = 3  # pdfplumber's default table settings
EDGE_MIN_LENGTH = 3
EDGE_MIN_LENGTH_PREFILTER = 1
INTERSECTION_TOLERANCE = 3
COLUMN_GAP_EMS = 2.5  # a gap this many character heights wide separates two columns


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


def find_tables(page: PageModel) -> list[list[tuple]]:
    """Tables as lists of cell boxes, by pdfplumber's "lines" strategy with its defaults."""
    from pdfplumber import table as pt
    from pdfplumber.utils import filter_edges

    edges = [e for e in page.edges if e["orientation"] in ("v", "h")]
    edges = filter_edges(edges, "v", min_length=EDGE_MIN_LENGTH_PREFILTER) + filter_edges(
        edges, "h", min_length=EDGE_MIN_LENGTH_PREFILTER
    )
    if not edges:
        return []
    edges = pt.merge_edges(edges, SNAP, SNAP, JOIN, JOIN)
    edges = filter_edges(edges, min_length=EDGE_MIN_LENGTH)
    intersections = pt.edges_to_intersections(edges, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    return pt.cells_to_tables(intersections_to_cells(intersections))


def intersections_to_cells(intersections: dict) -> list[tuple]:
    """pdfplumber's intersections_to_cells, with each point's edge sets built once."""
    v_sets, h_sets = {}, {}
    for point, touching in intersections.items():
        v_sets[point] = {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in touching["v"]}
        h_sets[point] = {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in touching["h"]}

    def connects(p1: tuple, p2: tuple) -> bool:
        if p1[0] == p2[0] and not v_sets[p1].isdisjoint(v_sets[p2]):
            return True
        return p1[1] == p2[1] and not h_sets[p1].isdisjoint(h_sets[p2])

    points = sorted(intersections)
    same_x: dict[float, list[tuple]] = {}
    same_y: dict[float, list[tuple]] = {}
    for p in points:  # in sorted order, so each list is ordered as pdfplumber scans it
        same_x.setdefault(p[0], []).append(p)
        same_y.setdefault(p[1], []).append(p)
    cells = []
    for pt in points[:-1]:
        below = [p for p in same_x[pt[0]] if p > pt]
        right = [p for p in same_y[pt[1]] if p > pt]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return cells


def table_bbox(cells: list[tuple]) -> tuple:
    return (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )


def table_grid(cells: list[tuple]) -> list[list[tuple | None]]:
    """The table's rows, each with a cell box or None for every column (pdfplumber's Table.rows)."""
    xs = sorted({c[0] for c in cells})
    rows = []
    for _top, row_cells in groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
        by_x = {c[0]: c for c in row_cells}
        rows.append([by_x.get(x) for x in xs])
    return rows


class CharIndex:
    """Characters sorted by vertical midpoint, to find those inside a box without a full scan."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        mids = sorted(((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars))
        self.v_mids = [m for m, _ in mids]
        self.order = [i for _, i in mids]

    def inside(self, bbox: tuple, among: list[int] | None = None) -> list[int]:
        """Indexes (in page order) of chars whose midpoint lies in bbox, as Table.extract tests it."""
        x0, top, x1, bottom = bbox
        chars = self.chars
        if among is None:
            lo = bisect_left(self.v_mids, top)
            hi = bisect_left(self.v_mids, bottom)
            among = sorted(self.order[lo:hi])
        found = []
        for i in among:
            c = chars[i]
            h_mid = (c["x0"] + c["x1"]) / 2
            v_mid = (c["top"] + c["bottom"]) / 2
            if x0 <= h_mid < x1 and top <= v_mid < bottom:
                found.append(i)
        return found


def extract_table(index: CharIndex, grid: list[list[tuple | None]]) -> list[list[str | None]]:
    """Cell texts as pdfplumber's Table.extract() gives them (None for merged cells)."""
    out = []
    for row in grid:
        present = [c for c in row if c is not None]
        row_box = (
            min(c[0] for c in present),
            min(c[1] for c in present),
            max(c[2] for c in present),
            max(c[3] for c in present),
        )
        row_chars = index.inside(row_box)
        texts: list[str | None] = []
        for cell in row:
            if cell is None:
                texts.append(None)
                continue
            mine = index.inside(cell, row_chars)
            texts.append(cell_text([index.chars[i] for i in mine]) if mine else "")
        out.append(texts)
    return out


def cell_text(chars: list[dict]) -> str:
    """pdfplumber's extract_text(chars), computed directly when the chars make one line.

    Within 3 points vertically the chars are one line for pdfplumber: sorted by x, cut into
    words at blanks and at gaps over 3 points, words joined by a space. Anything else (several
    lines, rotated text) is left to pdfplumber itself.
    """
    from pdfplumber.utils import extract_text
    from pdfplumber.utils.text import LIGATURES

    tops = [c["top"] for c in chars]
    if max(tops) - min(tops) > 3 or not all(c["upright"] is True for c in chars):
        return extract_text(chars)
    words: list[str] = []
    word: list[str] = []
    prev = None
    for c in sorted(chars, key=lambda c: (c["x0"], c["x1"])):
        text = c["text"]
        if text.isspace():
            if word:
                words.append("".join(word))
            word, prev = [], None
            continue
        if prev is not None and (c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + 3 or abs(c["top"] - prev["top"]) > 3):
            words.append("".join(word))
            word = []
        word.append(LIGATURES.get(text, text))
        prev = c
    if word:
        words.append("".join(word))
    return " ".join(words)


def text_lines(page: PageModel, chars: list[dict] | None = None) -> list[dict]:
    """The page's text lines, as pdfplumber's Page.extract_text_lines(return_chars=True).

    Computed directly for upright text (pdfplumber's words, then runs of words whose tops
    cluster within 3 points); anything else is left to pdfplumber's text map.
    """
    chars = page.chars if chars is None else chars
    if not chars:
        return []
    if any(c["upright"] is not True or not c["text"] for c in chars):
        from pdfplumber.utils import chars_to_textmap

        textmap = chars_to_textmap(
            chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height
        )
        return textmap.extract_text_lines(strip=True, return_chars=True)
    from pdfplumber.utils.text import LIGATURES

    line_of = _clusters(c["top"] for c in chars)
    words: list[tuple[float, str, list[dict]]] = []  # (top, text, chars)
    ordered = sorted(chars, key=lambda c: line_of[c["top"]])
    for _, same_line in groupby(ordered, key=lambda c: line_of[c["top"]]):
        word: list[dict] = []
        for c in sorted(same_line, key=lambda c: (c["x0"], c["x1"])):
            if c["text"].isspace():
                _add_word(words, word, LIGATURES)
                word = []
                continue
            if word:
                last = word[-1]
                if c["x0"] < last["x0"] or c["x0"] > last["x1"] + 3 or abs(c["top"] - last["top"]) > 3:
                    _add_word(words, word, LIGATURES)
                    word = []
            word.append(c)
        _add_word(words, word, LIGATURES)
    row_of = _clusters(w[0] for w in words)
    lines = []
    for _, run in groupby(words, key=lambda w: row_of[w[0]]):
        run = list(run)
        line_chars = [c for w in run for c in w[2]]
        lines.append(
            {
                "text": " ".join(w[1] for w in run),
                "x0": min(c["x0"] for c in line_chars),
                "top": min(c["top"] for c in line_chars),
                "x1": max(c["x1"] for c in line_chars),
                "bottom": max(c["bottom"] for c in line_chars),
                "chars": line_chars,
            }
        )
    return lines


def _add_word(words: list, chars: list[dict], expansions: dict) -> None:
    if chars:
        text = "".join(expansions.get(c["text"], c["text"]) for c in chars)
        words.append((min(c["top"] for c in chars), text, chars))


def _clusters(values) -> dict[float, int]:
    """pdfplumber's make_cluster_dict with a tolerance of 3: sorted values chained by gaps <= 3."""
    cluster: dict[float, int] = {}
    index, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + 3:
            index += 1
        cluster[v] = index
        last = v
    return cluster


def page_rows(page: PageModel, split_columns: bool = True) -> list[Row]:
    """A page's rows in reading order: table rows as their cells, other text a line each.

    A line outside ruled tables whose words stand apart by wide gaps (a borderless table,
    columns aligned with spaces) becomes a row of one cell per column when `split_columns`.
    """
    number = page.number
    placed: list[tuple[float, int, Row]] = []
    tables = find_tables(page)
    boxes = [table_bbox(t) for t in tables]
    index = CharIndex(page.chars) if tables else None
    for cells, box in zip(tables, boxes):
        for r_index, texts in enumerate(extract_table(index, table_grid(cells))):
            row = [Cell(text or "", number * 1000 + len(placed)) for text in texts if text is not None]
            if row:
                placed.append((box[1] + r_index * 0.001, 0, row))
    for line in text_lines(page):
        cx = (line["x0"] + line["x1"]) / 2
        cy = (line["top"] + line["bottom"]) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes):
            continue
        parts = column_parts(line["chars"]) if split_columns else None
        line_no = number * 1000 + len(placed)
        if parts and len(parts) > 1:
            row = [Cell(part, line_no) for part in parts]
        else:
            row = [Cell(line["text"], line_no)]
        placed.append((line["top"], 1, row))
    placed.sort(key=lambda p: (p[0], p[1]))
    return [row for _, _, row in placed]


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
        if cur["x0"] > prev["x1"] + 3:
            out.append(" ")
        out.append(cur["text"])
    return "".join(out)
