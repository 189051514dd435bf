"""Who first published a story, and which of its pages a bulletin links.

Members are dicts with ``id``, ``url``, ``outlet``, ``site``, ``tier`` and ``published_at`` (aware or
``None``). An article *names* an outlet when its ``outlet`` (from a 来源 line) differs from its
``site``: a provincial page saying 来源：新华社 names 新华社.

Origin, in order:

1. the outlet named by 来源 lines — followed through intermediaries (page C names B, and B's own page
   names A: the origin is A); several named outlets → the one most pages name, then the one named
   earliest;
2. else the earliest publication;
3. else (no dates, or a tie) the more authoritative tier (:data:`yuqing.models.TIERS`).

The link is the most authoritative carrying page: a national one (central media, ministry) when one
carries the story, else the origin outlet's own page, else a provincial page, else the origin page
(:func:`choose_link` says why).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from yuqing.models import TIERS

__all__ = ["carrying_sites", "choose_link", "choose_origin", "tier_rank"]

_LATE = datetime.max.replace(tzinfo=UTC)

Member = dict[str, Any]


def tier_rank(tier: str | None) -> int:
    """Return 0 for the most authoritative tier; unknown tiers rank last."""
    return TIERS.index(tier) if tier in TIERS else len(TIERS)


def _when(m: Member) -> datetime:
    return m.get("published_at") or _LATE


def _names(m: Member) -> str | None:
    """Return the outlet ``m``'s 来源 line names, when it names someone other than its own site."""
    outlet, site = m.get("outlet"), m.get("site")
    return outlet if outlet and site and outlet != site else None


def _order(m: Member) -> tuple[datetime, int, int]:
    return _when(m), tier_rank(m.get("tier")), int(m["id"])


def _resolve(outlet: str, members: Sequence[Member]) -> str:
    """Follow ``outlet`` through pages of that outlet that themselves name another outlet."""
    seen = {outlet}
    while True:
        own = sorted((m for m in members if m.get("site") == outlet and _names(m)), key=_order)
        if not own:
            return outlet
        nxt = _names(own[0])
        if nxt is None or nxt in seen:
            return outlet
        seen.add(nxt)
        outlet = nxt


def choose_origin(members: Sequence[Member]) -> tuple[Member, str]:
    """Return (origin member, origin outlet) of a story's ``members`` (at least one)."""
    if not members:
        raise ValueError("a story has at least one member")
    naming = sorted((m for m in members if _names(m)), key=_order)
    if naming:
        resolved = [(_resolve(_names(m) or "", members), m) for m in naming]
        votes = Counter(outlet for outlet, _ in resolved)
        first_named: dict[str, tuple[datetime, int, int]] = {}
        for outlet, m in resolved:
            first_named.setdefault(outlet, _order(m))
        outlet = min(votes, key=lambda o: (-votes[o], first_named[o]))
        own = sorted((m for m in members if m.get("site") == outlet and not _names(m)), key=_order)
        if own:
            return own[0], outlet
        carriers = [m for o, m in resolved if o == outlet]
        return carriers[0], outlet
    first = min(members, key=_order)
    return first, first.get("outlet") or first.get("site") or ""


NATIONAL = ("central", "ministry")
"""Tiers whose page is linked whenever one carries the story: national media and ministries."""


def choose_link(members: Sequence[Member], origin_id: int | None, origin_outlet: str | None = None) -> Member:
    """Return the page to link, in this order of preference:

    1. a national page (central media, then ministry) when one carries the story;
    2. the origin outlet's own page (DoNews's story on donews.com);
    3. a provincial page (a provincial commission or provincial media);
    4. the origin page (the first to carry it), then the higher tier;
    and the earliest within each. Industry and commercial sites re-posting a story are no better a
    link than the page they took it from, so below provincial level the tier does not move the link.
    """
    def rank(m: Member) -> tuple[int, int, int, datetime, int]:
        tier = tier_rank(m.get("tier"))
        not_origin = int(m["id"] != origin_id)
        if m.get("tier") in NATIONAL:
            return 0, tier, 0, _when(m), int(m["id"])
        if origin_outlet and m.get("site") == origin_outlet and not _names(m):
            return 1, 0, 0, _when(m), int(m["id"])
        if m.get("tier") == "provincial":
            return 2, 0, not_origin, _when(m), int(m["id"])
        return 3, not_origin, tier, _when(m), int(m["id"])

    return min(members, key=rank)


def carrying_sites(members: Sequence[Member]) -> list[str]:
    """Return the distinct sites carrying the story, most authoritative then earliest first."""
    out: list[str] = []
    for m in sorted(members, key=lambda m: (tier_rank(m.get("tier")), _when(m), m["id"])):
        site = m.get("site") or m.get("outlet")
        if site and site not in out:
            out.append(site)
    return out
