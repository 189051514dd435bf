"""A per-profile classifier trained on the editor's decisions: character n-grams + logistic regression.

The model is *recomputed* from the ``decisions`` table whenever scores are refreshed, not kept in a
file: the store is the one truth every process (CLI, web, collectors on other machines) shares, and
training on a few hundred decisions takes well under a second. Until a profile has
``MIN_PER_CLASS`` accepted and ``MIN_PER_CLASS`` rejected articles, no model is trained and
``classifier_score`` stays empty.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, delete, insert, select, update

from yuqing.errors import InputError
from yuqing.store import schema as t
from yuqing.store.db import utcnow
from yuqing.store.repo import Store
from yuqing.text.normalize import normalize

log = logging.getLogger(__name__)

__all__ = ["MIN_PER_CLASS", "classifier_scores", "rank_key", "record_decision", "refresh_scores", "rescore", "train"]

MIN_PER_CLASS = 5
"""Decisions of each class (accept, reject) a profile needs before its classifier is trained."""

_MAX_CHARS = 3000
"""Characters of title + body a document contributes (the lead carries the topic; speed stays flat)."""

DECISIONS = ("accept", "reject")


def _document(title: str | None, text: str | None) -> str:
    return normalize(f"{title or ''}\n{text or ''}")[:_MAX_CHARS]


def record_decision(store: Store, url: str, decision: str, profile: str, decided_by: str | None = None) -> int:
    """Record the editor's ``decision`` (accept | reject) on the article at ``url``; return its id."""
    if decision not in DECISIONS:
        raise InputError(f"a decision is accept or reject, not {decision!r}")
    article_id = store.article_id(url)
    if article_id is None:
        raise InputError(f"no stored article has the URL {url}")
    d = t.decisions
    with store.engine.begin() as conn:
        conn.execute(delete(d).where(d.c.article_id == article_id, d.c.profile == profile))
        conn.execute(insert(d).values(article_id=article_id, profile=profile, decision=decision,
                                      decided_by=decided_by, decided_at=utcnow()))
    return article_id


def _training_rows(store: Store, profile: str) -> list[Any]:
    a, d = t.articles, t.decisions
    query = (select(a.c.title, a.c.text, d.c.decision).select_from(a.join(d, d.c.article_id == a.c.id))
             .where(d.c.profile == profile).order_by(a.c.id))
    with store.engine.connect() as conn:
        return list(conn.execute(query))


def train(store: Store, profile: str, min_per_class: int = MIN_PER_CLASS):  # type: ignore[no-untyped-def]
    """Return a fitted scikit-learn pipeline for ``profile``, or ``None`` with too few decisions."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = _training_rows(store, profile)
    labels = [1 if r.decision == "accept" else 0 for r in rows]
    if min(labels.count(1), labels.count(0)) < min_per_class:
        return None
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=1, max_features=200_000),
        LogisticRegression(C=4.0, class_weight="balanced", max_iter=1000),
    )
    model.fit([_document(r.title, r.text) for r in rows], labels)
    return model


def rescore(store: Store, profile: str, article_ids: Iterable[int] | None = None,
            min_per_class: int = MIN_PER_CLASS) -> int:
    """Train on ``profile``'s decisions and store P(accept) for its topic matches; return how many were scored.

    Without enough decisions nothing is scored (and earlier scores are left as they are).
    """
    model = train(store, profile, min_per_class)
    if model is None:
        return 0
    a, m = t.articles, t.topic_matches
    query = (select(a.c.id, a.c.title, a.c.text).select_from(a.join(m, m.c.article_id == a.c.id))
             .where(m.c.profile == profile).order_by(a.c.id))
    wanted = None if article_ids is None else {int(i) for i in article_ids}
    with store.engine.connect() as conn:
        rows = [r for r in conn.execute(query) if wanted is None or r.id in wanted]
    scored = 0
    for start in range(0, len(rows), 2000):
        part = rows[start:start + 2000]
        probs = model.predict_proba([_document(r.title, r.text) for r in part])[:, 1]
        with store.engine.begin() as conn:
            for r, p in zip(part, probs, strict=True):
                conn.execute(update(m).where(and_(m.c.article_id == r.id, m.c.profile == profile))
                             .values(classifier_score=round(float(p), 4)))
        scored += len(part)
    return scored


def refresh_scores(store: Store, profile: str, article_ids: Iterable[int] | None = None) -> int:
    """Score newly stored articles (or all, with ``None``) with the editor-trained classifier, if there is one.

    Called after every import, collect and web decision, so the ranking never lags the decisions. A
    failure here is logged and counted as nothing scored: learning only re-orders candidates, it must
    never cost an import its articles.
    """
    try:
        return rescore(store, profile, article_ids)
    except Exception:  # noqa: BLE001 - logged; the articles are already stored
        log.exception("classifier rescore failed for profile %s", profile)
        return 0


def classifier_scores(store: Store, profile: str, article_ids: Sequence[int]) -> dict[int, float]:
    """Return the stored classifier scores of ``article_ids`` under ``profile`` (unscored ones are left out)."""
    m = t.topic_matches
    out: dict[int, float] = {}
    ids = list(article_ids)
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            query = select(m.c.article_id, m.c.classifier_score).where(
                m.c.profile == profile, m.c.article_id.in_(ids[start:start + 500]), m.c.classifier_score.is_not(None))
            out.update({r.article_id: float(r.classifier_score) for r in conn.execute(query)})
    return out


def rank_key(topic_score: float | None, classifier_score: float | None) -> tuple[float, float]:
    """Return a sort key (ascending = best first): classifier probability first, rule score second.

    An unscored candidate counts as 0.5, neither liked nor disliked.
    """
    learned = 0.5 if classifier_score is None else classifier_score
    return -learned, -(topic_score or 0.0)
