"""The source registry: ``sources.yaml`` read and validated, mirrored into the store with each source's health."""

from __future__ import annotations

from yuqing.sources.health import mark_attempt, read_sources, source_health, sync_sources
from yuqing.sources.registry import KINDS, default_sources_path, is_xpath, load_sources, parse_sources

__all__ = [
    "KINDS",
    "default_sources_path",
    "is_xpath",
    "load_sources",
    "mark_attempt",
    "parse_sources",
    "read_sources",
    "source_health",
    "sync_sources",
]
