"""The fixed parts of a gongkai DOCX package: styles, fonts, page set-up and footers.

Page set-up follows GB/T 9704-2012 for official documents: A4, top margin 37 mm, binding
margin 28 mm, a type area of 156 × 225 mm (22 lines of 28 characters), the title in 2号
小标宋, the body in 3号仿宋, first-level headings in 黑体, page numbers in 4号 as
"— 1 —", right on odd pages and left on even ones. Font names are the ones Word and WPS
resolve on Chinese systems; the font table names a free family as each one's alternative
(Noto CJK), and LibreOffice on a system without them substitutes a CJK font through
fontconfig, so no glyph goes missing.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Iterable
from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

MM = 56.6929  # twips per millimetre
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_LEFT = round(37 * MM), round(28 * MM)
TEXT_WIDTH = round(156 * MM)  # 8844
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH
MARGIN_BOTTOM = round((297 - 37 - 225) * MM)
LINE_PITCH = 579  # 225 mm / 22 lines, in twips

# (Word/WPS name, what LibreOffice substitutes on a system without it)
TITLE_FONT = ("方正小标宋简体", "Noto Serif CJK SC")
BODY_FONT = ("仿宋_GB2312", "Noto Serif CJK SC")
HEADING_FONT = ("黑体", "Noto Sans CJK SC")
SUBHEADING_FONT = ("楷体_GB2312", "Noto Serif CJK SC")
LATIN_FONT = "Times New Roman"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>
</Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {NS}><w:evenAndOddHeaders/><w:defaultTabStop w:val="640"/>
<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"""


def fonts(east_asian: tuple[str, str], size: int | None = None) -> str:
    """Run properties naming the East-Asian font (w:eastAsia) and a Latin font for digits."""
    name = east_asian[0]
    out = f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{name}" w:cs="{LATIN_FONT}" w:hint="eastAsia"/>'
    if size:
        out += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return out


def _font_entry(name: str, alt: str, family: str, pitch: str = "variable") -> str:
    return (
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
    )


FONT_TABLE = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts {NS}>'
    + _font_entry(*TITLE_FONT, "roman")
    + _font_entry(*BODY_FONT, "modern", "fixed")
    + _font_entry(*HEADING_FONT, "modern", "fixed")
    + _font_entry(*SUBHEADING_FONT, "modern", "fixed")
    + f'<w:font w:name="{LATIN_FONT}"><w:altName w:val="Liberation Serif"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    + "</w:fonts>"
)

_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
_EXACT = f'<w:spacing w:line="{LINE_PITCH}" w:lineRule="exact" w:before="0" w:after="0"/>'

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NS}>
<w:docDefaults><w:rPrDefault><w:rPr>{fonts(BODY_FONT, 32)}{_LANG}</w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:widowControl/><w:jc w:val="both"/>{_EXACT}</w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:jc w:val="center"/><w:spacing w:line="700" w:lineRule="exact" w:before="0" w:after="579"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:outlineLvl w:val="0"/></w:pPr>
<w:rPr>{fonts(TITLE_FONT, 44)}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
<w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>{fonts(HEADING_FONT)}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/>
<w:pPr><w:jc w:val="right"/><w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="400" w:right="1280"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>
<w:pPr><w:snapToGrid w:val="0"/><w:jc w:val="center"/><w:spacing w:line="240" w:lineRule="auto" w:before="0" w:after="0"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>
<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>
<w:pPr><w:spacing w:line="240" w:lineRule="auto" w:before="0" w:after="0"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>
<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
<w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""


def footer(align: str, indent: str) -> str:
    """A page-number footer: "— 1 —", one character in from the outer edge."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:jc w:val="{align}"/><w:ind {indent}/></w:pPr>'
        '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
    )


FOOTER_ODD = footer("right", 'w:right="280"')
FOOTER_EVEN = footer("left", 'w:left="280"')

SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>'
    f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" '
    'w:header="851" w:footer="992" w:gutter="0"/>'
    f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/></w:sectPr>'
)


def core_properties(title: str, creator: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
        "<dc:language>zh-CN</dc:language></cp:coreProperties>"
    )


_EPOCH = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date
_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def package(parts: Iterable[tuple[str, str | bytes, bool]]) -> bytes:
    """An OOXML package (a zip) of (name, content, compressed) parts with no time in it, so that
    the same report or letter is always the same bytes (and the same hash)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, content, compressed in parts:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
            z.writestr(info, content, compresslevel=1 if compressed else None)
    return buf.getvalue()


def repackaged(data: bytes) -> bytes:
    """A package another library wrote (openpyxl stamps the time of writing) made timeless:
    its parts at the zip's epoch and the core properties without created and modified dates."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = []
        for info in z.infolist():
            content = z.read(info)
            if info.filename == "docProps/core.xml":
                content = _DATES.sub(b"", content)
            parts.append((info.filename, content, info.compress_type != zipfile.ZIP_STORED))
    return package(parts)
