"""One exception tree for yuqing.

::

    YuqingError                      anything yuqing raises on purpose
    ├── WorkspaceError               no workspace there, or its yuqing.toml is unreadable
    ├── ConfigError                  a setting or YAML file is wrong (names file and line)
    │   └── RuleError                a topic rule does not parse (names file, line, column)
    ├── InputError                   an input file cannot be used (empty, binary, undecodable)
    ├── StoreError                   the database refused (migration, constraint, connection)
    └── ReportError                  an issue cannot be composed or rendered

A page that is merely bad is not an exception: stages return ``None`` or a :class:`yuqing.models.Drop`.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "ReportError",
    "RuleError",
    "StoreError",
    "WorkspaceError",
    "YuqingError",
]


class YuqingError(Exception):
    """Base of every error yuqing raises on purpose."""


class WorkspaceError(YuqingError):
    """The workspace folder is missing or its yuqing.toml cannot be read."""


class ConfigError(YuqingError):
    """A configuration file is wrong. ``path`` and ``line`` say where, when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        where = ""
        if path:
            where = str(path)
            if line is not None:
                where += f":{line}"
                if column is not None:
                    where += f":{column}"
            where += ": "
        super().__init__(where + message)
        self.message = message


class RuleError(ConfigError):
    """A topic rule does not parse or names an unknown field."""


class InputError(YuqingError):
    """An input file cannot be used at all."""


class StoreError(YuqingError):
    """The database refused an operation."""


class ReportError(YuqingError):
    """An issue cannot be composed or rendered."""
