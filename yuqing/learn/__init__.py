"""Learning from the editor: accept/reject decisions train a per-profile classifier that re-ranks candidates.

The classifier's probability is stored beside the rule score (``topic_matches.classifier_score``) and
never replaces it: the rules decide what is a candidate, the classifier only orders candidates.
See docs/stories.md ("Learning from the editor").
"""

from __future__ import annotations

from yuqing.learn.classifier import (
    MIN_PER_CLASS,
    classifier_scores,
    rank_key,
    record_decision,
    refresh_scores,
    rescore,
    train,
)

__all__ = ["MIN_PER_CLASS", "classifier_scores", "rank_key", "record_decision", "refresh_scores", "rescore", "train"]
