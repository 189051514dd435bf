from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import func, select

from yuqing.models import Article, Issue, IssueItem, RuleHit, TopicMatch
from yuqing.store import schema as t
from yuqing.store.db import open_engine
from yuqing.urls import canonical_url

CN = timezone(timedelta(hours=8))


def _article(**kw) -> Article:
    base = dict(title="甘肃省年底将实现四级全民健康信息平台互联互通全覆盖", text="近日，省卫生计生委召开会议。\n第二段。",
                published_at=datetime(2017, 10, 24, 9, 30, tzinfo=CN), outlet="中国甘肃网", site="中国甘肃网",
                author="王某", method="density")
    base.update(kw)
    return Article(**base)


def test_upsert_is_idempotent_and_keyed_by_canonical_url(store):
    first = store.upsert_article(_article(), "http://Gansu.GSCN.com.cn:80/a.shtml#top")
    again = store.upsert_article(_article(), "http://gansu.gscn.com.cn/a.shtml")
    assert first[1] == "new" and again == (first[0], "unchanged")
    assert store.count_articles() == 1


def test_changed_content_updates_the_same_row(store):
    aid, _ = store.upsert_article(_article(), "http://x.cn/a.html")
    aid2, outcome = store.upsert_article(_article(text="更正后的正文。"), "http://x.cn/a.html")
    assert (aid2, outcome) == (aid, "updated")
    rows = list(store.list_articles())
    assert [r["text"] for r in rows] == ["更正后的正文。"]


def test_times_round_trip_as_the_same_instant(store):
    store.upsert_article(_article(), "http://x.cn/a.html")
    (row,) = store.list_articles()
    assert row["published_at"] == datetime(2017, 10, 24, 1, 30, tzinfo=UTC)


def test_window_query_counts_china_days(store):
    # 23:30 on Sunday China time is 15:30 UTC Sunday: outside a Monday window.
    store.upsert_article(_article(published_at=datetime(2017, 10, 22, 23, 30, tzinfo=CN)), "http://x.cn/sun.html")
    store.upsert_article(_article(published_at=datetime(2017, 10, 23, 0, 10, tzinfo=CN)), "http://x.cn/mon.html")
    start = datetime(2017, 10, 23, tzinfo=CN)
    end = datetime(2017, 10, 28, tzinfo=CN)
    assert [r["url"] for r in store.list_articles(start, end)] == ["http://x.cn/mon.html"]


def test_match_is_saved_and_replaced(store):
    aid, _ = store.upsert_article(_article(), "http://x.cn/a.html")
    hit = RuleHit(rule="平台", weight=3.0, terms=["全民健康信息平台"], spans=[("title", 9, 17)])
    store.save_match(aid, TopicMatch(profile="p", score=3.0, threshold=2.0, hits=[hit]))
    (row,) = store.list_articles(profile="p", matched_only=True)
    assert row["topic_score"] == 3.0 and row["topic_hits"][0]["terms"] == ["全民健康信息平台"]
    store.save_match(aid, TopicMatch(profile="p", score=1.0, threshold=2.0))
    assert list(store.list_articles(profile="p", matched_only=True)) == []


def _issue(items=()) -> Issue:
    return Issue(number=0, title="周报", issuer="信息中心", issue_date=date(2017, 10, 27),
                 window_from=date(2017, 10, 23), window_to=date(2017, 10, 27), scope="全国", items=list(items),
                 profile="p")


def test_numbering_starts_at_the_floor_and_advances(store):
    a = store.save_draft(_issue(), "issue:p", floor=275)
    assert a.number == 275
    again = store.save_draft(_issue(), "issue:p", floor=275)
    assert (again.id, again.number) == (a.id, 275), "re-composing a window keeps its number"
    later = _issue()
    later.window_from, later.window_to, later.issue_date = date(2017, 10, 30), date(2017, 11, 3), date(2017, 11, 3)
    assert store.save_draft(later, "issue:p", floor=275).number == 276


def test_a_hand_number_moves_the_counter(store):
    store.save_draft(_issue(), "issue:p", floor=1, number=300)
    nxt = _issue()
    nxt.window_from = date(2017, 10, 30)
    nxt.window_to = nxt.issue_date = date(2017, 11, 3)
    assert store.save_draft(nxt, "issue:p", floor=1).number == 301


def test_items_are_replaced_on_recompose(store):
    item = IssueItem(position=1, article_id=None, title="标题", outlet="新华社", published_at=None,
                     link="http://x.cn/a", summary="正文")
    issue = store.save_draft(_issue([item]), "issue:p", floor=1)
    store.save_draft(_issue([item, IssueItem(position=2, article_id=None, title="二", outlet="新华网",
                                             published_at=None, link="http://x.cn/b", summary="")]),
                     "issue:p", floor=1)
    assert [i.title for i in store.issue_items(issue.id)] == ["标题", "二"]


def test_migrating_twice_is_harmless(database_url):
    open_engine(database_url).dispose()
    engine = open_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.articles)).scalar_one() == 0
    engine.dispose()


def test_canonical_url_drops_tracking_but_keeps_order():
    assert canonical_url("HTTP://WWW.Hebwst.gov.cn/index.do?id=371315&templet=content&cid=16&utm_source=x#a") == \
        "http://www.hebwst.gov.cn/index.do?id=371315&templet=content&cid=16"
    assert canonical_url("https://a.cn:443") == "https://a.cn/"
    assert canonical_url("http://a.cn:8080/x") == "http://a.cn:8080/x"
