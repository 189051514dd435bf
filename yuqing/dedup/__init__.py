"""Stories: reprints and near-duplicates grouped by MinHash over character shingles, with their origin.

``assign_stories(store, article_ids)`` puts articles into stories (band keys in the ``story_bands``
table, exact check on shingle sets); ``story_views`` / ``story_members`` read a story back with its
origin outlet, linked page and carrying sites. See docs/stories.md.
"""

from __future__ import annotations

from yuqing.dedup.stories import StoryView, assign_stories, story_members, story_views

__all__ = ["StoryView", "assign_stories", "story_members", "story_views"]
