"""`yuqing report` run again on a week's draft: an untouched draft is recomposed, an edited one is kept."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert
from typer.testing import CliRunner

from yuqing.cli import app
from yuqing.report.compose import compose_issue
from yuqing.report.window import Window
from yuqing.settings import load_settings
from yuqing.store import schema as t
from yuqing.store.db import open_engine, utcnow
from yuqing.store.repo import Store
from yuqing.web import draft
from yuqing.workspace import init_workspace

DEMO = Path(__file__).resolve().parents[1] / "yuqing" / "data" / "demo"
PROFILE = "卫生信息化"
WINDOW = Window(date(2017, 10, 23), date(2017, 10, 27))
runner = CliRunner()


def _lines(group: str, issue: set[int] | None = None) -> list[dict]:
    out = []
    for line in (DEMO / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["group"] == group and (issue is None or row.get("issue") in issue):
            out.append({"url": row["url"], "path": str(DEMO / row["path"])})
    return out


def _import(ws: Path, tmp_path: Path, rows: list[dict], name: str) -> None:
    jsonl = tmp_path / f"{name}.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["import", "--workspace", str(ws), str(jsonl)])
    assert result.exit_code == 0, result.output


@pytest.fixture
def ws(tmp_path: Path, database_url: str) -> Path:
    folder = tmp_path / "ws"
    init_workspace(folder, {"store.database_url": database_url, "masthead.next_number": 275})
    return folder


def _compose(ws: Path):  # type: ignore[no-untyped-def]
    settings = load_settings(ws)
    engine = open_engine(settings["store.database_url"])
    try:
        return compose_issue(Store(engine), settings, PROFILE, WINDOW)
    finally:
        engine.dispose()


def test_untouched_draft_takes_late_articles_in_time_order(ws: Path, tmp_path: Path):
    _import(ws, tmp_path, [r for r in _lines("issue") if "stdaily" not in r["url"]], "first")
    first = _compose(ws)
    assert len(first.items) == 5
    _import(ws, tmp_path, _lines("issue"), "all")  # 中国数字医学's item arrives late
    again = _compose(ws)
    assert again.number == first.number == 275
    assert [it.outlet for it in again.items] == ["新华社", "新华网", "中国数字医学", "北京日报", "DoNews", "中国甘肃网"]


def test_edited_draft_keeps_the_editors_work(ws: Path, tmp_path: Path):
    _import(ws, tmp_path, [r for r in _lines("issue") if "gscn" not in r["url"]], "first")
    issue = _compose(ws)
    assert issue.id is not None and len(issue.items) == 5
    settings = load_settings(ws)
    engine = open_engine(settings["store.database_url"])
    try:
        draft.update_item(engine, issue.id, 2, title="李斌：扩大集中救治病种", outlet="新华网", summary="编辑写的摘要。")
        draft.move_item(engine, issue.id, 5, 1)  # DoNews first
        rejected = issue.items[2].article_id  # 中国数字医学: the editor rejects it
        with engine.begin() as conn:
            conn.execute(insert(t.decisions).values(article_id=rejected, profile=PROFILE, decision="reject",
                                                    decided_by="editor", decided_at=utcnow()))
    finally:
        engine.dispose()

    _import(ws, tmp_path, _lines("issue") + _lines("reprint"), "all")  # 中国甘肃网's item and reprints arrive
    again = _compose(ws)
    assert [it.outlet for it in again.items] == ["DoNews", "新华社", "新华网", "北京日报", "中国甘肃网"]
    edited = again.items[2]
    assert (edited.title, edited.summary) == ("李斌：扩大集中救治病种", "编辑写的摘要。")
    assert [it.position for it in again.items] == [1, 2, 3, 4, 5]
