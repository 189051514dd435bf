"""Create a workspace: yuqing.toml, sources.yaml and the default topic profile."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from yuqing.errors import WorkspaceError
from yuqing.settings import SETTINGS, Settings, load_settings, workspace_path

if TYPE_CHECKING:
    from yuqing.store.repo import Store
    from yuqing.topics import Profile

__all__ = ["Workspace", "init_workspace", "open_workspace"]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def render_toml(values: dict[str, object] | None = None) -> str:
    """Return a commented yuqing.toml holding every setting, ``values`` overriding the defaults."""
    values = values or {}
    lines = ["# yuqing workspace settings. Each can also be set as YUQING_<NAME> in the environment.", ""]
    section = None
    for s in SETTINGS:
        head, key = s.name.rsplit(".", 1)
        if head != section:
            if section is not None:
                lines.append("")
            lines.append(f"[{head}]")
            section = head
        lines.append(f"# {s.help}")
        lines.append(f"{key} = {_toml_value(values.get(s.name, s.default))}")
    return "\n".join(lines) + "\n"


SOURCE_LISTS = ("empty", "default")
"""What ``sources.yaml`` starts as: an empty list, or the default list of real sources for the topic."""


def init_workspace(folder: Path, values: dict[str, object] | None = None, force: bool = False,
                   sources: str = "empty") -> Path:
    """Write a workspace into ``folder`` (created if missing); refuse to overwrite one unless ``force``.

    ``sources`` is ``empty`` (the default here, so tests never aim at the internet) or ``default``
    (the real 卫生信息化 sources, as ``yuqing init`` writes them).
    """
    from yuqing.sources.registry import default_sources_path
    from yuqing.topics import default_profile_path

    if sources not in SOURCE_LISTS:
        raise WorkspaceError(f"--sources is one of {', '.join(SOURCE_LISTS)}, not {sources!r}")

    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "yuqing.toml"
    if config.exists() and not force:
        raise WorkspaceError(f"{folder} is already a workspace (yuqing.toml exists); pass --force to rewrite it")
    config.write_text(render_toml(values), encoding="utf-8")
    sources_file = folder / "sources.yaml"
    if not sources_file.exists() or force:
        if sources == "default":
            shutil.copyfile(default_sources_path(), sources_file)
        else:
            sources_file.write_text("# Sources to watch; see docs/sources.md.\nsources: []\n", encoding="utf-8")
    topics = folder / "topics"
    topics.mkdir(exist_ok=True)
    profile = default_profile_path()
    target = topics / profile.name
    if not target.exists() or force:
        shutil.copyfile(profile, target)
    (folder / "reports").mkdir(exist_ok=True)
    return config


@dataclass(slots=True)
class Workspace:
    """An opened workspace: its settings, its store and its topic profile."""

    settings: Settings
    store: Store
    profile: Profile

    @property
    def path(self) -> Path:
        return self.settings.workspace


def open_workspace(folder: str | Path | None = None, migrate: bool = True,
                   overrides: dict[str, object] | None = None) -> Workspace:
    """Open the workspace at ``folder`` (or $YUQING_WORKSPACE, or the current directory).

    ``overrides`` win over the workspace's settings, as command-line flags do.
    """
    from yuqing.store.db import open_engine
    from yuqing.store.repo import Store
    from yuqing.topics import load_profile

    settings = load_settings(workspace_path(folder), overrides)
    profile = load_profile(settings.profile_path)
    return Workspace(settings, Store(open_engine(settings.database_url, migrate=migrate)), profile)
