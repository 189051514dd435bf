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

The link is the most authoritative carrying page: highest tier, then the origin's own page, then the
earliest.
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
        first_named = {}
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


def choose_link(members: Sequence[Member], origin_id: int | None) -> Member:
    """Return the page to link: highest tier, then the origin's own page, then the earliest."""
    return min(members, key=lambda m: (tier_rank(m.get("tier")), m["id"] != origin_id, _when(m), m["id"]))


def carrying_sites(members: Sequence[Member]) -> list[str]:
    """Return the distinct sites carrying the story, most authoritative then earliest first."""
    out: list[str] = []
    for m in sorted(members, key=lambda m: (tier_rank(m.get("tier")), _when(m), m["id"])):
        site = m.get("site") or m.get("outlet")
        if site and site not in out:
            out.append(site)
    return out
