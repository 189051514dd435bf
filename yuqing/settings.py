"""Every setting declared once, with its default and help.

A value comes from, last one winning: the default here < the workspace's ``yuqing.toml`` <
the environment (``YUQING_<NAME>``) < a command-line flag. Settings are read when a command runs,
never at import.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yuqing.errors import ConfigError, WorkspaceError

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings", "workspace_path"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    """Dotted TOML key: ``masthead.title``; the env name is YUQING_MASTHEAD_TITLE."""
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "YUQING_" + self.name.replace(".", "_").upper()

    def from_env(self, raw: str) -> Any:
        """Return the environment's text as this setting's type; raise ConfigError when it is not one."""
        if isinstance(self.default, bool):
            if raw.strip().lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ConfigError(f"{self.env}={raw!r} is not a yes/no value")
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(self.default, int):
            try:
                return int(raw)
            except ValueError:
                raise ConfigError(f"{self.env}={raw!r} is not a whole number") from None
        return raw


SETTINGS: tuple[Setting, ...] = (
    Setting("masthead.title", "全国卫生信息化舆情监测周报", "The bulletin's title, printed at the top."),
    Setting("masthead.issuer", "北京市卫生计生委信息中心", "Who issues the bulletin, printed under the number."),
    Setting("masthead.next_number", 1, "Number of the next new issue, unless the store already went past it."),
    Setting("masthead.scope", "全国主流媒体及政府网站等", "What was watched, as the lead sentence names it."),
    Setting("masthead.numbering", "continuous",
            "`continuous` numbers issues on and on; `yearly` starts again at 1 each year."),
    Setting("window.start", "monday", "First weekday an issue covers."),
    Setting("window.end", "friday", "Last weekday an issue covers; the issue is dated that day."),
    Setting("store.database_url", "sqlite:///yuqing.db",
            "SQLAlchemy URL of the store; a relative SQLite path is taken inside the workspace."),
    Setting("topic.profile", "topics/卫生信息化.yaml", "The topic profile the bulletin selects with."),
    Setting("report.formats", "md", "Formats `yuqing report` writes, comma-separated."),
    # -- report/: rendering options, life cycle, delivery --
    Setting("report.docx_template", "",
            "A .docx template (docxtpl) filled instead of the built-in Word layout; see docs/report.md."),
    Setting("report.overview", False, "Add a 舆情概述 section: counts by day, tier and outlet, with a chart."),
    Setting("report.failed_sources", False, "Add a 本期未能采集的信源 section from source health."),
    Setting("report.reprint_counts", False,
            "After an item's 媒体 line, show how many other sites carried the story: （转载 N 家）."),
    Setting("delivery.urls", "",
            "Apprise URLs the published files are sent to (mailto://, wecombot://, dingtalk:// …), "
            "space-separated or a TOML list."),
    Setting("delivery.on_publish", True, "Send the files to `delivery.urls` when an issue is published."),
    # -- collect (yuqing/collect): politeness, limits and where raw responses are archived --------
    Setting("collect.sources", "sources.yaml", "The source list each collect syncs into the store first."),
    Setting("collect.obey_robots", True, "Obey each site's robots.txt; a forbidden URL is skipped as `robots`."),
    Setting("collect.user_agent", "yuqing/0.1 (+public-opinion monitoring; contact the workspace owner)",
            "User-Agent header of every request, also the name robots.txt rules are read for."),
    Setting("collect.concurrency", 16, "Requests in flight at once, over all sites."),
    Setting("collect.concurrency_per_domain", 2, "Requests in flight at once to one site."),
    Setting("collect.delay_ms", 500, "Least pause between two requests to one site, in milliseconds."),
    Setting("collect.autothrottle", True, "Slow down further when a site answers slowly (Scrapy AutoThrottle)."),
    Setting("collect.timeout", 30, "Seconds to wait for one response before it counts as `timeout`."),
    Setting("collect.retries", 2, "Retries of a request that timed out or got a 5xx/429 answer."),
    Setting("collect.backoff_ms", 1000, "Pause before the first retry, in ms; it doubles for each further retry."),
    Setting("collect.max_redirects", 5, "Redirects followed before a URL counts as `redirect-loop`."),
    Setting("collect.max_bytes", 8 * 1024 * 1024, "Largest response read, in bytes; a larger one is skipped as `too-large`."),
    Setting("collect.max_pages", 5, "Pages of a paginated list followed per run unless a source says `max_pages:`."),
    Setting("collect.warc_dir", "warc", "Folder (in the workspace) of the WARC files every raw response is written to."),
    Setting("collect.proxy", "", "HTTP proxy every request goes through (empty: none); `yuqing demo` points it at its server."),
    Setting("collect.report_day", "friday", "Weekday `yuqing run` composes the draft issue on."),
    Setting("collect.report_hour", 17, "Hour (China time) of that day when `yuqing run` composes the draft."),
)

_BY_NAME = {s.name: s for s in SETTINGS}
_ENV_DEFAULT_WORKSPACE = "YUQING_WORKSPACE"


def workspace_path(given: str | Path | None) -> Path:
    """Return the workspace folder: the flag, else ``YUQING_WORKSPACE``, else the current directory."""
    raw = given or os.environ.get(_ENV_DEFAULT_WORKSPACE) or "."
    return Path(raw).expanduser().resolve()


class Settings:
    """Settings of one workspace, resolved. Read with ``settings["masthead.title"]``."""

    def __init__(self, workspace: Path, values: dict[str, Any]):
        self.workspace = workspace
        self._values = values

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    @property
    def database_url(self) -> str:
        url: str = self._values["store.database_url"]
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.workspace / url[len(prefix):])
        return url

    @property
    def profile_path(self) -> Path:
        return self.workspace / self._values["topic.profile"]

    @property
    def reports_dir(self) -> Path:
        return self.workspace / "reports"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def load_settings(workspace: Path, overrides: dict[str, Any] | None = None) -> Settings:
    """Resolve the settings of ``workspace``; raise :class:`WorkspaceError` when it is not one."""
    config = workspace / "yuqing.toml"
    if not config.is_file():
        raise WorkspaceError(f"{workspace} is not a yuqing workspace (no yuqing.toml); run `yuqing init {workspace}`")
    try:
        from_file = _flatten(tomllib.loads(config.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(exc), path=str(config)) from exc
    unknown = sorted(set(from_file) - set(_BY_NAME))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}", path=str(config))
    values: dict[str, Any] = {}
    for s in SETTINGS:
        value = from_file.get(s.name, s.default)
        if s.env in os.environ:
            value = s.from_env(os.environ[s.env])
        if overrides and overrides.get(s.name) is not None:
            value = overrides[s.name]
        values[s.name] = value
    return Settings(workspace, values)
