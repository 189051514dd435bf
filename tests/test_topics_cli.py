"""`yuqing topics test` and `yuqing topics check`: real output of the commands, through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from yuqing import cli
from yuqing.topics import default_profile_path, snippets

DEFAULT = str(default_profile_path())

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>贵州：远程医疗服务覆盖全省所有乡镇卫生院_新华网</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/a">时政</a></div>
<div class="article"><h1>贵州：远程医疗服务覆盖全省所有乡镇卫生院</h1>
<div class="info">2017-10-17 09:30:00 来源：新华社</div>
<div id="content">
<p>新华社贵阳10月17日电 记者从贵州省卫生计生委获悉，截至目前，贵州省远程医疗服务已覆盖全省所有乡镇卫生院，
基层群众在家门口即可享受省级医院专家的诊疗服务。</p>
<p>据介绍，贵州省建成了省、市、县、乡四级远程医疗服务体系，全省199家县级以上公立医院和1543家乡镇卫生院全部接入
远程医疗服务平台，今年以来累计开展远程会诊12万余例。</p>
<p>贵州省卫生计生委相关负责人表示，下一步将推动远程医疗服务向村卫生室延伸，进一步提升基层医疗服务能力。</p>
</div></div><div class="footer">版权所有 新华网</div></body></html>"""

PROFILE = """\
name: 测试
threshold: 3
rules:
  core:
    weight: 3
    expr: 远程医疗 OR 远程会诊
  mixed:
    weight: 1
    expr: 医院 OR 卫生 AND NOT 招聘
  notices:
    veto: true
    expr: title:招聘
"""


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.app, list(args))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    out = {
        "page": PAGE.encode("utf-8"),
        "title.txt": "远程医疗覆盖全省\n全省乡镇卫生院接入服务平台。".encode(),
        "hiring.txt": "市医院远程医疗中心招聘公告\n招聘医生2名。".encode(),
        "weather.txt": "明天有雨\n气温下降，注意保暖。".encode(),
        "list.html": b"<html><body><a href='/1'>one</a></body></html>",
        "gbk.txt": "远程医疗".encode("gbk"),
        "profile.yaml": PROFILE.encode("utf-8"),
    }
    for name, data in out.items():
        (tmp_path / name).write_bytes(data)
    return {name: str(tmp_path / name) for name in out}


