"""The editor's decisions train a classifier whose probability re-ranks candidates beside the rule score."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from yuqing.errors import InputError
from yuqing.learn import MIN_PER_CLASS, classifier_scores, rank_key, record_decision, rescore, train
from yuqing.models import Article, TopicMatch
from yuqing.store import schema as t

CN = timezone(timedelta(hours=8))
PROFILE = "卫生信息化"

# What this editor wants: hospital IT platforms. What they reject although the rules match: 医疗纠纷 stories
# that mention 信息 in passing.
WANTED = ["全民健康信息平台互联互通工作推进，电子病历与电子健康档案数据共享。", "医院信息平台建设，区域卫生信息化，数据互联互通标准。",
          "智慧医院信息系统上线，电子病历评级，信息平台对接。", "远程医疗信息平台覆盖乡镇卫生院，数据共享互联互通。",
          "健康医疗大数据平台建设，信息标准与互联互通测评。", "电子健康卡与信息平台互联互通，区域数据中心建设。"]
UNWANTED = ["医疗纠纷调解委员会处理患者投诉，赔偿协议信息公开。", "医患冲突事件通报，警方介入调查，纠纷调解信息发布。",
            "患者家属围堵医院，医疗纠纷人民调解，赔偿信息。", "医疗事故鉴定与纠纷调解，法院判决赔偿信息公示。",
            "医闹事件处置，纠纷调解中心发布调解信息。", "手术纠纷协商赔偿，患者投诉信息登记处理。"]


def _add(store, url: str, text: str, score: float) -> int:
    article = Article(title=text[:12], text=text, published_at=datetime(2017, 10, 24, tzinfo=CN), site="某网")
    aid, _ = store.upsert_article(article, url)
    store.save_match(aid, TopicMatch(profile=PROFILE, score=score, threshold=3.0))
    return aid


def _ranked(store, ids: list[int]) -> list[int]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.topic_matches.c.article_id, t.topic_matches.c.score)
                            .where(t.topic_matches.c.article_id.in_(ids))).all()
    learned = classifier_scores(store, PROFILE, ids)
    return [r.article_id for r in sorted(rows, key=lambda r: (*rank_key(r.score, learned.get(r.article_id)),
                                                               r.article_id))]


def test_decisions_rerank_candidates_and_keep_the_rule_score(store):
    for n, text in enumerate(WANTED):
        record_decision(store, _url(_add(store, f"http://w.cn/{n}", text, 5.0), store), "accept", PROFILE)
    for n, text in enumerate(UNWANTED):
        record_decision(store, _url(_add(store, f"http://u.cn/{n}", text, 5.0), store), "reject", PROFILE)
    # Two new candidates: the rules like the dispute story more, the editor's taste says the opposite.
    dispute = _add(store, "http://new.cn/dispute", "医疗纠纷调解后患者获赔，调解信息公开，家属投诉处理。", 9.0)
    platform = _add(store, "http://new.cn/platform", "省级全民健康信息平台与医院信息系统互联互通，电子病历共享。", 4.0)
    assert _ranked(store, [dispute, platform]) == [dispute, platform]

    scored = rescore(store, PROFILE)
    assert scored == len(WANTED) + len(UNWANTED) + 2
    learned = classifier_scores(store, PROFILE, [dispute, platform])
    assert learned[platform] > 0.5 > learned[dispute]
    assert _ranked(store, [dispute, platform]) == [platform, dispute]
    with store.engine.connect() as conn:
        scores = dict(conn.execute(select(t.topic_matches.c.article_id, t.topic_matches.c.score)
                                   .where(t.topic_matches.c.article_id.in_([dispute, platform]))).all())
    assert scores == {dispute: 9.0, platform: 4.0}  # the rule score is never replaced


def _url(article_id: int, store) -> str:
    with store.engine.connect() as conn:
        return conn.execute(select(t.articles.c.url).where(t.articles.c.id == article_id)).scalar_one()


def test_no_model_until_enough_decisions_of_each_class(store):
    ids = [_add(store, f"http://w.cn/{n}", text, 5.0) for n, text in enumerate(WANTED)]
    for aid in ids:
        record_decision(store, _url(aid, store), "accept", PROFILE)
    rejected = [_add(store, f"http://u.cn/{n}", text, 5.0) for n, text in enumerate(UNWANTED[:MIN_PER_CLASS - 1])]
    for aid in rejected:
        record_decision(store, _url(aid, store), "reject", PROFILE)
    assert train(store, PROFILE) is None
    assert rescore(store, PROFILE) == 0
    assert classifier_scores(store, PROFILE, ids + rejected) == {}


def test_a_new_decision_replaces_the_old_one_and_unknown_urls_are_refused(store):
    aid = _add(store, "http://w.cn/1", WANTED[0], 5.0)
    record_decision(store, "http://w.cn/1", "accept", PROFILE, decided_by="editor")
    record_decision(store, "http://w.cn/1", "reject", PROFILE, decided_by="editor")
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.decisions.c.decision).where(t.decisions.c.article_id == aid)).all()
    assert [r.decision for r in rows] == ["reject"]
    with pytest.raises(InputError):
        record_decision(store, "http://nowhere.cn/x", "accept", PROFILE)
    with pytest.raises(InputError):
        record_decision(store, "http://w.cn/1", "maybe", PROFILE)


def test_cli_accept_and_reject_write_decisions(tmp_path):
    from yuqing.cli import app
    from yuqing.workspace import init_workspace, open_workspace

    init_workspace(tmp_path)
    ws = open_workspace(tmp_path)
    _add(ws.store, "http://w.cn/1", WANTED[0], 5.0)
    runner = CliRunner()
    result = runner.invoke(app, ["articles", "accept", "http://w.cn/1", "--profile", PROFILE, "-w", str(tmp_path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["articles", "reject", "http://nowhere.cn/", "-w", str(tmp_path)])
    assert result.exit_code == 2
    with ws.store.engine.connect() as conn:
        assert conn.execute(select(t.decisions.c.decision, t.decisions.c.profile)).all() == [("accept", PROFILE)]


def test_import_scores_new_articles_once_the_classifier_is_trained(tmp_path):
    from yuqing.cli import app
    from yuqing.workspace import init_workspace, open_workspace

    init_workspace(tmp_path / "ws")
    ws = open_workspace(tmp_path / "ws")
    for n, text in enumerate(WANTED):
        record_decision(ws.store, _url(_add(ws.store, f"http://w.cn/{n}", text, 5.0), ws.store), "accept", PROFILE)
    for n, text in enumerate(UNWANTED):
        record_decision(ws.store, _url(_add(ws.store, f"http://u.cn/{n}", text, 5.0), ws.store), "reject", PROFILE)
    para = "省级全民健康信息平台与医院信息系统互联互通，电子病历和电子健康档案实现共享，远程医疗覆盖基层。"
    page = tmp_path / "new.html"
    page.write_text(f"<html><head><meta charset='utf-8'><title>信息平台互联互通_某网</title></head><body>"
                    f"<h1>信息平台互联互通</h1><p>发布时间：2017-10-24 09:30</p><div class='content'>"
                    f"{f'<p>{para}</p>' * 4}</div></body></html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", "-w", str(tmp_path / "ws"), str(page)])
    assert result.exit_code == 0, result.output
    with ws.store.engine.connect() as conn:
        new_id = conn.execute(select(t.articles.c.id).where(t.articles.c.url.like("file:%")
                                                            | t.articles.c.url.like("%new.html"))).scalar_one()
    learned = classifier_scores(ws.store, PROFILE, [new_id])
    assert learned[new_id] > 0.5
