"""The bulletin as HTML, Word and PDF, read back the way a reader's tools would see it.

The issue under test is issue 275 itself, rebuilt from the reference bulletin, so these tests do not
depend on extraction. Expect: every item's title, outlet, date and link in each format; Chinese text
set in East Asian faces in Word; every Chinese character of the issue drawn by an embedded font in PDF.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.conftest import REFERENCE
from yuqing.models import Issue, IssueItem
from yuqing.report import parse_formats, render, write_issue
from yuqing.report.parts import item_date

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


def reference_issue() -> Issue:
    """Return issue 275 as the reference bulletin prints it: six items with their full 主要内容."""
    if not REFERENCE.exists():
        pytest.skip(f"reference report not present: {REFERENCE}")
    details = REFERENCE.read_text(encoding="utf-8").split("### 二、具体内容", 1)[1]
    items = []
    for i, block in enumerate(re.split(r"^.*?\d\. 标题[:：]\s*", details, flags=re.M)[1:], start=1):
        title = re.split(r"\*\*|\s+媒体", block.split("\n", 1)[0])[0].strip()
        outlet, day = re.search(r"媒体：(\S+) (\d{4}-\d\d-\d\d)", block).groups()  # type: ignore[union-attr]
        link = re.search(r"链接[:：]\s*(?:<(\S+?)>|\[\S+?\]\((\S+?)\))", block)
        body = block.split("主要内容", 1)[1].split("\n", 1)[1]
        paras = [re.sub(r"[*#]", "", p).strip() for p in body.split("\n") if p.strip()]
        d = date.fromisoformat(day)
        items.append(IssueItem(
            position=i, article_id=None, title=title, outlet=outlet,
            published_at=datetime(d.year, d.month, d.day, 2, tzinfo=UTC),
            link=link.group(1) or link.group(2), summary="\n".join(paras)))  # type: ignore[union-attr]
    assert len(items) == 6
    return Issue(number=275, title="全国卫生信息化舆情监测周报", issuer="北京市卫生计生委信息中心",
                 issue_date=date(2017, 10, 27), window_from=date(2017, 10, 23), window_to=date(2017, 10, 27),
                 scope="全国主流媒体及政府网站等", items=items)


@pytest.fixture(scope="module")
def issue() -> Issue:
    return reference_issue()


@pytest.fixture(scope="module")
def files(issue: Issue, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = write_issue(issue, tmp_path_factory.mktemp("render"), ["md", "html", "docx", "pdf"])
    return {p.suffix[1:]: p for p in paths}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- formats ---------------------------------------------------------------------------------------------

def test_format_list_parses_and_rejects_unknown():
    from yuqing.errors import ReportError

    assert parse_formats("md, HTML,docx,pdf") == ["md", "html", "docx", "pdf"]
    assert parse_formats("all") == ["md", "html", "docx", "pdf"]
    with pytest.raises(ReportError, match="odt"):
        parse_formats("md,odt")


def test_all_four_files_are_written_with_their_own_magic(files: dict[str, Path]):
    assert files["pdf"].read_bytes().startswith(b"%PDF-")
    assert files["docx"].read_bytes().startswith(b"PK")
    assert files["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert files["md"].read_text(encoding="utf-8").startswith("# 全国卫生信息化舆情监测周报")
    assert not list(files["md"].parent.glob("*.tmp"))


# -- HTML ------------------------------------------------------------------------------------------------

def test_html_has_masthead_lead_catalogue_and_details(issue: Issue, files: dict[str, Path]):
    html = files["html"].read_text(encoding="utf-8")
    assert '<h1 class="title">全国卫生信息化舆情监测周报</h1>' in html
    assert "（第二七五期）" in html and "2017年10月27日" in html and "北京市卫生计生委信息中心" in html
    assert "本次监测共收集到6篇相关信息" in html
    assert html.index("一、信息目录") < html.index("二、具体内容")
    assert "size: A4" in html and 'font-family: "仿宋"' in html
    for it in issue.items:
        assert f"标题：{it.title}" in html
        assert f'href="{it.link.replace("&", "&amp;")}"' in html
        assert f"媒体：{it.outlet} {item_date(it)}" in html


def test_html_escapes_text_from_pages(issue: Issue):
    evil = Issue(**{**{f: getattr(issue, f) for f in ("number", "title", "issuer", "issue_date", "window_from",
                                                      "window_to", "scope")},
                    "items": [IssueItem(1, None, "<script>alert(1)</script>标题", "新华社", None,
                                        "http://x.cn/?a=1&b=2", "正文<b>加粗</b>")]})
    html = render(evil, "html").decode("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>加粗" not in html


# -- Word ------------------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(path: Path):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(str(path))


def test_docx_carries_every_item_title_outlet_date_and_link(issue: Issue, files: dict[str, Path]):
    doc = _docx(files["docx"])
    text = "\n".join(p.text for p in doc.paragraphs)
    links = {r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")}
    for it in issue.items:
        assert f"{it.position}. {it.title}（{it.outlet}）" in text  # catalogue
        assert f"{it.position}. 标题：{it.title}" in text
        assert f"媒体：{it.outlet} {item_date(it)}" in text
        assert f"链接：{it.link}" in text
        assert it.link in links, f"{it.link} is not a hyperlink"
        assert it.summary.split("\n")[0] in text


def test_docx_masthead_issuer_and_date_share_a_line_over_a_red_rule(files: dict[str, Path]):
    doc = _docx(files["docx"])
    paras = doc.paragraphs
    assert paras[0].text == "全国卫生信息化舆情监测周报"
    assert paras[0].runs[0].font.color.rgb is not None and str(paras[0].runs[0].font.color.rgb) == "C00000"
    assert paras[1].text == "（第二七五期）"
    assert paras[2].text == "北京市卫生计生委信息中心\t2017年10月27日"
    stops = paras[2].paragraph_format.tab_stops
    assert len(stops) == 1 and str(stops[0].alignment).startswith("RIGHT")
    bottom = paras[2]._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert bottom is not None and bottom.get(f"{W}color") == "C00000"


def test_docx_sets_east_asian_fonts_on_every_chinese_run(files: dict[str, Path]):
    doc = _docx(files["docx"])
    normal = doc.styles["Normal"].element.find(f"{W}rPr/{W}rFonts")
    assert normal.get(f"{W}eastAsia") == "仿宋"
    faces = set()
    for p in doc.paragraphs:
        for run in p.runs:
            if CJK.search(run.text):
                fonts = run._element.find(f"{W}rPr/{W}rFonts")
                assert fonts is not None, run.text
                face = fonts.get(f"{W}eastAsia")
                assert face in {"黑体", "仿宋", "楷体", "宋体"}, (run.text, face)
                faces.add(face)
    assert {"黑体", "仿宋", "楷体"} <= faces


def test_docx_footer_numbers_pages_with_a_page_field(files: dict[str, Path]):
    doc = _docx(files["docx"])
    footer = doc.sections[0].footer._element
    instr = "".join(t.text for t in footer.iter(f"{W}instrText"))
    assert instr.strip() == "PAGE"
    assert [f.get(f"{W}fldCharType") for f in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
    assert doc.sections[0].page_width.mm == pytest.approx(210, abs=0.5)


def test_docx_template_is_filled_by_docxtpl(issue: Issue, tmp_path: Path):
    from yuqing.report.docx_template import write_example_template

    template = write_example_template(tmp_path / "红头.docx")
    (path,) = write_issue(issue, tmp_path / "out", ["docx"], docx_template=template)
    doc = _docx(path)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "{{" not in text and "{%" not in text
    assert text.startswith("全国卫生信息化舆情监测周报\n（第二七五期）")
    links = {r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")}
    for it in issue.items:
        assert f"{it.position}. 标题：{it.title}" in text
        assert f"媒体：{it.outlet} {item_date(it)}" in text
        assert it.link in links


def test_missing_docx_template_is_a_report_error(issue: Issue, tmp_path: Path):
    from yuqing.errors import ReportError

    with pytest.raises(ReportError, match="not found"):
        render(issue, "docx", docx_template=tmp_path / "nope.docx")


# -- PDF -------------------------------------------------------------------------------------------------

def embedded_cmap(pdf: bytes) -> tuple[set[int], list[str]]:
    """Return the code points the PDF's embedded fonts have glyphs for, and the fonts' names."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    covered: set[int] = set()
    names: list[str] = []
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            names.append(str(font["/BaseFont"]))
            for desc in font.get("/DescendantFonts", [font]):
                fd = desc.get_object().get("/FontDescriptor")
                if fd is None:
                    continue
                fd = fd.get_object()
                stream = fd.get("/FontFile2") or fd.get("/FontFile3") or fd.get("/FontFile")
                if stream is None:
                    continue
                cmap = TTFont(io.BytesIO(stream.get_object().get_data())).getBestCmap() or {}
                covered |= {cp for cp, glyph in cmap.items() if glyph != ".notdef"}
    return covered, names