def test_a_matching_page_shows_score_rules_terms_and_marked_places(files: dict[str, str]) -> None:
    result = run("topics", "test", DEFAULT, files["page"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{files['page']}  贵州：远程医疗服务覆盖全省所有乡镇卫生院"
    assert lines[1].startswith("  matched  score ")
    assert "≥ threshold 3" in lines[1]
    core = lines.index("  core +6  远程医疗, 远程会诊")  # in the title: weight 3 × title_weight 2
    # Places are shown in the normalised text (NFKC: ： → :), where the spans point.
    assert lines[core + 1] == "    title: 贵州:【远程医疗】服务覆盖全省所有乡镇卫生院"
    body = [line for line in lines[core + 2 :] if line.startswith("    body: ")]
    assert body and "【远程医疗】" in body[0]
    # A short window around the place, not the whole article.
    assert len(body[0]) < 100 and body[0].endswith("…")


def test_a_text_file_takes_its_first_line_as_title(files: dict[str, str]) -> None:
    result = run("topics", "test", files["profile.yaml"], files["title.txt"], files["weather.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{files['title.txt']}  远程医疗覆盖全省",
        "  matched  score 7 ≥ threshold 3",
        "  core +6  远程医疗",
        "    title: 【远程医疗】覆盖全省",
        "  mixed +1  卫生",
        "    body: 全省乡镇【卫生】院接入服务平台。",
        f"{files['weather.txt']}  明天有雨",
        "  not matched  score 0 < threshold 3",
    ]


def test_a_veto_is_shown_with_its_term(files: dict[str, str]) -> None:
    result = run("topics", "test", files["profile.yaml"], files["hiring.txt"])
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[1] == "  vetoed by notices  score 8 ≥ threshold 3"  # core 3×2 + mixed 1×2 (医院 in the title)
    assert "  notices veto  招聘" in out
    assert out[out.index("  notices veto  招聘") + 1] == "    title: 市医院远程医疗中心【招聘】公告"


def test_places_are_bold_yellow_on_a_terminal(files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "console", Console(force_terminal=True, color_system="standard", width=200))
    result = run("topics", "test", files["profile.yaml"], files["title.txt"])
    assert "    title: \x1b[1;33m【远程医疗】\x1b[0m覆盖全省" in result.stdout


def test_text_that_looks_like_markup_is_printed_as_it_is(tmp_path: Path, files: dict[str, str]) -> None:
    page = tmp_path / "markup.txt"
    page.write_text("[bold]远程医疗[/bold] [red]\n正文", encoding="utf-8")
    result = run("topics", "test", files["profile.yaml"], str(page))
    assert result.exit_code == 0, result.output
    assert "    title: [bold]【远程医疗】[/bold] [red]" in result.stdout.splitlines()


def test_bad_inputs_are_reported_and_the_others_still_scored(files: dict[str, str]) -> None:
    missing = files["page"] + ".missing"
    result = run("topics", "test", files["profile.yaml"], missing, files["list.html"], files["gbk.txt"],
                 files["title.txt"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        f"{missing}  unreadable: No such file or directory",
        f"{files['list.html']}  not-an-article",
        f"{files['gbk.txt']}  not UTF-8 text",
    ]
    assert lines[3] == f"{files['title.txt']}  远程医疗覆盖全省"


def test_json_is_one_object_per_input(files: dict[str, str]) -> None:
    result = run("topics", "test", files["profile.yaml"], files["title.txt"], files["list.html"], "--json")
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert second == {"path": files["list.html"], "error": "not-an-article"}
    assert first["title"] == "远程医疗覆盖全省"
    assert (first["score"], first["threshold"], first["matched"], first["vetoed_by"]) == (7, 3, True, None)
    core = first["hits"][0]
    assert core == {
        "rule": "core", "weight": 6.0, "veto": False, "terms": ["远程医疗"], "spans": [["title", 0, 4]],
        "snippets": [{"field": "title", "text": "【远程医疗】覆盖全省"}],
    }
    assert [h["rule"] for h in first["hits"]] == ["core", "mixed"]


BROKEN = """\
name: 坏
threshold: 3
rules:
  core:
    weight: 3
    expr: 远程医疗 OR OR 电子病历
"""


@pytest.mark.parametrize("command", ["test", "check"])
def test_a_broken_profile_names_file_line_and_column_and_exits_2(
    tmp_path: Path, files: dict[str, str], command: str
) -> None:
    profile = tmp_path / "broken.yaml"
    profile.write_text(BROKEN, encoding="utf-8")
    result = run("topics", command, str(profile), *([files["title.txt"]] if command == "test" else []))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {profile}:6:9: rule 'core': expected a term")
    assert lines[1] == "    远程医疗 OR OR 电子病历"
    assert lines[2] == "    " + " " * (4 * 2 + 4) + "^"  # under the second OR; a Chinese character is 2 wide


def test_a_profile_that_is_not_yaml_or_missing_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nrules: [\n", encoding="utf-8")
    result = run("topics", "check", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:3:")
    result = run("topics", "check", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "cannot read topic profile" in result.stderr


def test_check_prints_each_rule_fully_bracketed(files: dict[str, str]) -> None:
    result = run("topics", "check", files["profile.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "测试: 3 rules, 5 terms, threshold 3 (title ×2, body ×1)",
        "core  weight 3, 2 terms, line 4",
        "  (远程医疗 OR 远程会诊)",
        "mixed  weight 1, 3 terms, line 7",
        "  (医院 OR (卫生 AND NOT 招聘))",
        "notices  veto, 1 terms, line 10",
        "  title:招聘",
    ]


def test_check_reads_the_default_profile() -> None:
    result = run("topics", "check", DEFAULT)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("卫生信息化: ")
    for name in ("core", "informatization", "health_systems", "notices"):
        assert any(line.startswith(name + "  ") for line in result.stdout.splitlines())


def test_snippets_keep_dense_places_short() -> None:
    text = "远程医疗。" * 60
    spans = [("body", i * 5, i * 5 + 4) for i in range(60)]
    parts = snippets(text, spans, field="body", context=10)
    assert len(parts) > 1
    assert all(len(p) <= 4 * 10 + 4 + len("【】" * 10) + 2 for p in parts)
    assert snippets("ab远程医疗cd", [("title", 2, 6)], field="body") == []
    assert snippets("ab远程医疗cd", [("body", 2, 6)], context=1) == ["…b【远程医疗】c…"]


def test_a_topic_fixture_is_read_with_its_header() -> None:
    # tests/fixtures/topics/*.txt carry Expect:/Title: header lines; the title is the Title: line.
    fixture = Path(__file__).parent / "fixtures" / "topics" / "neg-hiring-notice.txt"
    result = run("topics", "test", DEFAULT, str(fixture))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{fixture}  市卫生健康委信息中心2018年公开招聘工作人员公告"
    assert lines[1].startswith("  vetoed by notices  ")
    assert not any("Expect" in line for line in lines)


def test_a_profile_can_be_named(tmp_path: Path, files: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # a bare name is the bundled profile of that name …
    result = run("topics", "check", "卫生信息化")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("卫生信息化: ")
    # … unless the workspace has its own topics/NAME.yaml
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "卫生信息化.yaml").write_text(Path(files["profile.yaml"]).read_text(encoding="utf-8"),
                                                     encoding="utf-8")
    monkeypatch.setenv("YUQING_WORKSPACE", str(tmp_path))
    result = run("topics", "check", "卫生信息化")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("测试: 3 rules")
    assert run("topics", "check", "没有这个").exit_code == 2
