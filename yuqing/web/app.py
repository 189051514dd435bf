"""The FastAPI application of the web workspace: server-rendered Jinja pages, HTMX for small updates.

``create_app(workspace)`` opens the workspace (settings, store, topic profile) once; every page reads
and writes through the store. Text from articles is always escaped (Jinja autoescape); rule matches
are marked by :mod:`yuqing.web.highlight`, which escapes before it wraps.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from yuqing.report.window import CHINA
from yuqing.text.numerals import chinese_date, issue_label
from yuqing.workspace import Workspace, open_workspace

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent
TIER_LABELS = {"central": "中央媒体", "ministry": "部委网站", "provincial": "省级卫生部门", "industry": "行业媒体",
               "other": "其他"}
ROLE_LABELS = {"admin": "管理员", "editor": "编辑", "viewer": "只读"}
STATUS_LABELS = {"draft": "草稿", "published": "已发布", "correction": "更正"}


def _china_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        from yuqing.store.db import from_db

        value = from_db(value)
    assert value is not None
    return value.astimezone(CHINA).strftime(fmt)


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every template, whatever its name: article text is never markup
    env.filters["china_time"] = _china_time
    env.filters["china_day"] = lambda v: _china_time(v, "%Y-%m-%d")
    env.filters["chinese_date"] = lambda d: chinese_date(d) if isinstance(d, date) else ""
    env.filters["issue_label"] = issue_label
    env.filters["tier"] = lambda v: TIER_LABELS.get(v or "other", v)
    env.filters["score"] = lambda v: "—" if v is None else f"{v:.2f}" if isinstance(v, float) and v < 10 else f"{v:.1f}"
    env.globals.update(ROLE_LABELS=ROLE_LABELS, STATUS_LABELS=STATUS_LABELS, TIER_LABELS=TIER_LABELS)
    return templates


def create_app(workspace: Workspace | str | Path | None = None, *, secret: str | None = None) -> FastAPI:
    """Return the web app over ``workspace`` (a Workspace, a folder, or $YUQING_WORKSPACE)."""
    from yuqing.web import auth, browse, review

    ws = workspace if isinstance(workspace, Workspace) else open_workspace(workspace)
    app = FastAPI(title="yuqing 舆情工作台", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.workspace = ws
    app.state.settings = ws.settings
    app.state.store = ws.store
    app.state.profile = ws.profile
    templates = _templates()

    def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        user = getattr(request.state, "user", None)
        flashes = request.session.pop("flash", [])
        return templates.TemplateResponse(request, template, {
            "user": user, "csrf": auth.csrf_token(request), "flashes": flashes,
            "masthead": ws.settings["masthead.title"], "profile": ws.profile.name, **context,
        }, status_code=status_code)

    app.state.render = render
    app.state.templates = templates

    app.middleware("http")(auth.require_login)
    app.add_middleware(SessionMiddleware, secret_key=secret or auth.load_secret(ws.path),
                       session_cookie="yuqing_session", max_age=12 * 3600, same_site="lax", https_only=False)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(auth.router)
    app.include_router(review.router)
    app.include_router(browse.router)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if auth.wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        titles = {403: "无权操作", 404: "未找到", 400: "请求有误"}
        return render(request, "error.html", status_code=exc.status_code,
                      title=titles.get(exc.status_code, "出错了"), detail=exc.detail)

    return app
