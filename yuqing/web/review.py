"""The weekly review: candidates by story, decisions, the draft's items, preview, publish, downloads."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from yuqing.errors import ReportError
from yuqing.report.window import Window, window_for
from yuqing.web import draft, lifecycle, queries
from yuqing.web.auth import Editor, flash
from yuqing.web.highlight import excerpt, mark_spans

__all__ = ["router"]

router = APIRouter()


def _window(request: Request, day: str | None) -> Window:
    settings = request.app.state.settings
    try:
        when = date.fromisoformat(day) if day else date.today()
    except ValueError:
        raise HTTPException(400, f"日期格式应为 2017-10-23，而不是 {day!r}") from None
    return window_for(when, settings["window.start"], settings["window.end"])


def _week_state(request: Request, window: Window) -> dict:
    """Return what the week page and its fragments show: groups, draft, published issue."""
    engine, profile = request.app.state.store.engine, request.app.state.profile.name
    draft_row = draft.draft_of(engine, profile, window)
    published = draft.published_of(engine, profile, window)
    issue = draft.load_issue(engine, draft_row["id"]) if draft_row else None
    in_draft = {it.article_id for it in issue.items if it.article_id} if issue else set()
    groups = queries.candidates(engine, profile, window, in_draft)
    return {"window": window, "groups": groups, "draft": issue, "published": published,
            "accepted": sum(1 for g in groups if g.decision == "accept"),
            "rejected": sum(1 for g in groups if g.decision == "reject")}


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/week", status_code=303)


@router.get("/week", response_class=HTMLResponse)
def week(request: Request, day: str | None = None) -> Response:
    window = _window(request, day)
    settings = request.app.state.settings
    weeks = queries.weeks_with_candidates(request.app.state.store.engine, request.app.state.profile.name,
                                          settings["window.start"], settings["window.end"])
    return request.app.state.render(
        request, "week.html", **_week_state(request, window), weeks=weeks,
        previous=window.first - timedelta(days=7), following=window.first + timedelta(days=7),
        excerpt=excerpt, mark_spans=mark_spans, today=date.today())


@router.post("/decisions")
def decide(request: Request, user: Editor, day: Annotated[str, Form()], article_id: Annotated[int, Form()],
           decision: Annotated[str, Form()], background: BackgroundTasks) -> Response:
    window = _window(request, day)
    store, settings, profile = request.app.state.store, request.app.state.settings, request.app.state.profile
    groups = queries.candidates(store.engine, profile.name, window)
    group = next((g for g in groups if any(c.id == article_id for c in g.members)), None)
    if group is None:
        raise HTTPException(404, "本周候选中没有这篇文章")
    try:
        issue_id = None
        if draft.published_of(store.engine, profile.name, window) is None:
            issue_id = draft.ensure_draft(store, settings, profile.name, window) if decision == "accept" else (
                (draft.draft_of(store.engine, profile.name, window) or {}).get("id"))
        draft.decide(store.engine, profile.name, group, decision, user.name, issue_id)
    except ReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    # the classifier learns from this decision; the week's candidates are re-scored after the response
    from yuqing.learn import refresh_scores

    background.add_task(refresh_scores, store, profile.name, [c.id for g in groups for c in g.members])
    label = "已采用" if decision == "accept" else "已舍弃"
    if request.headers.get("HX-Request") == "true":
        state = _week_state(request, window)
        fresh = next(g for g in state["groups"] if g.key == group.key)
        return request.app.state.render(request, "_story_response.html", g=fresh, **state,
                                        excerpt=excerpt, mark_spans=mark_spans, message=f"{label}：{group.origin.title}")
    flash(request, f"{label}：{group.origin.title}")
    return RedirectResponse(f"/week?day={window.first}#{group.key}", status_code=303)


def _issue_or_404(request: Request, issue_id: int):  # type: ignore[no-untyped-def]
    issue = draft.load_issue(request.app.state.store.engine, issue_id)
    if issue is None:
        raise HTTPException(404, f"没有第 {issue_id} 号期刊")
    return issue


@router.get("/issues", response_class=HTMLResponse)
def archive(request: Request) -> Response:
    rows = queries.issues(request.app.state.store.engine, request.app.state.profile.name)
    return request.app.state.render(request, "issues.html", issues=rows, formats=lifecycle.formats())


@router.get("/issues/{issue_id}", response_class=HTMLResponse)
def issue_page(request: Request, issue_id: int) -> Response:
    issue = _issue_or_404(request, issue_id)
    return request.app.state.render(request, "issue.html", issue=issue, formats=lifecycle.formats())


def _back(issue_id: int, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/issues/{issue_id}{anchor}", status_code=303)


@router.post("/issues/{issue_id}/items/{position}/move")
def move(request: Request, issue_id: int, position: int, user: Editor,
         to: Annotated[int, Form()]) -> Response:
    try:
        draft.move_item(request.app.state.store.engine, issue_id, position, to)
    except ReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    flash(request, f"第 {position} 条已移到第 {to} 位")
    return _back(issue_id, f"#item-{to}")


@router.post("/issues/{issue_id}/items/{position}")
def edit(request: Request, issue_id: int, position: int, user: Editor,
         title: Annotated[str, Form()], outlet: Annotated[str, Form()], summary: Annotated[str, Form()] = "") -> Response:
    try:
        draft.update_item(request.app.state.store.engine, issue_id, position, title=title, outlet=outlet,
                          summary=summary)
    except ReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    flash(request, f"第 {position} 条已保存")
    return _back(issue_id, f"#item-{position}")


@router.post("/issues/{issue_id}/items/{position}/remove")
def remove(request: Request, issue_id: int, position: int, user: Editor) -> Response:
    try:
        draft.remove_item(request.app.state.store.engine, issue_id, position)
    except ReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    flash(request, f"第 {position} 条已移出本期（采用记录保留，可在候选页改为舍弃）")
    return _back(issue_id)


@router.post("/issues/{issue_id}/refresh")
def refresh(request: Request, issue_id: int, user: Editor) -> Response:
    issue = _issue_or_404(request, issue_id)
    engine, profile = request.app.state.store.engine, request.app.state.profile.name
    groups = queries.candidates(engine, profile, Window(issue.window_from, issue.window_to))
    try:
        added = draft.add_missing(engine, issue_id, groups)
    except ReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    flash(request, f"补入 {added} 条新采用的候选；已有条目及其修改保持不变" if added else "没有需要补入的新采用候选")
    return _back(issue_id)


@router.post("/issues/{issue_id}/publish")
def publish(request: Request, issue_id: int, user: Editor) -> Response:
    try:
        issue = lifecycle.publish(request.app.state.store, request.app.state.settings, issue_id)
    except ReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    flash(request, f"{issue.title}第 {issue.number} 期已发布，内容已冻结")
    return _back(issue_id)


@router.get("/issues/{issue_id}/preview", response_class=HTMLResponse)
def preview(request: Request, issue_id: int) -> Response:
    issue = _issue_or_404(request, issue_id)
    return request.app.state.render(request, "preview.html", issue=issue, formats=lifecycle.formats())


@router.get("/issues/{issue_id}/render.html", response_class=HTMLResponse)
def rendered(request: Request, issue_id: int) -> Response:
    issue = _issue_or_404(request, issue_id)
    return HTMLResponse(lifecycle.preview_html(request.app.state.store, request.app.state.settings, issue))


@router.get("/issues/{issue_id}/download/{fmt}")
def download(request: Request, issue_id: int, fmt: str) -> Response:
    issue = _issue_or_404(request, issue_id)
    try:
        content, name, media = lifecycle.download(request.app.state.store, request.app.state.settings, issue, fmt)
    except ReportError as exc:
        raise HTTPException(404, str(exc)) from exc
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f"attachment; filename=\"{name}\""})
