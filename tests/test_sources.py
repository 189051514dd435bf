"""sources.yaml: validation with file and line, sync into the store, the bundled default list."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from yuqing.errors import ConfigError
from yuqing.sources import default_sources_path, load_sources, parse_sources, read_sources, sync_sources

GOOD = """\
sources:
  - id: nhc-news
    name: 国家卫生健康委员会
    tier: ministry
    kind: feed
    url: http://www.nhc.gov.cn/rss.xml
  - id: list-one
    name: 列表
    kind: list
    urls: [http://a.example.cn/list.html, http://a.example.cn/list2.html]
    links: "ul.news a"
    next: "//a[@class='next']"
    max_pages: 3
    schedule: 30
    enabled: false
"""


def test_a_good_file_reads_into_sources():
    feed, lst = parse_sources(GOOD)
    assert (feed.id, feed.tier, feed.kind, feed.urls, feed.schedule_minutes) == (
        "nhc-news", "ministry", "feed", ["http://www.nhc.gov.cn/rss.xml"], 60)
    assert lst.options == {"links": "ul.news a", "next": "//a[@class='next']", "max_pages": 3}
    assert (lst.schedule_minutes, lst.enabled, len(lst.urls)) == (30, False, 2)


@pytest.mark.parametrize(("change", "line", "words"), [
    (("tier: ministry", "tier: national"), 4, "tier 'national'"),
    (("kind: feed", "kind: atom"), 5, "kind 'atom'"),
    (("url: http://www.nhc.gov.cn/rss.xml", "url: ftp://x"), 6, "not an http(s) URL"),
    (("id: list-one", "id: nhc-news"), 7, "duplicate source id"),
    (("max_pages: 3", "max_pages: 0"), 13, "max_pages"),
    (("links: \"ul.news a\"", "links: \"ul[[\""), 11, "not a valid selector"),
    (("schedule: 30", "every: 30"), 14, "unknown key(s) every"),
    (("    kind: feed\n", "    kind: feed\n    next: a.next\n"), 6, "only apply to kind: list"),
    (("  - id: list-one", "  - id: list one"), 7, "may hold only"),
])
def test_mistakes_name_the_file_and_line(change, line, words):
    text = GOOD.replace(*change)
    with pytest.raises(ConfigError) as info:
        parse_sources(text, "ws/sources.yaml")
    assert info.value.path == "ws/sources.yaml"
    assert info.value.line == line, str(info.value)
    assert words in str(info.value)
    assert str(info.value).startswith(f"ws/sources.yaml:{line}: ")


def test_broken_yaml_names_its_line():
    with pytest.raises(ConfigError) as info:
        parse_sources("sources:\n  - id: a\n    name: [unclosed\n", "s.yaml")
    assert info.value.line is not None and info.value.line >= 3


def test_sync_adds_updates_and_disables_but_keeps_health(store):
    from sqlalchemy import update

    from yuqing.store import schema as t

    feed, lst = parse_sources(GOOD)
    lst.enabled = True
    assert sync_sources(store.engine, [feed, lst]) == {"added": 2, "updated": 0, "disabled": 0}
    with store.engine.begin() as conn:
        conn.execute(update(t.sources).where(t.sources.c.id == "nhc-news").values(consecutive_failures=3))
    feed.name = "国家卫健委"
    assert sync_sources(store.engine, [feed]) == {"added": 0, "updated": 1, "disabled": 1}
    rows = {s.id: s for s in read_sources(store.engine)}
    assert rows["nhc-news"].name == "国家卫健委" and rows["list-one"].enabled is False
    with store.engine.connect() as conn:
        assert conn.execute(t.sources.select().where(t.sources.c.id == "nhc-news")).first().consecutive_failures == 3


def test_the_bundled_default_list_is_valid_and_covers_the_tiers():
    sources = load_sources(default_sources_path())
    assert len(sources) >= 8
    assert {s.tier for s in sources} >= {"central", "ministry", "provincial", "industry"}
    assert any("nhc.gov.cn" in u for s in sources for u in s.urls)


def test_sources_list_command_shows_health(tmp_path):
    from yuqing.cli import app
    from yuqing.workspace import init_workspace

    init_workspace(tmp_path)
    (tmp_path / "sources.yaml").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["sources", "list", "-w", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "2 sources" in result.output
    (tmp_path / "sources.yaml").write_text(GOOD.replace("kind: feed", "kind: rss"), encoding="utf-8")
    result = CliRunner().invoke(app, ["sources", "list", "-w", str(tmp_path)])
    assert result.exit_code == 2 and "sources.yaml:5" in result.output


def test_init_starts_from_the_default_sources_or_an_empty_list(tmp_path):
    from yuqing.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["init", str(tmp_path / "a")]).exit_code == 0
    assert [s.id for s in load_sources(tmp_path / "a" / "sources.yaml")] == \
        [s.id for s in load_sources(default_sources_path())]
    assert runner.invoke(app, ["init", str(tmp_path / "b"), "--sources", "empty"]).exit_code == 0
    assert load_sources(tmp_path / "b" / "sources.yaml") == []
    result = runner.invoke(app, ["init", str(tmp_path / "c"), "--sources", "some"])
    assert result.exit_code == 2 and "empty, default" in result.output
