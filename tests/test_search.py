"""Full-text search over articles, on SQLite (FTS5) and PostgreSQL (tsvector), via the store's upsert path."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete

from yuqing.models import Article
from yuqing.store import schema as t
from yuqing.store.search import bigrams, query_words, reindex, search

WHEN = datetime(2017, 10, 23, 2, 0, tzinfo=UTC)


def _add(store, n: int, title: str, text: str) -> int:  # type: ignore[no-untyped-def]
    article = Article(url=f"http://example.cn/{n}.html", title=title, text=text, published_at=WHEN, outlet="新华社")
    return store.upsert_article(article, article.url)[0]


def test_bigram_split():
    assert bigrams("卫生信息化") == "卫生 生信 信息 息化"
    assert bigrams("５Ｇ远程医疗，HIS系统") == "5g 远程 程医 医疗 his 系统"
    assert bigrams("医") == "医"
    assert query_words("远程医疗  HIS") == [["远程", "程医", "医疗"], ["his"]]


def test_finds_two_character_words_exactly(store):
    a = _add(store, 1, "甘肃推进全民健康信息平台", "四级平台互联互通全覆盖。")
    b = _add(store, 2, "食品安全抽检", "本次抽检卫生状况良好。")
    _add(store, 3, "股市收盘", "沪指上涨。")
    ids = lambda q: {h.article_id for h in search(store.engine, q)[0]}  # noqa: E731
    assert ids("卫生") == {b}
    assert ids("信息") == {a}
    assert ids("互联互通") == {a}
    assert ids("联互通全") == {a}          # a substring across word boundaries still matches
    assert ids("互通联互") == set()        # bigrams that all occur but not in this order do not
    assert ids("远程医疗") == set()


def test_every_word_must_match_and_title_ranks_first(store):
    in_body = _add(store, 1, "医院动态", "医院上线远程医疗平台，覆盖全省。")
    in_title = _add(store, 2, "远程医疗平台上线", "本院今日起提供线上问诊。")
    _add(store, 3, "远程教育", "学校上线远程教育平台。")
    hits, total = search(store.engine, "远程医疗")
    assert total == 2
    assert [h.article_id for h in hits] == [in_title, in_body]
    assert hits[0].rank > hits[1].rank
    hits, total = search(store.engine, "远程 全省")
    assert [h.article_id for h in hits] == [in_body] and total == 1


def test_single_character_and_latin_queries(store):
    a = _add(store, 1, "互联网+医疗健康", "医院HIS系统升级，PACS影像上云。")
    b = _add(store, 2, "信息化建设", "推进数字化。")
    assert {h.article_id for h in search(store.engine, "化")[0]} == {b}
    assert {h.article_id for h in search(store.engine, "his")[0]} == {a}
    assert {h.article_id for h in search(store.engine, "PACS 医院")[0]} == {a}
    assert search(store.engine, "  ，。 ")[0] == []


def test_index_follows_updates_and_deletes(store):
    url = "http://example.cn/x.html"
    aid = store.upsert_article(Article(url=url, title="旧标题", text="电子病历", published_at=WHEN), url)[0]
    assert [h.article_id for h in search(store.engine, "电子病历")[0]] == [aid]
    store.upsert_article(Article(url=url, title="新标题", text="分级诊疗", published_at=WHEN), url)
    assert search(store.engine, "电子病历")[0] == []
    assert [h.article_id for h in search(store.engine, "分级诊疗")[0]] == [aid]
    with store.engine.begin() as conn:
        conn.execute(delete(t.articles).where(t.articles.c.id == aid))
    assert search(store.engine, "分级诊疗")[0] == []


def test_reindex_and_paging(store):
    ids = [_add(store, n, f"健康医疗大数据第{n}篇", "正文") for n in range(5)]
    with store.engine.begin() as conn:
        assert reindex(conn) == 5
    first, total = search(store.engine, "大数据", limit=2)
    rest, _ = search(store.engine, "大数据", limit=10, offset=2)
    assert total == 5 and len(first) == 2 and len(rest) == 3
    assert {h.article_id for h in first + rest} == set(ids)
    assert first[0].published_at == WHEN
