"""The records that flow between the stages.

Each stage takes one of these and returns one of these, ``None``, or a counted :class:`Drop`.
They are plain dataclasses: no database or network handles hide inside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "Article",
    "Drop",
    "Issue",
    "IssueItem",
    "RuleHit",
    "Source",
    "TopicMatch",
]

TIERS = ("central", "ministry", "provincial", "industry", "other")
"""Source tiers, most authoritative first."""


@dataclass(slots=True)
class Source:
    """A place yuqing watches: a feed, a list page or a sitemap on one site."""

    id: str
    name: str
    tier: str = "other"
    kind: str = "list"
    urls: list[str] = field(default_factory=list)
    schedule_minutes: int = 60
    enabled: bool = True
    options: dict = field(default_factory=dict)


@dataclass(slots=True)
class Article:
    """What extraction reads off one page.

    ``outlet`` is who first published the story (the 来源 line: 新华社 on a provincial reprint);
    ``site`` is the site whose page carries it. The bulletin needs both.
    ``problems`` lists why an Article is partial (no date found, body too short, time limit hit …).
    """

    url: str | None = None
    title: str | None = None
    text: str = ""
    published_at: datetime | None = None
    outlet: str | None = None
    site: str | None = None
    author: str | None = None
    editor: str | None = None
    method: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p.strip()]


@dataclass(slots=True)
class RuleHit:
    """One rule of a topic profile that fired, with the terms and spans that made it fire."""

    rule: str
    weight: float
    terms: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    """(field, start, end) offsets into the normalised field text."""


@dataclass(slots=True)
class TopicMatch:
    """How one article scored against one topic profile."""

    profile: str
    score: float
    threshold: float
    hits: list[RuleHit] = field(default_factory=list)
    vetoed_by: str | None = None

    @property
    def matched(self) -> bool:
        return self.vetoed_by is None and self.score >= self.threshold


@dataclass(slots=True)
class Drop:
    """A record a stage declined, with a reason that is counted (``not-an-article``, ``no-decode`` …)."""

    reason: str
    detail: str = ""
    ref: str = ""


@dataclass(slots=True)
class IssueItem:
    """One entry of a bulletin: what the reader sees, after the editor's changes."""

    position: int
    article_id: int | None
    title: str
    outlet: str
    published_at: datetime | None
    link: str
    summary: str
    site: str | None = None
    reprints: int = 0


@dataclass(slots=True)
class Issue:
    """A composed bulletin: masthead facts, its window and its items in order."""

    number: int
    title: str
    issuer: str
    issue_date: date
    window_from: date
    window_to: date
    scope: str
    items: list[IssueItem] = field(default_factory=list)
    status: str = "draft"
    id: int | None = None
    profile: str = ""
    # -- added for rendering options and the life cycle (report/) --
    correction_of: int | None = None
    """Id of the published issue this record corrects (status ``correction``)."""
    extras: dict = field(default_factory=dict)
    """Optional sections and masthead options: ``overview``, ``failed_sources``, ``numbering``."""
