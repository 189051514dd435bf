"""Pages that only read: search over all articles, one article, source health, the dashboard."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from yuqing.store.search import search as run_search
from yuqing.web import queries
from yuqing.web.highlight import mark_spans, mark_words

__all__ = ["router"]

router = APIRouter()
PAGE = 20


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", page: int = 1) -> Response:
    page = max(page, 1)
    hits, total = run_search(request.app.state.store.engine, q, limit=PAGE, offset=(page - 1) * PAGE) if q.strip() \
        else ([], 0)
    words = q.split()
    return request.app.state.render(request, "search.html", q=q, hits=hits, total=total, page=page,
                                    pages=(total + PAGE - 1) // PAGE, words=words, mark_words=mark_words)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: int) -> Response:
    row = queries.article(request.app.state.store.engine, article_id, request.app.state.profile.name)
    if row is None:
        raise HTTPException(404, f"没有编号为 {article_id} 的文章")
    return request.app.state.render(request, "article.html", a=row, mark_spans=mark_spans)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> Response:
    rows = queries.sources(request.app.state.store.engine)
    return request.app.state.render(request, "sources.html", sources=rows)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, day: str | None = None, days: int = 14) -> Response:
    engine = request.app.state.store.engine
    try:
        last = date.fromisoformat(day) if day else (queries.newest_article_day(engine) or date.today())
    except ValueError:
        raise HTTPException(400, f"日期格式应为 2017-10-23，而不是 {day!r}") from None
    counts = queries.daily_counts(engine, last, max(1, min(days, 90)))
    return request.app.state.render(request, "dashboard.html", counts=counts, last=last, days=days)
