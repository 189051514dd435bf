"""Users of the web workspace: names, argon2 password hashes and roles (admin, editor, viewer)."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, insert, select, update

from yuqing.errors import ConfigError
from yuqing.store import schema as t
from yuqing.store.db import utcnow

__all__ = ["ROLES", "User", "add_user", "authenticate", "get_user", "list_users"]

ROLES = ("admin", "editor", "viewer")
"""admin and editor may change things; a viewer only reads."""

_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "editor")


def _check(name: str, password: str, role: str) -> None:
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if not name.strip() or len(name) > 100:
        raise ConfigError("a user name is 1–100 characters")
    if len(password) < 8:
        raise ConfigError("a password has at least 8 characters")


def add_user(engine: Engine, name: str, password: str, role: str, *, replace: bool = False) -> User:
    """Create user ``name`` (or, with ``replace``, set its password and role); return it."""
    _check(name, password, role)
    digest = _hasher.hash(password)
    with engine.begin() as conn:
        row = conn.execute(select(t.users.c.id).where(t.users.c.name == name)).first()
        if row is not None:
            if not replace:
                raise ConfigError(f"user {name!r} exists; pass --replace to set a new password and role")
            conn.execute(update(t.users).where(t.users.c.id == row.id).values(password_hash=digest, role=role))
            return User(int(row.id), name, role)
        result = conn.execute(insert(t.users).values(name=name, password_hash=digest, role=role,
                                                     created_at=utcnow()))
        return User(int(result.inserted_primary_key[0]), name, role)


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """Return the user when ``password`` is theirs, else ``None`` (unknown name or wrong password)."""
    with engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
    if row is None:
        _hasher.hash(password)  # spend the same time as a real check, so names cannot be probed by timing
        return None
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        with engine.begin() as conn:
            conn.execute(update(t.users).where(t.users.c.id == row.id)
                         .values(password_hash=_hasher.hash(password)))
    return User(int(row.id), row.name, row.role)


def get_user(engine: Engine, user_id: int) -> User | None:
    with engine.connect() as conn:
        row = conn.execute(select(t.users.c.id, t.users.c.name, t.users.c.role)
                           .where(t.users.c.id == user_id)).first()
    return User(int(row.id), row.name, row.role) if row else None


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as conn:
        rows = conn.execute(select(t.users.c.id, t.users.c.name, t.users.c.role).order_by(t.users.c.name)).all()
    return [User(int(r.id), r.name, r.role) for r in rows]
