"""The issue life cycle on both databases: draft → published (frozen, archived) → correction; numbering."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from yuqing.errors import ReportError
from yuqing.models import Issue, IssueItem
from yuqing.report.lifecycle import correct, ensure_recomposable, numbering, publish, verify_archive
from yuqing.report.sections import add_sections
from yuqing.report.window import Window
from yuqing.settings import load_settings
from yuqing.store import issues as si
from yuqing.workspace import init_workspace

PROFILE = "卫生信息化"
WINDOW = Window(date(2017, 10, 23), date(2017, 10, 27))


def _settings(tmp_path: Path, database_url: str, **values):  # type: ignore[no-untyped-def]
    ws = tmp_path / "ws"
    init_workspace(ws, {"masthead.next_number": 275, "store.database_url": database_url, **values})
    return load_settings(ws)


def _draft(store, settings, window: Window = WINDOW, n: int = 2) -> Issue:  # type: ignore[no-untyped-def]
    items = [IssueItem(position=i, article_id=None, title=f"第{i}条：远程医疗平台上线", outlet="新华社",
                       published_at=datetime.combine(window.first, datetime.min.time(), UTC)
                       + timedelta(days=i - 1, hours=2),
                       link=f"http://example.cn/{i}.html", summary="第一段。\n第二段。")
             for i in range(1, n + 1)]
    issue = Issue(number=0, title=settings["masthead.title"], issuer=settings["masthead.issuer"],
                  issue_date=window.last, window_from=window.first, window_to=window.last,
                  scope=settings["masthead.scope"], items=items, profile=PROFILE)
    counter, floor = numbering(store, settings, PROFILE, window.last)
    return store.save_draft(issue, counter, floor)


def test_publish_archives_with_checksums_and_freezes(store, database_url: str, tmp_path: Path):
    settings = _settings(tmp_path, database_url)
    draft = _draft(store, settings)
    assert draft.number == 275
    result = publish(store, settings, draft.id, formats=["md", "html"])
    folder = settings.workspace / "reports" / "archive" / "2017" / "275"
    assert result.folder == folder
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS", "issue-275-2017-10-27.html", "issue-275-2017-10-27.md"]
    assert verify_archive(folder) == []
    record = si.get_issue(store, draft.id)
    assert record is not None and record.status == "published"
    row = next(r for r in si.list_issues(store) if r["id"] == draft.id)
    assert row["published_at"] is not None
    assert row["files"] == ["reports/archive/2017/275/issue-275-2017-10-27.md",
                            "reports/archive/2017/275/issue-275-2017-10-27.html"]
    with pytest.raises(ReportError, match="already published"):
        publish(store, settings, draft.id, formats=["md"])
    with pytest.raises(ReportError, match="yuqing issues correct 275"):
        ensure_recomposable(store, PROFILE, WINDOW)
    # a tampered archive shows
    (folder / "issue-275-2017-10-27.md").write_text("改过", encoding="utf-8")
    assert verify_archive(folder) == ["issue-275-2017-10-27.md"]


def test_compose_refuses_a_published_window(store, database_url: str, tmp_path: Path):
    from yuqing.report.compose import compose_issue

    settings = _settings(tmp_path, database_url)
    draft = _draft(store, settings)
    publish(store, settings, draft.id, formats=["md"], send=False)
    with pytest.raises(ReportError, match="published and frozen"):
        compose_issue(store, settings, PROFILE, WINDOW)
    assert [r["status"] for r in si.list_issues(store)] == ["published"]  # no new draft appeared


def test_empty_draft_cannot_be_published(store, database_url: str, tmp_path: Path):
    settings = _settings(tmp_path, database_url)
    draft = _draft(store, settings, n=0)
    with pytest.raises(ReportError, match="no items"):
        publish(store, settings, draft.id, formats=["md"])
    assert not (settings.workspace / "reports" / "archive" / "2017" / "275").exists()


def test_correction_is_its_own_record_with_the_same_number(store, database_url: str, tmp_path: Path):
    settings = _settings(tmp_path, database_url)
    draft = _draft(store, settings)
    publish(store, settings, draft.id, formats=["md"])
    with pytest.raises(ReportError, match="not published"):
        correct(store, settings, PROFILE, 999, recompose=False)
    fixed = correct(store, settings, PROFILE, 275, recompose=False)
    assert fixed.id != draft.id and fixed.status == "correction" and fixed.correction_of == draft.id
    assert fixed.number == 275 and [it.title for it in fixed.items] == [it.title for it in draft.items]
    result = publish(store, settings, fixed.id, formats=["md", "docx"])
    assert result.folder.name == f"correction-{fixed.id}" and result.folder.parent.name == "275"
    md = (result.folder / "issue-275-2017-10-27-correction.md").read_text(encoding="utf-8")
    assert md.startswith("# 全国卫生信息化舆情监测周报（更正）\n")
    assert "（第二七五期）" in md
    import docx

    doc = docx.Document(str(result.folder / "issue-275-2017-10-27-correction.docx"))
    assert doc.paragraphs[0].text == "全国卫生信息化舆情监测周报（更正）"
    # the original is untouched, and the correction is frozen too
    original = si.get_issue(store, draft.id)
    assert original is not None and original.status == "published"
    with pytest.raises(ReportError, match="already published"):
        si.publish_issue(store, fixed.id)


def test_yearly_numbering_starts_again_each_year(store, database_url: str, tmp_path: Path):
    settings = _settings(tmp_path, database_url, **{"masthead.numbering": "yearly"})
    first = _draft(store, settings)
    second = _draft(store, settings, Window(date(2017, 10, 30), date(2017, 11, 3)))
    new_year = _draft(store, settings, Window(date(2018, 1, 1), date(2018, 1, 5)))
    assert (first.number, second.number, new_year.number) == (275, 276, 1)
    loaded = add_sections(si.get_issue(store, new_year.id), store, settings)  # type: ignore[arg-type]
    from yuqing.report.parts import masthead_label

    assert masthead_label(loaded) == "（2018年第一期）"


def test_continuous_numbering_runs_across_years(store, database_url: str, tmp_path: Path):
    settings = _settings(tmp_path, database_url)
    _draft(store, settings)
    later = _draft(store, settings, Window(date(2018, 1, 1), date(2018, 1, 5)))
    assert later.number == 276


def test_optional_sections_count_items_and_name_failing_sources(store, database_url: str, tmp_path: Path):
    from sqlalchemy import insert

    from yuqing.report import render
    from yuqing.store import schema as t
    from yuqing.store.db import to_db

    settings = _settings(tmp_path, database_url, **{"report.overview": True, "report.failed_sources": True})
    ok_at = to_db(datetime(2017, 10, 25, 3, tzinfo=UTC))
    with store.engine.begin() as conn:
        conn.execute(insert(t.sources), [
            {"id": "ok", "name": "新华网", "tier": "central", "urls": [], "options": {},
             "last_success_at": ok_at, "consecutive_failures": 0, "last_error": None},
            {"id": "down", "name": "甘肃省卫健委", "tier": "provincial", "urls": [], "options": {},
             "last_success_at": to_db(datetime(2017, 10, 1, tzinfo=UTC)), "consecutive_failures": 4,
             "last_error": "timeout"},
            {"id": "never", "name": "某行业网", "tier": "industry", "urls": [], "options": {},
             "last_success_at": None, "consecutive_failures": 0, "last_error": None},
        ])
    issue = add_sections(_draft(store, settings, n=3), store, settings)
    ov = issue.extras["overview"]
    assert ov["total"] == 3
    assert ov["by_day"] == [("10月23日", 1), ("10月24日", 1), ("10月25日", 1), ("10月26日", 0), ("10月27日", 0)]
    assert ov["by_outlet"] == [("新华社", 3)]
    names = [r["name"] for r in issue.extras["failed_sources"]]
    assert sorted(names) == sorted(["某行业网", "甘肃省卫健委"])  # 新华网 succeeded in the window
    md = render(issue, "md").decode("utf-8")
    assert "### 一、舆情概述" in md and "### 二、信息目录" in md and "### 四、本期未能采集的信源" in md
    assert "甘肃省卫健委：连续4次采集失败（timeout）" in md and "新华网" not in md.split("本期未能采集的信源")[1]
    import io

    import docx

    doc = docx.Document(io.BytesIO(render(issue, "docx")))
    assert len(doc.inline_shapes) == 1  # the chart
    html = render(issue, "html").decode("utf-8")
    assert 'src="data:image/png;base64,' in html and "甘肃省卫健委" in html
