"""Fill a user-supplied Word template (an office's own 红头 .docx) with an issue, through docxtpl.

Set ``report.docx_template`` to the template's path (relative paths are taken inside the workspace).
The template is a normal .docx with Jinja tags; these names are in its context:

===================  ==================================================================
``title``            the title as printed (a correction ends in （更正）)
``label``            （第二七五期）, or （2017年第五期） with yearly numbering
``number``           the issue number (int)
``issuer``           masthead issuer
``date``             2017年10月27日
``lead``             the 本期导语 sentence
``is_correction``    true for a correction
``window_from``      2017年10月23日;  ``window_to`` likewise
``items``            list of items, each with ``position``, ``title``, ``outlet``, ``date``
                     (2017-10-23), ``link``, ``link_rt`` (a clickable link, write
                     ``{{r it.link_rt }}``), ``paragraphs`` (list of str), ``summary``
``overview``         None, or dict with ``total`` and ``by_day``/``by_tier``/``by_outlet``
                     (lists of [label, count]); ``chart`` an InlineImage, ``{{ chart }}``
``failed_sources``   None, or list of dicts with ``name``, ``tier_label``, ``reason``
===================  ==================================================================

Repeat a paragraph per item with ``{%p for it in items %}`` … ``{%p endfor %}``.
:func:`write_example_template` writes a small working example.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from yuqing.errors import ReportError
from yuqing.models import Issue
from yuqing.report.parts import (
    display_title,
    issue_date_text,
    item_date,
    lead_sentence,
    masthead_label,
    paragraphs,
)
from yuqing.text.numerals import chinese_date

__all__ = ["render_docx_template", "template_context", "write_example_template"]


def template_context(issue: Issue, tpl: Any | None = None) -> dict[str, Any]:
    """Return the names a template sees (see the module docstring); ``tpl`` enables links and the chart."""
    from docx.shared import Cm
    from docxtpl import InlineImage, RichText

    items = []
    for it in issue.items:
        entry: dict[str, Any] = {
            "position": it.position, "title": it.title, "outlet": it.outlet, "date": item_date(it),
            "reprints": it.reprints,
            "link": it.link, "paragraphs": paragraphs(it), "summary": it.summary, "link_rt": it.link,
        }
        if tpl is not None:
            entry["link_rt"] = RichText(it.link, url_id=tpl.build_url_id(it.link), color="1F4E9C",
                                        underline=True)
        items.append(entry)
    chart = None
    if tpl is not None and issue.extras.get("overview"):
        from yuqing.report.chart import overview_chart_png

        png = overview_chart_png(issue)
        if png:
            chart = InlineImage(tpl, io.BytesIO(png), width=Cm(14))
    return {
        "title": display_title(issue), "label": masthead_label(issue), "number": issue.number,
        "issuer": issue.issuer, "date": issue_date_text(issue), "lead": lead_sentence(issue),
        "is_correction": issue.status == "correction", "window_from": chinese_date(issue.window_from),
        "window_to": chinese_date(issue.window_to), "items": items, "overview": issue.extras.get("overview"),
        "chart": chart, "failed_sources": issue.extras.get("failed_sources"),
    }


def render_docx_template(issue: Issue, template: Path) -> bytes:
    """Return the .docx bytes of ``template`` filled with ``issue``; raise ReportError when it fails."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    if not template.is_file():
        raise ReportError(f"Word template not found: {template}")
    try:
        tpl = DocxTemplate(str(template))
        tpl.render(template_context(issue, tpl), autoescape=True)
    except TemplateError as exc:
        raise ReportError(f"Word template {template} does not render: {exc}") from exc
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def write_example_template(path: Path) -> Path:
    """Write a small 红头 template using the context names, to start an office's own from; return it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from yuqing.report.docx import RED, set_run_fonts

    doc = Document()
    set_run_fonts(doc.styles["Normal"].element, "仿宋")

    def line(text: str, face: str = "仿宋", size: float = 14, center: bool = False, red: bool = False) -> None:
        p = doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        set_run_fonts(run._element, face)
        run.font.size = Pt(size)
        if red:
            run.font.color.rgb = RED

    line("{{ title }}", "黑体", 24, center=True, red=True)
    line("{{ label }}", center=True)
    line("{{ issuer }}　　{{ date }}", center=True)
    line("本期导语：{{ lead }}")
    line("一、信息目录", "黑体", 15)
    line("{%p for it in items %}")
    line("{{ it.position }}. {{ it.title }}（{{ it.outlet }}）")
    line("{%p endfor %}")
    line("二、具体内容", "黑体", 15)
    line("{%p for it in items %}")
    line("{{ it.position }}. 标题：{{ it.title }}", "楷体")
    line("媒体：{{ it.outlet }} {{ it.date }}")
    line("链接：{{r it.link_rt }}")
    line("{%p for para in it.paragraphs %}")
    line("{{ para }}")
    line("{%p endfor %}")
    line("{%p endfor %}")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
