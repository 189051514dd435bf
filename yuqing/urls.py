"""Canonical URLs: the identity of an article."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url"]

# Query keys that only track the visitor; dropping them makes reprint links of one page collapse.
_TRACKING = {"spm", "from", "frm", "share", "share_token", "isappinstalled", "wxshare", "scene", "fbclid", "gclid"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Return ``url`` with scheme and host lower-cased, default port, fragment and tracking keys dropped.

    The remaining query keeps its order: on many CMSs (``index.do?id=…&templet=…``) order is harmless
    but dropping or sorting keys could merge different pages.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _TRACKING and not k.lower().startswith("utm_")]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query, safe="/:,"), ""))
