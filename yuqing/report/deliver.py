"""Send an issue's files to the places named in ``delivery.urls``, through apprise.

One apprise URL per channel: ``mailto://`` / ``mailtos://`` (attachments), ``wecombot://`` (企业微信),
``dingtalk://``, ``feishu://`` … Channels that take no attachments get the message text only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yuqing.errors import ConfigError, ReportError
from yuqing.models import Issue
from yuqing.report.parts import display_title, issue_date_text, lead_sentence, masthead_label

__all__ = ["Delivery", "deliver", "delivery_urls"]


@dataclass(slots=True)
class Delivery:
    """What a send did: the channels tried and whether apprise reported success for all of them."""

    urls: list[str] = field(default_factory=list)
    attachments: list[Path] = field(default_factory=list)
    ok: bool = True


def delivery_urls(value: str | list[str] | None) -> list[str]:
    """Return the URLs of the ``delivery.urls`` setting: a TOML list, or text split on spaces/newlines."""
    if not value:
        return []
    if isinstance(value, str):
        return [u for u in value.replace(",", " ").split() if u]
    if isinstance(value, list) and all(isinstance(u, str) for u in value):
        return [u.strip() for u in value if u.strip()]
    raise ConfigError(f"delivery.urls must be a list of apprise URLs, not {value!r}")


def message(issue: Issue) -> tuple[str, str]:
    """Return (subject, body) of the notice that goes with the files."""
    subject = f"{display_title(issue)}{masthead_label(issue)}"
    lines = [subject, issue_date_text(issue), "", lead_sentence(issue), "", "信息目录："]
    lines += [f"{it.position}. {it.title}（{it.outlet}）" for it in issue.items]
    return subject, "\n".join(lines)


def deliver(issue: Issue, paths: list[Path], urls: list[str]) -> Delivery:
    """Send ``paths`` with a notice of ``issue`` to every URL; raise ReportError when a channel fails."""
    import apprise

    result = Delivery(urls=list(urls), attachments=list(paths))
    if not urls:
        return result
    notifier = apprise.Apprise()
    for url in urls:
        if not notifier.add(url):
            raise ConfigError(f"not a usable apprise URL in delivery.urls: {url.split('://')[0]}://…")
    attach = apprise.AppriseAttachment()
    for path in paths:
        attach.add(str(path))
    subject, body = message(issue)
    result.ok = bool(notifier.notify(title=subject, body=body, attach=attach if paths else None))
    if not result.ok:
        raise ReportError(f"delivery failed on at least one of {len(urls)} channel(s); see the log")
    return result
