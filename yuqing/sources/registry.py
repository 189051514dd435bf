"""Read ``sources.yaml``: the list of places to watch, validated, with errors naming file and line."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from yuqing.errors import ConfigError
from yuqing.models import TIERS, Source

__all__ = ["KINDS", "default_sources_path", "load_sources", "parse_sources"]

KINDS = ("feed", "list", "sitemap")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_LINE = "__line__"
_KEYS = "__key_lines__"
# Keys of one entry: the record's own fields, then the options a kind reads (kept in Source.options).
_FIELDS = {"id", "name", "tier", "kind", "url", "urls", "schedule", "enabled"}
_OPTIONS = {"links", "pattern", "next", "pages", "max_pages", "max_articles", "site"}


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers, in each mapping, the 1-based line it starts on."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping[_LINE] = node.start_mark.line + 1
        mapping[_KEYS] = {k.value: k.start_mark.line + 1 for k, _v in node.value if isinstance(k, yaml.ScalarNode)}
        return mapping


def default_sources_path(topic: str = "卫生信息化") -> Path:
    """Return the bundled source list of ``topic`` (real sites; see its header comment)."""
    return Path(str(resources.files("yuqing") / "data" / "sources" / f"{topic}.yaml"))


def load_sources(path: Path) -> list[Source]:
    """Return the sources ``path`` declares; raise :class:`ConfigError` naming file and line when wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("no such file; `yuqing init` writes one", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=str(path)) from exc
    return parse_sources(text, str(path))


def parse_sources(text: str, path: str = "sources.yaml") -> list[Source]:
    """Return the sources of the YAML ``text`` (``path`` only names it in errors)."""
    try:
        doc = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ConfigError(f"not valid YAML: {exc.problem}", path=path,
                          line=mark.line + 1 if mark else None) from exc
    if doc is None:
        return []
    if not isinstance(doc, dict) or "sources" not in doc:
        raise ConfigError("expected a mapping with a `sources:` list", path=path, line=1)
    entries = doc["sources"] or []
    if not isinstance(entries, list):
        raise ConfigError("`sources:` must be a list", path=path, line=doc.get(_LINE))
    out: list[Source] = []
    seen: dict[str, int] = {}
    for entry in entries:
        source = _parse_entry(entry, path, doc.get(_LINE))
        line = entry[_LINE]
        if source.id in seen:
            raise ConfigError(f"duplicate source id {source.id!r} (first on line {seen[source.id]})",
                              path=path, line=line)
        seen[source.id] = line
        out.append(source)
    return out


def _parse_entry(entry: Any, path: str, list_line: int | None) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError("each source must be a mapping (id:, name:, kind:, url: …)", path=path, line=list_line)
    line = entry[_LINE]
    key_lines = entry[_KEYS]

    def fail(message: str, key: str | None = None) -> ConfigError:
        """An error on the line of ``key`` when named, else on the entry's first line."""
        return ConfigError(message, path=path, line=key_lines.get(key, line) if key else line)

    keys = set(entry) - {_LINE, _KEYS}
    unknown = sorted(keys - _FIELDS - _OPTIONS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS | _OPTIONS))}", unknown[0])
    for key in ("id", "name", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"`{key}:` is required and must be text", key)
    sid = entry["id"]
    if not _ID.match(sid):
        raise fail(f"id {sid!r} may hold only letters, digits, '-', '_' and '.'", "id")
    tier = entry.get("tier", "other")
    if tier not in TIERS:
        raise fail(f"source {sid}: tier {tier!r} is not one of {', '.join(TIERS)}", "tier")
    kind = entry["kind"]
    if kind not in KINDS:
        raise fail(f"source {sid}: kind {kind!r} is not one of {', '.join(KINDS)}", "kind")
    if ("url" in entry) == ("urls" in entry):
        raise fail(f"source {sid}: give exactly one of `url:` or `urls:`", "urls" if "urls" in entry else None)
    urls = [entry["url"]] if "url" in entry else entry["urls"]
    if not isinstance(urls, list) or not urls:
        raise fail(f"source {sid}: `urls:` must be a non-empty list", "urls")
    for url in urls:
        if not isinstance(url, str) or not re.match(r"^https?://[^/\s]+", url):
            raise fail(f"source {sid}: {url!r} is not an http(s) URL", "url" if "url" in entry else "urls")
    schedule = entry.get("schedule", 60)
    if not isinstance(schedule, int) or isinstance(schedule, bool) or schedule < 1:
        raise fail(f"source {sid}: `schedule:` is minutes between polls, a whole number ≥ 1", "schedule")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail(f"source {sid}: `enabled:` must be true or false", "enabled")
    options = {k: entry[k] for k in _OPTIONS if k in entry}
    _check_options(options, kind, sid, fail)
    return Source(id=sid, name=entry["name"].strip(), tier=tier, kind=kind, urls=list(urls),
                  schedule_minutes=schedule, enabled=enabled, options=options)


def _check_options(options: dict[str, Any], kind: str, sid: str, fail: Any) -> None:
    for key in ("links", "next", "pages", "site"):
        if key in options and not isinstance(options[key], str):
            raise fail(f"source {sid}: `{key}:` must be text", key)
    for key in ("max_pages", "max_articles"):
        if key in options and (not isinstance(options[key], int) or options[key] < 1):
            raise fail(f"source {sid}: `{key}:` must be a whole number ≥ 1", key)
    if "pattern" in options:
        if not isinstance(options["pattern"], str):
            raise fail(f"source {sid}: `pattern:` must be a regular expression", "pattern")
        try:
            re.compile(options["pattern"])
        except re.error as exc:
            raise fail(f"source {sid}: `pattern:` is not a valid regular expression: {exc}", "pattern") from None
    if "pages" in options and "{n}" not in options["pages"]:
        raise fail(f"source {sid}: `pages:` is a URL template holding {{n}} (the page number)", "pages")
    if kind != "list":
        given = sorted(set(options) & {"links", "next", "pages", "max_pages"})
        if given:
            raise fail(f"source {sid}: {', '.join(given)} only apply to kind: list", given[0])
    for key in ("links", "next"):
        if key in options:
            _check_selector(options[key], sid, key, fail)


def _check_selector(selector: str, sid: str, key: str, fail: Any) -> None:
    from parsel import Selector
    from parsel.csstranslator import css2xpath

    try:
        if is_xpath(selector):
            Selector(text="<html></html>").xpath(selector)
        else:
            css2xpath(selector)
    except Exception as exc:  # parsel/cssselect raise several unrelated classes for a bad selector
        raise fail(f"source {sid}: `{key}:` {selector!r} is not a valid selector: {exc}", key) from None


def is_xpath(selector: str) -> bool:
    """Return whether ``selector`` is XPath (starts with / or ( ) rather than CSS."""
    return selector.lstrip().startswith(("/", "("))
