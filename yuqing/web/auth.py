"""Log in, log out, who is asking, and the two guards every change passes: the CSRF token and the role.

Sessions are signed cookies (Starlette's SessionMiddleware: HttpOnly, SameSite=Lax) holding the user
id and a CSRF token bound to the session. Every POST carries the token, as the form field
``csrf_token`` or the header ``X-CSRF-Token`` (HTMX sends it from ``<body hx-headers>``).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from yuqing.store.users import User, authenticate, get_user

__all__ = ["PUBLIC_PREFIXES", "Editor", "csrf_token", "editor", "flash", "load_secret", "router", "session_user",
           "verify_csrf"]

router = APIRouter()

PUBLIC_PREFIXES = ("/login", "/static/")
SECRET_FILE = ".yuqing-web-secret"


def load_secret(workspace: Path) -> str:
    """Return the workspace's session-signing secret, generating it (mode 600) on first use."""
    path = workspace / SECRET_FILE
    if path.is_file():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 32:
            return value
    value = secrets.token_urlsafe(48)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(value + "\n", encoding="utf-8")
    return value


def csrf_token(request: Request) -> str:
    """Return the session's CSRF token, creating one for a new session."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def flash(request: Request, text: str, kind: str = "ok") -> None:
    """Queue a message for the next page this session shows."""
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], [kind, text]]


def wants_json(request: Request) -> bool:
    return (request.headers.get("HX-Request") == "true" or request.url.path.startswith("/api/")
            or "application/json" in request.headers.get("accept", ""))


def session_user(request: Request) -> User | None:
    """Return the logged-in user of ``request`` (looked up afresh, so a removed user is logged out)."""
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    return get_user(request.app.state.store.engine, uid)


async def require_login(request: Request, call_next):  # type: ignore[no-untyped-def]
    """Middleware: refuse anonymous requests (redirect pages to /login, 401 for HTMX and API calls)."""
    path = request.url.path
    if any(path == p or path.startswith(p) for p in PUBLIC_PREFIXES):
        return await call_next(request)
    user = session_user(request)
    if user is None:
        if wants_json(request):
            return JSONResponse({"detail": "请先登录"}, status_code=401)
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    request.state.user = user
    return await call_next(request)


async def verify_csrf(request: Request) -> None:
    """Dependency: refuse (403) a POST whose CSRF token is missing or is not this session's."""
    expected = request.session.get("csrf")
    given = request.headers.get("X-CSRF-Token")
    if not given:
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if not expected or not given or not secrets.compare_digest(str(expected), given):
        raise HTTPException(status_code=403, detail="表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")


async def editor(request: Request, _: Annotated[None, Depends(verify_csrf)]) -> User:
    """Dependency for every change: a valid CSRF token and a user allowed to edit (admin, editor)."""
    user: User = request.state.user
    if not user.can_edit:
        raise HTTPException(status_code=403, detail="只读用户（viewer）不能修改内容")
    return user


Editor = Annotated[User, Depends(editor)]
"""Parameter type of a route that changes something."""


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/login")
def login_page(request: Request, next: str | None = None) -> Response:
    if session_user(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return request.app.state.render(request, "login.html", next=_safe_next(next), name="")


@router.post("/login", dependencies=[Depends(verify_csrf)])
async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    target = _safe_next(str(form.get("next", "/")))
    user = authenticate(request.app.state.store.engine, name, password)
    if user is None:
        return request.app.state.render(request, "login.html", next=target, name=name,
                                        error="用户名或密码不正确", status_code=401)
    request.session.clear()  # a fresh session (and CSRF token) after logging in
    request.session["uid"] = user.id
    csrf_token(request)
    flash(request, f"欢迎，{user.name}")
    return RedirectResponse(target, status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    request.session.clear()
    flash(request, "已退出登录")
    return RedirectResponse("/login", status_code=303)
