"""Render an issue as a Word document (python-docx), laid out like a 红头 bulletin.

Masthead: red title in 黑体, （第N期）, issuer at the left and date at the right of one line (a right
tab stop) over a red rule; then 本期导语, the numbered sections, and page numbers (a PAGE field) in the
footer. Chinese text takes its face from the East Asian font attribute (``w:eastAsia``); setting only
the Latin name makes Word draw Chinese in a fallback face. The faces are named as Chinese Windows and
WPS have them (黑体, 仿宋, 楷体, 宋体) so the reader's machine uses its own.

A user-supplied template (``report.docx_template``) is filled by :mod:`yuqing.report.docx_template`.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from yuqing.models import Issue
from yuqing.report.parts import (
    display_title,
    issue_date_text,
    lead_sentence,
    masthead_label,
    media_line,
    paragraphs,
    sections,
)

__all__ = ["FONTS", "render_docx", "set_run_fonts"]

FONTS = {"heading": "黑体", "body": "仿宋", "kai": "楷体", "song": "宋体", "latin": "Times New Roman"}
RED = RGBColor(0xC0, 0x00, 0x00)
LINK_BLUE = "1F4E9C"


def set_run_fonts(element, east_asia: str, latin: str = FONTS["latin"]) -> None:  # type: ignore[no-untyped-def]
    """Set the Latin and East Asian faces (``w:rFonts``) of a run or style element (``w:r``, ``w:style``)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(attr), value)
    fonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph, text: str, face: str = "body", size: float | None = None,  # type: ignore[no-untyped-def]
         bold: bool = False, color: RGBColor | None = None):
    run = paragraph.add_run(text)
    set_run_fonts(run._element, FONTS[face])
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None
    if color is not None:
        run.font.color.rgb = color
    return run


def _paragraph(doc, align=None, before: float = 0, after: float = 0, first_line_chars: int = 0):  # type: ignore[no-untyped-def]
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        p.alignment = align
    if first_line_chars:
        # Indent in characters (两字), the Chinese convention; Word reads w:firstLineChars in 1/100 char.
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    return p


def _bottom_rule(paragraph, color: str = "C00000", size_eighths: int = 18) -> None:
    """Draw a rule under ``paragraph`` (w:pBdr/w:bottom), the red line of a 红头 document."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _hyperlink(paragraph, url: str) -> None:
    """Append ``url`` to ``paragraph`` as a clickable link showing the URL itself."""
    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONTS["latin"])
    fonts.set(qn("w:eastAsia"), FONTS["body"])
    color = OxmlElement("w:color")
    color.set(qn("w:val"), LINK_BLUE)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.extend([fonts, color, underline])
    text = OxmlElement("w:t")
    text.text = url
    text.set(qn("xml:space"), "preserve")
    run.extend([rpr, text])
    link.append(run)
    paragraph._p.append(link)


def _page_number_footer(section) -> None:  # type: ignore[no-untyped-def]
    """Put "— N —" centred in the footer, N a PAGE field that Word fills in."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", "song", 12)
    run = _run(p, "", "song", 12)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    _run(p, " —", "song", 12)


def _setup(doc) -> None:  # type: ignore[no-untyped-def]
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    set_run_fonts(normal.element, FONTS["body"])
    normal.paragraph_format.line_spacing = 1.4
    _page_number_footer(section)


def _heading(doc, text: str) -> None:  # type: ignore[no-untyped-def]
    p = _paragraph(doc, before=10, after=4)
    p.paragraph_format.keep_with_next = True
    _run(p, text, "heading", 15)


def _masthead(doc, issue: Issue) -> None:  # type: ignore[no-untyped-def]
    p = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    _run(p, display_title(issue), "heading", 24, color=RED)
    p = _paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER, after=10)
    _run(p, masthead_label(issue), "body", 15)
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    p = _paragraph(doc, after=14)
    p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    _run(p, issue.issuer, "body", 14)
    _run(p, "\t" + issue_date_text(issue), "body", 14)
    _bottom_rule(p)


def _overview(doc, issue: Issue) -> None:  # type: ignore[no-untyped-def]
    from yuqing.report.chart import overview_chart_png

    ov = issue.extras["overview"]
    p = _paragraph(doc, first_line_chars=2)
    _run(p, f"本期共收录{ov['total']}篇。")
    png = overview_chart_png(issue)
    if png:
        doc.add_picture(io.BytesIO(png), width=Cm(14))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for caption, key in (("按日期", "by_day"), ("按信源类别", "by_tier"), ("按媒体", "by_outlet")):
        p = _paragraph(doc, before=4)
        p.paragraph_format.keep_with_next = True
        _run(p, caption, "heading", 12)
        table = doc.add_table(rows=0, cols=2)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for label, count in ov[key]:
            cells = table.add_row().cells
            _run(cells[0].paragraphs[0], str(label), size=11)
            _run(cells[1].paragraphs[0], f"{count}篇", size=11)


def _failed_sources(doc, issue: Issue) -> None:  # type: ignore[no-untyped-def]
    rows = issue.extras["failed_sources"]
    if not rows:
        _run(_paragraph(doc, first_line_chars=2), "本期所有信源均采集正常。")
        return
    table = doc.add_table(rows=1, cols=3)
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, ("信源", "类别", "情况"), strict=True):
        _run(cell.paragraphs[0], text, "heading", 11)
    for r in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (r["name"], r["tier_label"], r["reason"]), strict=True):
            _run(cell.paragraphs[0], str(text), size=11)


def build_document(issue: Issue):  # type: ignore[no-untyped-def]
    """Return the python-docx ``Document`` of ``issue`` (for callers that add to it before saving)."""
    doc = Document()
    _setup(doc)
    _masthead(doc, issue)
    p = _paragraph(doc, after=6)
    _run(p, "本期导语：", "heading")
    _run(p, lead_sentence(issue))
    for section in sections(issue):
        _heading(doc, section.heading)
        if section.key == "overview":
            _overview(doc, issue)
        elif section.key == "catalogue":
            for it in issue.items:
                p = _paragraph(doc, after=2)
                p.paragraph_format.left_indent = Pt(28)
                p.paragraph_format.first_line_indent = Pt(-21)
                _run(p, f"{it.position}. {it.title}（{it.outlet}）")
        elif section.key == "details":
            for it in issue.items:
                p = _paragraph(doc, before=8, after=2)
                p.paragraph_format.keep_with_next = True
                _run(p, f"{it.position}. 标题：{it.title}", "kai", bold=True)
                p = _paragraph(doc)
                p.paragraph_format.keep_with_next = True
                _run(p, media_line(issue, it))
                p = _paragraph(doc)
                _run(p, "链接：")
                _hyperlink(p, it.link)
                _run(_paragraph(doc), "主要内容：")
                for para in paragraphs(it):
                    p = _paragraph(doc, WD_ALIGN_PARAGRAPH.JUSTIFY, after=2, first_line_chars=2)
                    _run(p, para)
        elif section.key == "failed_sources":
            _failed_sources(doc, issue)
    return doc


def render_docx(issue: Issue) -> bytes:
    """Return the .docx bytes of ``issue``."""
    buf = io.BytesIO()
    build_document(issue).save(buf)
    return buf.getvalue()
