"""A full editorial session in a real browser (Playwright + Debian Chromium) against `yuqing serve`.

Over the demo workspace (the week of 2017-10-23, issue 275): log in, accept six stories and reject the
rest, reorder, edit a 主要内容, preview, publish, download the .docx and read it back. Also: anonymous
access refused, a POST without the CSRF token refused, an article holding ``<script>`` shown as text.
Screenshots go to test-artifacts/web/ (gitignored).
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "test-artifacts" / "web"
PASSWORD = "demo-editor-pass"
SCRIPT_TITLE = "<script>window.__pwned=1</script>县医院信息化改造完成"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium); the browser tests need it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str, stdin: str | None = None) -> None:
    subprocess.run([sys.executable, "-m", "yuqing", *args], input=stdin, text=True, check=True,
                   capture_output=True, cwd=ROOT)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the demo workspace, add an editor and a hostile article, run `yuqing serve`; yield its URL."""
    from yuqing.demo import run_demo
    from yuqing.models import Article
    from yuqing.workspace import open_workspace

    folder = tmp_path_factory.mktemp("web") / "demo"
    run_demo(folder)
    ws = open_workspace(folder)
    hostile = Article(url="http://www.example.cn/hostile.html", title=SCRIPT_TITLE, outlet="<i>某县报</i>",
                      text="<script>window.__pwned=2</script>县医院信息系统与电子病历升级，互联网医院上线。",
                      published_at=datetime(2017, 10, 25, 10, tzinfo=timezone(timedelta(hours=8))))
    aid, _ = ws.store.upsert_article(hostile, hostile.url)
    ws.store.save_match(aid, ws.profile.match(hostile))
    ws.store.engine.dispose()
    _cli("users", "add", "editor", "--role", "editor", "--password-stdin", "-w", str(folder), stdin=PASSWORD + "\n")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(folder / "serve.log", "w")  # noqa: SIM115 - closed below, after the server stops
    proc = subprocess.Popen([sys.executable, "-m", "yuqing", "serve", "--port", str(port), "-w", str(folder)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    try:
        for _ in range(300):  # wait for the server to answer (not a timed assertion: it just has to come up)
            if proc.poll() is not None:
                pytest.fail(f"yuqing serve exited: {(folder / 'serve.log').read_text()}")
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("yuqing serve did not answer")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser(server: str):  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_anonymous_is_sent_to_login(browser, server: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/issues")
    assert page.url == server + "/login?next=/issues"
    assert page.get_by_role("button", name="登录").is_visible()
    response = context.request.post(server + "/decisions", form={"day": "2017-10-23", "article_id": "1",
                                                                "decision": "accept"}, max_redirects=0)
    assert response.status == 303 and response.headers["location"].startswith("/login")
    _shot(page, "01-login")
    context.close()


def test_full_editorial_session(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))

    # log in; the demo week is offered in the week picker
    page.goto(server + "/")
    page.get_by_label("用户名").fill("editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(server + "/week")
    assert page.get_by_text("欢迎，editor").is_visible()
    page.get_by_label("有候选的周").select_option("2017-10-23")
    page.wait_for_url(server + "/week?day=2017-10-23")
    stories = page.locator("article.story")
    count = stories.count()
    assert count >= 7

    # the hostile article is text, never markup
    assert page.get_by_text(SCRIPT_TITLE).first.is_visible()
    assert page.evaluate("window.__pwned") is None
    _shot(page, "02-week-candidates")

    # a POST without the CSRF token is refused, even with the session cookie
    refused = context.request.post(server + "/decisions", form={"day": "2017-10-23", "article_id": "1",
                                                               "decision": "reject"}, max_redirects=0)
    assert refused.status == 403

    # accept six stories (not the hostile one), reject the rest: HTMX swaps each card in place
    accepted: list[str] = []
    for n in range(count):
        card = stories.nth(n)
        title = card.locator("h2").inner_text()
        wanted = "accept" if len(accepted) < 6 and "<script>" not in title else "reject"
        card.get_by_role("button", name="采用" if wanted == "accept" else "舍弃").click()
        sync_api.expect(stories.nth(n)).to_have_class(f"story is-{wanted}")
        if wanted == "accept":
            accepted.append(title)
    summary = page.locator("#week-summary")
    sync_api.expect(summary).to_contain_text("6 已采用")
    sync_api.expect(summary).to_contain_text(f"{count - 6} 已舍弃")
    _shot(page, "03-week-decided")

    # the draft holds the six accepted stories (the demo's composed draft already had most of them)
    summary.get_by_role("link", name="编辑本期草稿").click()
    page.wait_for_url("**/issues/*")
    issue_url = page.url
    items = page.locator("li.item")
    sync_api.expect(items).to_have_count(6)
    first, second = items.nth(0).locator("strong").inner_text(), items.nth(1).locator("strong").inner_text()
    sync_api.expect(page.locator("ol.items")).not_to_contain_text("<script>")  # the rejected one is not in it

    # reorder: item 1 down
    page.get_by_role("button", name="第 1 条下移").click()
    page.wait_for_url(issue_url + "#item-2")
    sync_api.expect(items.nth(0).locator("strong")).to_have_text(second)
    sync_api.expect(items.nth(1).locator("strong")).to_have_text(first)

    # edit the 主要内容 of item 2 (now `first`) down to an excerpt
    excerpt = "编辑删减后的摘录：全省四级平台年底互联互通。"
    item = items.nth(1)
    item.locator("summary", has_text="编辑标题").click()
    item.get_by_label("主要内容").fill(excerpt)
    item.get_by_role("button", name="保存第 2 条").click()
    page.wait_for_url(issue_url + "#item-2")
    sync_api.expect(page.locator(".flash")).to_contain_text("第 2 条已保存")
    sync_api.expect(items.nth(1).locator("textarea")).to_have_value(excerpt)
    _shot(page, "04-draft-edited")

    # preview: the rendered bulletin shows the edit
    page.get_by_role("link", name="预览").click()
    frame = page.frame_locator("iframe.preview")
    sync_api.expect(frame.get_by_text(excerpt)).to_be_visible()
    _shot(page, "05-preview")

    # publish (confirmed), then the issue is frozen
    page.goto(issue_url)
    page.get_by_role("button", name="发布第 275 期").click()
    page.wait_for_url(issue_url)
    assert dialogs and "发布后内容冻结" in dialogs[0]
    sync_api.expect(page.locator(".flash")).to_contain_text("第 275 期已发布")
    sync_api.expect(page.locator("h1 .badge")).to_have_text("已发布")
    assert page.locator("textarea").count() == 0
    _shot(page, "06-published")

    # download the Word file and read it back
    with page.expect_download() as info:
        page.locator("a.download", has_text="docx").click()
    download = info.value
    assert download.suggested_filename == "issue-275-2017-10-27.docx"
    data = Path(download.path()).read_bytes()
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert excerpt in text
    assert text.index(second) < text.index(first)
    assert "<script>" not in text

    # the archive lists it as published
    page.get_by_role("link", name="期刊").click()
    sync_api.expect(page.locator("table")).to_contain_text("第二七五期")
    sync_api.expect(page.locator("table")).to_contain_text("已发布")
    _shot(page, "07-archive")

    # search, dashboard, source health
    page.goto(server + "/search")
    page.get_by_label("关键词").fill("互联互通")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    sync_api.expect(page.locator("ol.results li").first.locator("mark").first).to_have_text("互联互通")
    _shot(page, "08-search")
    page.goto(server + "/search?q=" + "县医院")
    sync_api.expect(page.locator("ol.results")).to_contain_text("<script>window.__pwned=1</script>")
    assert page.evaluate("window.__pwned") is None
    page.goto(server + "/dashboard")
    sync_api.expect(page.locator(".bars").first.locator("li")).to_have_count(14)
    _shot(page, "09-dashboard")
    page.goto(server + "/sources")
    _shot(page, "10-sources")
    context.close()
