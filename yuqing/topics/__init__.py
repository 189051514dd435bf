"""Topic profiles and the rule language: parse rules, match articles, explain why they matched.

::

    profile = load_profile(default_profile_path())
    result = profile.match(article)          # TopicMatch: score, threshold, hits, vetoed_by, .matched
    for hit in result.hits:
        print(hit.rule, hit.weight, highlight(article.text, hit.spans, field="body"))

The language is described in docs/rules.md.
"""

from __future__ import annotations

from yuqing.topics.highlight import highlight, snippets
from yuqing.topics.nodes import And, Near, Node, Not, Or, Term
from yuqing.topics.parser import parse_rule
from yuqing.topics.profile import Profile, Rule, default_profile_path, load_profile, load_profile_text

__all__ = [
    "And",
    "Near",
    "Node",
    "Not",
    "Or",
    "Profile",
    "Rule",
    "Term",
    "default_profile_path",
    "highlight",
    "load_profile",
    "load_profile_text",
    "parse_rule",
    "snippets",
]