def missing_glyphs(pdf: bytes, issue: Issue) -> set[str]:
    """Return the CJK characters of ``issue`` that no embedded font of ``pdf`` has a glyph for."""
    text = "".join([issue.title, issue.issuer, "第期本期导语信息目录具体内容标题媒体链接主要"]
                   + [it.title + it.outlet + it.summary for it in issue.items])
    covered, _ = embedded_cmap(pdf)
    return {ch for ch in set(text) if CJK.match(ch) and ord(ch) not in covered}


@needs_poppler
def test_pdf_text_holds_every_item_title(issue: Issue, files: dict[str, Path]):
    text = subprocess.run(["pdftotext", "-layout", str(files["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = _flat(text)
    assert "全国卫生信息化舆情监测周报" in flat and "（第二七五期）" in flat
    for it in issue.items:
        assert _flat(it.title) in flat, it.title
    assert "—1—" in flat and "—2—" in flat  # page numbers at the foot


@needs_poppler
def test_pdf_embeds_a_cjk_font_covering_every_character(issue: Issue, files: dict[str, Path]):
    pdf = files["pdf"].read_bytes()
    fonts = subprocess.run(["pdffonts", str(files["pdf"])], capture_output=True, text=True, check=True).stdout
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded
    assert any(re.search(r"CJK|WenQuanYi", row) for row in rows), fonts
    assert missing_glyphs(pdf, issue) == set()


@needs_poppler
def test_pdf_first_page_renders_to_a_png_with_red_masthead(files: dict[str, Path], tmp_path: Path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(files["pdf"]),
                    str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    img = Image.open(png).convert("RGB")
    assert img.width < img.height  # portrait A4
    assert abs(img.width / img.height - 210 / 297) < 0.01
    top = img.crop((0, 0, img.width, img.height // 4))
    px = top.tobytes()
    reds = sum(1 for i in range(0, len(px), 3) if px[i] > 150 and px[i + 1] < 80 and px[i + 2] < 80)
    assert reds > 200, "no red title or rule at the top of page 1"


@needs_poppler
@pytest.mark.slow
def test_glyph_check_fails_when_no_cjk_font_is_installed(issue: Issue, tmp_path: Path):
    """Without a CJK font WeasyPrint writes a PDF without complaint; the coverage check must catch it.

    render_pdf refuses up front when fontconfig knows no Chinese font (the test below); here that
    check is switched off to prove the second line of defence, the glyph check, works on its own.
    """
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("DejaVu fonts not installed")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    small = Issue(**{**{f: getattr(issue, f) for f in ("number", "title", "issuer", "issue_date", "window_from",
                                                       "window_to", "scope")}, "items": issue.items[:1]})
    out = tmp_path / "nocjk.pdf"
    script = ("import pickle, sys; import yuqing.report.pdf as p; p.cjk_fonts = lambda: ('?',); "
              "sys.stdout.buffer.write(p.render_pdf(pickle.loads(sys.stdin.buffer.read())))")
    import pickle

    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    result = subprocess.run([sys.executable, "-c", script], input=pickle.dumps(small), capture_output=True,
                            env=env, check=True)
    out.write_bytes(result.stdout)
    assert len(missing_glyphs(result.stdout, small)) > 50


def test_reprint_counts_follow_the_media_line_only_when_switched_on(tmp_path: Path):
    import copy

    base = reference_issue()
    base.items[0].reprints = 3  # 新华社's story carried by three other sites
    plain = copy.deepcopy(base)
    counted = copy.deepcopy(base)
    counted.extras["reprint_counts"] = True
    for fmt in ("md", "html"):
        assert "转载" not in render(plain, fmt).decode("utf-8")
        text = render(counted, fmt).decode("utf-8")
        assert text.count("（转载 3 家）") == 1
        assert "媒体：新华社 2017-10-23（转载 3 家）" in text
    (tmp_path / "c.docx").write_bytes(render(counted, "docx"))
    lines = [p.text for p in _docx(tmp_path / "c.docx").paragraphs if p.text.startswith("媒体：")]
    assert lines[0] == "媒体：新华社 2017-10-23（转载 3 家）"
    assert all("转载" not in line for line in lines[1:])


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig not installed")
def test_pdf_without_any_chinese_font_is_a_clear_error_not_a_blank_page(tmp_path: Path):
    # fontconfig pointed at an empty folder: the machine has no font at all
    (tmp_path / "fonts").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?><fontconfig><dir>{tmp_path / 'fonts'}</dir>"
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    code = ("from datetime import date\n"
            "from yuqing.errors import ReportError\n"
            "from yuqing.models import Issue\n"
            "from yuqing.report.pdf import render_pdf\n"
            "issue = Issue(number=1, title='全国卫生信息化舆情监测周报', issuer='信息中心', issue_date=date(2017, 10, 27),\n"
            "              window_from=date(2017, 10, 23), window_to=date(2017, 10, 27), scope='全国', items=[])\n"
            "try:\n    render_pdf(issue)\nexcept ReportError as exc:\n    print('ERR', exc)\n")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).resolve().parents[1], timeout=120)
    assert out.stdout.startswith("ERR PDF needs a font that covers Chinese"), out.stdout + out.stderr
