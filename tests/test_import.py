"""`yuqing import`: pages in, counted skips, nothing lost, re-imports change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yuqing.cli import app
from yuqing.workspace import init_workspace, open_workspace

runner = CliRunner()

PAGE = """<html><head><meta charset="{charset}"><title>{title}_河北省卫生和计划生育委员会</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/xwzx">新闻中心</a></div>
<h1>{title}</h1>
<div class="info">发布时间：{day} 09:30　来源：新华社　【打印】【关闭】</div>
<div id="zoom">{body}</div>
<div class="footer">版权所有：河北省卫生和计划生育委员会 冀ICP备05001234号</div>
</body></html>"""

INFORMATIZATION = "".join(
    f"<p>{s}</p>" for s in [
        "近日，省卫生计生委召开全省全民健康信息平台互联互通工作推进视频会议，全面部署省、市、县三级平台建设任务。",
        "会议要求各地加快推进电子病历、电子健康档案数据库建设，探索创新“互联网+医疗健康”服务新模式，改善群众就医体验。",
        "按照要求，年底前实现国家、省、市、县四级全民健康信息平台互联互通全覆盖，满足数据安全传输要求。",
        "与会代表表示，将以信息化建设为抓手，推动远程医疗和预约诊疗服务向基层延伸，让群众少跑腿。",
    ])
SPORT = "".join(
    f"<p>{s}</p>" for s in [
        "昨天晚上，在省体育馆举行的全国男子篮球联赛中，主队以九十八比八十七战胜客队，取得赛季开门红。",
        "比赛开始后双方比分交替上升，第三节主队凭借外线的连续命中一度领先十五分，最终锁定胜局。",
        "赛后主教练表示，球队在休赛期进行了系统的体能训练，新援的表现也令人满意，将继续努力。",
    ])


def _page(path: Path, title: str, day: str, body: str, charset: str = "utf-8") -> Path:
    html = PAGE.format(charset=charset, title=title, day=day, body=body)
    path.write_bytes(html.encode("gb18030" if charset in {"gbk", "gb2312"} else "utf-8"))
    return path


@pytest.fixture
def workspace(tmp_path: Path, database_url: str) -> Path:
    folder = tmp_path / "ws"
    init_workspace(folder, {"store.database_url": database_url})
    return folder


def _import(workspace: Path, *paths: Path):
    return runner.invoke(app, ["import", "--workspace", str(workspace), *map(str, paths)])


def test_import_matches_topic_and_skips_bad_files_with_reasons(workspace: Path, tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    _page(pages / "a.html", "全民健康信息平台互联互通年底全覆盖", "2017年10月24日", INFORMATIZATION, "gbk")
    _page(pages / "b.html", "主队主场迎来赛季开门红", "2017-10-24", SPORT)
    (pages / "empty.html").write_bytes(b"")
    (pages / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    result = _import(workspace, pages)
    assert result.exit_code == 1, result.output
    assert "new 2" in result.output and "matched 1" in result.output and "skipped 2" in result.output

    ws = open_workspace(workspace)
    rows = {r["title"]: r for r in ws.store.list_articles(profile=ws.profile.name)}
    assert set(rows) == {"全民健康信息平台互联互通年底全覆盖", "主队主场迎来赛季开门红"}
    assert rows["全民健康信息平台互联互通年底全覆盖"]["topic_matched"] is True
    assert rows["主队主场迎来赛季开门红"]["topic_matched"] is False
    assert rows["全民健康信息平台互联互通年底全覆盖"]["outlet"] == "新华社"


def test_reimport_changes_nothing(workspace: Path, tmp_path: Path):
    page = _page(tmp_path / "a.html", "全民健康信息平台互联互通年底全覆盖", "2017-10-24", INFORMATIZATION)
    assert _import(workspace, page).exit_code == 0
    ws = open_workspace(workspace)
    before = list(ws.store.list_articles())
    result = _import(workspace, page)
    assert result.exit_code == 0 and "new 0" in result.output and "unchanged 1" in result.output
    assert list(ws.store.list_articles()) == before


def test_jsonl_lines_name_urls_and_bad_lines_are_counted(workspace: Path, tmp_path: Path):
    _page(tmp_path / "a.html", "全民健康信息平台互联互通年底全覆盖", "2017-10-24", INFORMATIZATION)
    inline = PAGE.format(charset="utf-8", title="主队主场迎来赛季开门红", day="2017-10-25", body=SPORT)
    lines = [
        json.dumps({"url": "http://www.hebwst.gov.cn/index.do?id=1&templet=content", "path": "a.html"}),
        json.dumps({"url": "http://sports.example.cn/2.html", "html": inline}, ensure_ascii=False),
        "{not json",
        json.dumps({"path": "a.html"}),
        json.dumps({"url": "http://x.cn/missing.html", "path": "missing.html"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _import(workspace, tmp_path / "batch.jsonl")
    assert result.exit_code == 1
    assert "new 2" in result.output and "skipped 3" in result.output
    ws = open_workspace(workspace)
    urls = sorted(r["url"] for r in ws.store.list_articles())
    assert urls == ["http://sports.example.cn/2.html", "http://www.hebwst.gov.cn/index.do?id=1&templet=content"]


def test_unknown_workspace_is_a_clear_error(tmp_path: Path):
    result = runner.invoke(app, ["import", "--workspace", str(tmp_path / "nowhere"), str(tmp_path)])
    assert result.exit_code == 2
    assert "not a yuqing workspace" in result.output and "yuqing init" in result.output


def test_a_broken_rule_file_names_file_and_line(workspace: Path, tmp_path: Path):
    profile = workspace / "topics" / "卫生信息化.yaml"
    profile.write_text("name: 卫生信息化\nthreshold: 2\nrules:\n  bad:\n    expr: '(远程医疗 AND'\n",
                       encoding="utf-8")
    result = runner.invoke(app, ["import", "--workspace", str(workspace), str(tmp_path)])
    assert result.exit_code == 2
    assert "卫生信息化.yaml:5" in result.output.replace("\n", "")
