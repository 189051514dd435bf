"""The web workspace over HTTP (TestClient): login, roles, CSRF, escaping, the editorial flow, search."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from yuqing.models import Article
from yuqing.store import schema as t

CHINA = timezone(timedelta(hours=8))
WEEK = "2017-10-23"
PASSWORD = "correct horse battery"

# (title, body, outlet, site, tier, day of October 2017); all but the last two match 卫生信息化.
ARTICLES = [
    ("李斌：80%以上居民15分钟内就能到达最近的医疗点", "远程医疗协作网覆盖全国，家庭医生签约服务。医院信息化建设加快，电子病历普及。",
     "新华社", "www.hebwt.gov.cn", "provincial", 23),
    ("广东省妇幼保健院基于微信公众号的住院服务再造", "医院信息系统与微信公众号对接，互联网医院提供在线服务。",
     "中国数字医学", "www.cmia.info", "industry", 24),
    ("北京18家市属医院联手打造“大儿科”未来可互联互通", "市属医院信息平台互联互通，电子病历共享，远程医疗会诊。",
     "北京日报", "www.bjnews.com.cn", "central", 24),
    ("武汉第一医院：提升信息化管控，推进智慧医疗", "医院信息化建设，HIS系统升级，远程医疗。",
     "新华社", "www.donews.com", "industry", 25),
    ("甘肃省年底将实现四级全民健康信息平台互联互通全覆盖", "全民健康信息平台建设加快，电子病历和电子健康档案互联互通。",
     "中国甘肃网", "www.gscn.com.cn", "provincial", 26),
    ("甘肃四级全民健康信息平台年底互联互通", "转载：全民健康信息平台建设加快，电子病历和电子健康档案互联互通。",
     "中国甘肃网", "www.gansu.gov.cn", "provincial", 26),
    ("<script>alert('x')</script>县医院信息化改造", "<script>document.title='pwned'</script>县医院信息系统与电子病历升级，<b>互联网医院</b>上线。",
     "<i>某县报</i>", "www.example.cn", "other", 26),
    ("健康医疗大数据应用试点启动", "健康医疗大数据中心建设，医院信息平台互联互通，区域卫生信息平台。",
     "人民网", "health.people.com.cn", "central", 27),
    ("股市收盘：沪指上涨", "沪指上涨百分之一。", "证券时报", "www.stcn.com", "other", 25),
    ("秋季运动会开幕", "学校运动会开幕。", "某日报", "www.example.com", "other", 24),
]


def seed_workspace(folder: Path, database_url: str | None = None) -> Path:
    """Make ``folder`` a workspace holding the week of 2017-10-23: candidates, a reprint pair, users, sources."""
    from yuqing.store.users import add_user
    from yuqing.workspace import init_workspace, open_workspace

    values: dict[str, object] = {"masthead.next_number": 275}
    if database_url:
        values["store.database_url"] = database_url
    init_workspace(folder, values)
    ws = open_workspace(folder)
    store, profile = ws.store, ws.profile
    with store.engine.begin() as conn:
        conn.execute(insert(t.sources), [
            {"id": "gov-gansu", "name": "甘肃省卫生健康委", "tier": "provincial", "kind": "list", "urls": [],
             "options": {}, "last_success_at": datetime(2017, 10, 27, 2), "last_attempt_at": datetime(2017, 10, 27, 2),
             "consecutive_failures": 0, "last_error": None},
            {"id": "bj-daily", "name": "北京日报", "tier": "central", "kind": "feed", "urls": [], "options": {},
             "last_success_at": None,
             "last_attempt_at": datetime(2017, 10, 27, 3), "consecutive_failures": 4,
             "last_error": "HTTP 503 <b>Service Unavailable</b>"},
        ])
    ids = []
    for n, (title, body, outlet, site, tier, day) in enumerate(ARTICLES):
        article = Article(url=f"http://{site}/2017/10/{n}.html", title=title, text=body, outlet=outlet, site=site,
                          published_at=datetime(2017, 10, day, 9, n, tzinfo=CHINA))
        source = "gov-gansu" if "gansu" in site else None
        aid, _ = store.upsert_article(article, article.url, tier=tier, source_id=source)
        store.save_match(aid, profile.match(article))
        ids.append(aid)
    with store.engine.begin() as conn:  # articles 4 and 5 are one story, 4 first published
        story = conn.execute(insert(t.stories).values(origin_article_id=ids[4], origin_outlet="中国甘肃网", size=2))
        sid = story.inserted_primary_key[0]
        conn.execute(update(t.articles).where(t.articles.c.id.in_([ids[4], ids[5]])).values(story_id=sid))
        conn.execute(update(t.topic_matches).where(t.topic_matches.c.article_id == ids[0])
                     .values(classifier_score=0.93))
    add_user(store.engine, "admin", PASSWORD, "admin")
    add_user(store.engine, "editor", PASSWORD, "editor")
    add_user(store.engine, "viewer", PASSWORD, "viewer")
    store.engine.dispose()
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return seed_workspace(tmp_path / "ws")


@pytest.fixture
def app(workspace: Path):  # type: ignore[no-untyped-def]
    from yuqing.web.app import create_app

    app = create_app(workspace)
    yield app
    app.state.store.engine.dispose()


def _client(app):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    return TestClient(app, follow_redirects=False)


def _token(client, path: str = "/login") -> str:  # type: ignore[no-untyped-def]
    html = client.get(path).text
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)


def _login(app, name: str):  # type: ignore[no-untyped-def]
    client = _client(app)
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": _token(client),
                                           "next": "/week"})
    assert response.status_code == 303 and response.headers["location"] == "/week"
    return client, _token(client, f"/week?day={WEEK}")


def _article_id(app, title_start: str) -> int:  # type: ignore[no-untyped-def]
    with app.state.store.engine.connect() as conn:
        return conn.execute(select(t.articles.c.id).where(t.articles.c.title.startswith(title_start))).scalar_one()


def test_anonymous_requests_are_refused(app):
    client = _client(app)
    for path in ["/", "/week", f"/week?day={WEEK}", "/issues", "/search?q=医院", "/sources", "/dashboard",
                 "/articles/1", "/issues/1/download/md"]:
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=")
    assert client.get("/week", headers={"HX-Request": "true"}).status_code == 401
    assert client.post("/decisions", data={}, headers={"HX-Request": "true"}).status_code == 401
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/login").status_code == 200


def test_login_cookie_and_wrong_password(app):
    client = _client(app)
    token = _token(client)
    cookie = client.get("/login").headers.get("set-cookie", "") or ""
    bad = client.post("/login", data={"name": "editor", "password": "wrong password", "csrf_token": token})
    assert bad.status_code == 401 and "用户名或密码不正确" in bad.text
    good = client.post("/login", data={"name": "editor", "password": PASSWORD, "csrf_token": token,
                                       "next": "//evil.example/"})
    assert good.status_code == 303 and good.headers["location"] == "/"
    cookie = good.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/week").status_code == 200
    assert client.post("/logout", data={"csrf_token": _token(client, "/week")}).status_code == 303
    assert client.get("/week").status_code == 303


def test_every_post_needs_the_csrf_token(app):
    client, token = _login(app, "admin")
    aid = _article_id(app, "武汉")
    from yuqing.web import auth, browse, review

    routes = auth.router.routes + review.router.routes + browse.router.routes  # what create_app includes
    posts = [route.path for route in routes if "POST" in (getattr(route, "methods", None) or set())]
    assert {"/login", "/logout", "/decisions", "/issues/{issue_id}/publish"} <= set(posts)
    for path in posts:
        url = path.replace("{issue_id}", "1").replace("{position}", "1")
        response = client.post(url, data={"day": WEEK, "article_id": aid, "decision": "accept", "to": 2,
                                          "title": "x", "outlet": "y", "summary": "z"})
        assert response.status_code == 403, url
        wrong = client.post(url, data={"csrf_token": "forged", "day": WEEK, "article_id": aid,
                                       "decision": "accept"})
        assert wrong.status_code == 403, url
    with app.state.store.engine.connect() as conn:
        assert conn.execute(select(t.decisions)).all() == []
    ok = client.post("/decisions", data={"csrf_token": token, "day": WEEK, "article_id": aid, "decision": "accept"})
    assert ok.status_code == 303


def test_viewer_reads_but_cannot_change(app):
    client, token = _login(app, "viewer")
    page = client.get(f"/week?day={WEEK}")
    assert page.status_code == 200 and "武汉第一" in page.text
    assert 'value="accept"' not in page.text  # no buttons for a viewer
    aid = _article_id(app, "武汉")
    response = client.post("/decisions", data={"csrf_token": token, "day": WEEK, "article_id": aid,
                                               "decision": "accept"})
    assert response.status_code == 403 and "只读" in response.text
    with app.state.store.engine.connect() as conn:
        assert conn.execute(select(t.decisions)).all() == []
        assert conn.execute(select(t.issues)).all() == []


def test_week_shows_stories_with_rules_scores_and_escaped_text(app):
    client, _ = _login(app, "editor")
    html = client.get(f"/week?day={WEEK}").text
    assert html.count('class="story') == 7  # 8 matched articles, one reprint pair → 7 stories
    assert "股市收盘" not in html
    assert "另有 1 个页面转载" in html and "首发：中国甘肃网" in html
    assert "0.93" in html  # the classifier score beside the rule score
    assert re.search(r'<span class="rule">core</span>', html)
    assert "<mark>远程医疗</mark>" in html
    # article text is data, never markup: the <script> article shows as text
    assert "<script>alert" not in html and "<script>document" not in html and "<b>互联网医院</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;i&gt;某县报&lt;/i&gt;" in html
    assert "2017-10-23" in client.get("/week").text  # the demo week is offered from any week


def test_editorial_flow_decide_reorder_edit_publish_freeze(app):
    client, token = _login(app, "editor")
    titles = ["李斌", "广东省", "北京18家", "武汉", "甘肃省年底", "健康医疗大数据"]
    for title in titles:
        r = client.post("/decisions", data={"csrf_token": token, "day": WEEK, "article_id": _article_id(app, title),
                                            "decision": "accept"})
        assert r.status_code == 303
    rejected = _article_id(app, "<script>")
    client.post("/decisions", data={"csrf_token": token, "day": WEEK, "article_id": rejected, "decision": "reject"})
    # a reprint carries its story's decision: accepting the reprint again adds nothing
    client.post("/decisions", data={"csrf_token": token, "day": WEEK, "article_id": _article_id(app, "甘肃四级"),
                                    "decision": "accept"})
    engine = app.state.store.engine
    with engine.connect() as conn:
        issue = conn.execute(select(t.issues)).one()
        items = conn.execute(select(t.issue_items).order_by(t.issue_items.c.position)).all()
        decisions = {r.article_id: r.decision for r in conn.execute(select(t.decisions))}
    assert issue.number == 275 and issue.status == "draft"
    assert [i.title[:len(x)] for i, x in zip(items, titles, strict=False)] == titles and len(items) == 6
    assert decisions[rejected] == "reject" and len(decisions) == 7
    assert items[4].reprints == 1
    # reorder: item 6 to the top; edit the summary of (new) item 2
    assert client.post(f"/issues/{issue.id}/items/6/move", data={"csrf_token": token, "to": 1}).status_code == 303
    r = client.post(f"/issues/{issue.id}/items/2", data={"csrf_token": token, "title": items[0].title,
                                                        "outlet": "新华社", "summary": "  编辑删减后的摘录。\r\n第二段。 "})
    assert r.status_code == 303
    with engine.connect() as conn:
        after = conn.execute(select(t.issue_items).order_by(t.issue_items.c.position)).all()
    assert after[0].title.startswith("健康医疗大数据") and after[1].summary == "编辑删减后的摘录。\n第二段。"
    # a refresh adds only new accepted stories and keeps the edit
    client.post("/decisions", data={"csrf_token": token, "day": WEEK, "article_id": rejected, "decision": "accept"})
    r = client.post(f"/issues/{issue.id}/refresh", data={"csrf_token": token})
    with engine.connect() as conn:
        refreshed = conn.execute(select(t.issue_items).order_by(t.issue_items.c.position)).all()
    assert len(refreshed) == 7 and refreshed[1].summary == "编辑删减后的摘录。\n第二段。"
    client.post(f"/issues/{issue.id}/items/7/remove", data={"csrf_token": token})
    # preview and download show the edit
    preview = client.get(f"/issues/{issue.id}/render.html").text
    assert "编辑删减后的摘录。" in preview and "第二七五期" in preview
    md = client.get(f"/issues/{issue.id}/download/md")
    assert md.status_code == 200 and "attachment" in md.headers["content-disposition"]
    assert "编辑删减后的摘录。" in md.text and md.text.index("健康医疗大数据") < md.text.index("李斌")
    # publish: frozen afterwards
    assert client.post(f"/issues/{issue.id}/publish", data={"csrf_token": token}).status_code == 303
    with engine.connect() as conn:
        assert conn.execute(select(t.issues.c.status)).scalar_one() == "published"
    r = client.post(f"/issues/{issue.id}/items/1", data={"csrf_token": token, "title": "改", "outlet": "改",
                                                        "summary": "改"})
    assert r.status_code == 400 and "冻结" in r.text
    assert client.post(f"/issues/{issue.id}/publish", data={"csrf_token": token}).status_code == 400
    archive = client.get("/issues").text
    assert "第二七五期" in archive and "已发布" in archive
    week = client.get(f"/week?day={WEEK}").text
    assert "本周已发布" in week and 'value="accept"' not in week


def test_htmx_decision_returns_the_story_fragment(app):
    client, token = _login(app, "editor")
    aid = _article_id(app, "武汉")
    r = client.post("/decisions", data={"day": WEEK, "article_id": aid, "decision": "accept"},
                    headers={"HX-Request": "true", "X-CSRF-Token": token})
    assert r.status_code == 200
    assert r.text.lstrip().startswith("<article") and "is-accept" in r.text
    assert 'id="week-summary"' in r.text and 'hx-swap-oob="true"' in r.text
    assert "<html" not in r.text


def test_search_page_marks_words_and_escapes(app):
    client, _ = _login(app, "viewer")
    html = client.get("/search", params={"q": "县医院"}).text
    assert "找到 1 篇" in html
    assert "<mark>县医院</mark>" in html and "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "找到 0 篇" in client.get("/search", params={"q": "量子计算"}).text
    assert "找到 2 篇" in client.get("/search", params={"q": "全民健康信息平台"}).text


def test_article_sources_dashboard_pages(app):
    client, _ = _login(app, "viewer")
    aid = _article_id(app, "<script>")
    html = client.get(f"/articles/{aid}").text
    assert "<script>" not in html and "&lt;script&gt;document.title" in html and "<mark>" in html
    sources = client.get("/sources").text
    assert "甘肃省卫生健康委" in sources and "HTTP 503 &lt;b&gt;" in sources and "失败" in sources
    dash = client.get("/dashboard").text
    assert "2017-10-27" in dash and "共 10 篇" in dash and "省级卫生部门" in dash
    assert client.get("/articles/99999").status_code == 404


def test_users_command_and_secret(tmp_path: Path):
    from typer.testing import CliRunner

    from yuqing.cli import app as cli
    from yuqing.store.users import authenticate
    from yuqing.web.auth import load_secret
    from yuqing.workspace import init_workspace, open_workspace

    folder = tmp_path / "ws"
    init_workspace(folder)
    runner = CliRunner()
    r = runner.invoke(cli, ["users", "add", "alice", "--role", "viewer", "--password-stdin", "-w", str(folder)],
                      input="s3cret-pass\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["users", "add", "alice", "--role", "admin", "--password-stdin", "-w", str(folder)],
                      input="other-pass\n")
    assert r.exit_code == 2 and "exists" in r.output
    r = runner.invoke(cli, ["users", "add", "bob", "--role", "boss", "--password-stdin", "-w", str(folder)],
                      input="s3cret-pass\n")
    assert r.exit_code == 2 and "unknown role" in r.output
    engine = open_workspace(folder).store.engine
    with engine.connect() as conn:
        stored = conn.execute(select(t.users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and "s3cret" not in stored
    assert authenticate(engine, "alice", "s3cret-pass").role == "viewer"
    assert authenticate(engine, "alice", "wrong-pass") is None
    secret = load_secret(folder)
    assert load_secret(folder) == secret and len(secret) > 40
    assert (folder / ".yuqing-web-secret").stat().st_mode & 0o077 == 0
