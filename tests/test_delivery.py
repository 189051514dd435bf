"""Delivery through apprise to a real SMTP server on 127.0.0.1 (aiosmtpd): the mail arrives with the files."""

from __future__ import annotations

import email
import socket
from datetime import UTC, date, datetime
from email import policy
from pathlib import Path

import pytest

from yuqing.errors import ConfigError
from yuqing.models import Issue, IssueItem
from yuqing.report.deliver import delivery_urls

aiosmtpd = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp():  # type: ignore[no-untyped-def]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _issue() -> Issue:
    item = IssueItem(position=1, article_id=None, title="甘肃省年底将实现四级全民健康信息平台互联互通全覆盖",
                     outlet="中国甘肃网", published_at=datetime(2017, 10, 24, 2, tzinfo=UTC),
                     link="http://gansu.gscn.com.cn/system/2017/10/24/011829561.shtml", summary="近日……")
    return Issue(number=275, title="全国卫生信息化舆情监测周报", issuer="北京市卫生计生委信息中心",
                 issue_date=date(2017, 10, 27), window_from=date(2017, 10, 23), window_to=date(2017, 10, 27),
                 scope="全国主流媒体及政府网站等", items=[item], profile="卫生信息化")


def test_delivery_urls_accept_a_list_or_text():
    assert delivery_urls("") == []
    assert delivery_urls("mailto://a.cn  dingtalk://tok") == ["mailto://a.cn", "dingtalk://tok"]
    assert delivery_urls(["wecombot://key "]) == ["wecombot://key"]
    with pytest.raises(ConfigError):
        delivery_urls([1, 2])  # type: ignore[list-item]


def _mail_url(port: int) -> str:
    return f"mailto://127.0.0.1:{port}?from=bulletin@example.org&to=reader@example.org"


def test_published_issue_is_mailed_with_its_files(smtp, store, database_url: str, tmp_path: Path):
    from yuqing.report.lifecycle import publish
    from yuqing.settings import load_settings
    from yuqing.workspace import init_workspace

    inbox, port = smtp
    ws = tmp_path / "ws"
    init_workspace(ws, {"store.database_url": database_url, "delivery.urls": _mail_url(port)})
    settings = load_settings(ws)
    issue = store.save_draft(_issue(), "issue:卫生信息化", 275)
    result = publish(store, settings, issue.id, formats=["md", "docx", "pdf"])
    assert result.delivery_error is None and result.delivered_to == 1
    assert len(inbox.messages) == 1
    msg = inbox.messages[0]
    assert msg["To"] == "reader@example.org"
    assert "全国卫生信息化舆情监测周报" in str(msg["Subject"]) and "第二七五期" in str(msg["Subject"])
    attached = {part.get_filename(): part.get_payload(decode=True) for part in msg.iter_attachments()}
    assert set(attached) == {"issue-275-2017-10-27.md", "issue-275-2017-10-27.docx", "issue-275-2017-10-27.pdf"}
    for name, data in attached.items():
        assert data == (result.folder / name).read_bytes(), f"{name} arrived changed"
    body = next(p for p in msg.walk() if p.get_content_type() == "text/plain").get_content()
    assert "甘肃省年底将实现四级全民健康信息平台互联互通全覆盖" in body


def test_report_send_mails_the_draft_files(smtp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from typer.testing import CliRunner

    from yuqing.cli import app
    from yuqing.workspace import init_workspace

    inbox, port = smtp
    ws = tmp_path / "ws"
    init_workspace(ws, {"delivery.urls": _mail_url(port)})
    result = CliRunner().invoke(app, ["report", "--week", "2017-10-23", "--format", "md,html", "--send",
                                      "--workspace", str(ws)])
    assert result.exit_code == 0, result.output
    assert "sent to 1 channel" in result.output
    (msg,) = inbox.messages
    assert {p.get_filename() for p in msg.iter_attachments()} == {
        "issue-1-2017-10-27.md", "issue-1-2017-10-27.html"}


def test_a_failing_channel_does_not_unpublish(store, database_url: str, tmp_path: Path):
    from yuqing.report.lifecycle import publish
    from yuqing.settings import load_settings
    from yuqing.store.issues import get_issue
    from yuqing.workspace import init_workspace

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    ws = tmp_path / "ws"
    init_workspace(ws, {"store.database_url": database_url, "delivery.urls": _mail_url(dead)})
    issue = store.save_draft(_issue(), "issue:卫生信息化", 275)
    result = publish(store, load_settings(ws), issue.id, formats=["md"])
    assert result.delivery_error and "delivery failed" in result.delivery_error
    assert get_issue(store, issue.id).status == "published"  # type: ignore[union-attr]
