"""Topic profiles: a YAML file of weighted, named rules, and the score an article gets against them.

Score = Σ over the non-veto rules that fire of ``weight × m``, where ``m`` is ``title_weight`` when any
place that made the rule fire is in the title, else ``body_weight`` when any is in the body, else 1
(rules that fire on outlet, site or tier alone). The article matches when no veto rule fires and the
score reaches ``threshold``. See docs/rules.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YamlNode

from yuqing.errors import ConfigError, RuleError
from yuqing.models import RuleHit, TopicMatch
from yuqing.topics.nodes import FIELDS, And, Node, Not, Or
from yuqing.topics.parser import parse_rule
from yuqing.topics.scan import Fields, Vocabulary, fold_term

__all__ = ["Profile", "Rule", "default_profile_path", "load_profile", "load_profile_text"]

DEFAULT_PROFILE = "卫生信息化.yaml"

_PROFILE_KEYS = {"name", "description", "threshold", "title_weight", "body_weight", "lists", "rules"}
_RULE_KEYS = {"weight", "expr", "all_of", "any_of", "none_of", "veto", "description"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One named rule: its AST, its weight, whether it vetoes, and the YAML line it came from."""

    name: str
    node: Node
    weight: float = 1.0
    veto: bool = False
    description: str = ""
    line: int | None = None


class Profile:
    """A topic: rules, their weights and the threshold that decides a match."""

    def __init__(
        self,
        name: str,
        rules: list[Rule],
        threshold: float,
        *,
        title_weight: float = 2.0,
        body_weight: float = 1.0,
        description: str = "",
        path: Path | None = None,
    ) -> None:
        self.name = name
        self.rules = list(rules)
        self.threshold = float(threshold)
        self.title_weight = float(title_weight)
        self.body_weight = float(body_weight)
        self.description = description
        self.path = path
        self._vocabulary = Vocabulary(self.terms())

    def __repr__(self) -> str:
        return f"Profile({self.name!r}, {len(self.rules)} rules, threshold={self.threshold})"

    def terms(self) -> list[str]:
        """Every distinct term of the profile, normalised, in first-use order (for a segmenter's dictionary)."""
        seen: dict[str, None] = {}
        for rule in self.rules:
            for term in rule.node.terms():
                seen.setdefault(term.text, None)
        return list(seen)

    def match(self, doc: Any) -> TopicMatch:
        """Score ``doc`` (anything with ``title``, ``text``, ``outlet``, ``site``, optional ``tier``)."""
        fields = Fields(doc, self._vocabulary)
        score = 0.0
        hits: list[RuleHit] = []
        vetoed_by: str | None = None
        for rule in self.rules:
            fired, spans = rule.node.evaluate(fields)
            if not fired:
                continue
            unique = sorted(set(spans), key=_reading_order)
            terms = list(dict.fromkeys(fields.field(f).text[s:e] for f, s, e in unique))
            mapped = [(f, *fields.original(f, s, e)) for f, s, e in unique]
            if rule.veto:
                vetoed_by = vetoed_by or rule.name
                hits.append(RuleHit(rule.name, 0.0, terms, mapped))
                continue
            in_fields = {f for f, _, _ in unique}
            if "title" in in_fields:
                factor = self.title_weight
            elif "body" in in_fields:
                factor = self.body_weight
            else:
                factor = 1.0
            contribution = rule.weight * factor
            score += contribution
            hits.append(RuleHit(rule.name, contribution, terms, mapped))
        return TopicMatch(self.name, round(score, 6), self.threshold, hits, vetoed_by)


def _reading_order(span: tuple[str, int, int]) -> tuple[int, int, int]:
    return FIELDS.index(span[0]), span[1], span[2]


def default_profile_path() -> Path:
    """The 卫生信息化 profile that ships with yuqing."""
    return Path(__file__).resolve().parent.parent / "data" / "topics" / DEFAULT_PROFILE


def load_profile(path: str | Path) -> Profile:
    """Read a profile from a YAML file; raise :class:`ConfigError` / :class:`RuleError` naming file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read topic profile: {exc.strerror}", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("topic profile is not UTF-8", str(path)) from exc
    return load_profile_text(text, path=path)


def load_profile_text(text: str, *, path: str | Path | None = None) -> Profile:
    """Read a profile from YAML text (``path`` only labels errors)."""
    where = str(path) if path is not None else "<profile>"
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise ConfigError(f"not valid YAML: {exc.problem}", where, line, column) from exc
    if not isinstance(root, MappingNode):
        raise ConfigError("a topic profile is a YAML mapping (name, threshold, rules …)", where, 1)
    top = _mapping(root, where)
    _no_unknown(top, _PROFILE_KEYS, where, "profile")

    name = _string(top, "name", where, required=True)
    threshold = _number(top, "threshold", where, required=True)
    title_weight = _number(top, "title_weight", where, default=2.0)
    body_weight = _number(top, "body_weight", where, default=1.0)
    description = _string(top, "description", where) or ""

    lists = _lists(top, where)

    if "rules" not in top:
        raise ConfigError("a profile needs rules", where, _line(root))
    rules_key, rules_node = top["rules"]
    if not isinstance(rules_node, MappingNode) or not rules_node.value:
        raise ConfigError("rules: a mapping of rule name to rule", where, _line(rules_key))
    rules = [_rule(key, node, where, lists) for key, node in _mapping(rules_node, where).values()]
    return Profile(
        str(name),
        rules,
        threshold,
        title_weight=title_weight,
        body_weight=body_weight,
        description=description,
        path=Path(path) if path is not None else None,
    )


def _lists(top: dict[str, tuple[YamlNode, YamlNode]], where: str) -> dict[str, list[str]]:
    """``lists:`` maps a name to a list of plain terms, used in rules as ``@name``."""
    if "lists" not in top:
        return {}
    key, node = top["lists"]
    if not isinstance(node, MappingNode):
        raise ConfigError("lists: a mapping of list name to a list of terms", where, _line(key))
    out: dict[str, list[str]] = {}
    for name, (name_key, seq) in _mapping(node, where).items():
        if not isinstance(seq, SequenceNode) or not seq.value:
            raise ConfigError(f"list {name!r}: a non-empty list of terms", where, _line(name_key))
        terms = []
        for item in seq.value:
            value = _value(item)
            if not isinstance(value, str | int | float) or not fold_term(str(value)):
                raise ConfigError(f"list {name!r}: items are terms", where, _line(item))
            terms.append(str(value))
        out[name] = terms
    return out


def _rule(key: YamlNode, node: YamlNode, where: str, lists: dict[str, list[str]]) -> Rule:
    name = str(key.value)
    line = _line(key)
    if not isinstance(node, MappingNode):
        raise RuleError(
            f"rule {name!r}: a mapping with weight and expr (or all_of / any_of / none_of)", where, line
        )
    fields = _mapping(node, where)
    _no_unknown(fields, _RULE_KEYS, where, f"rule {name!r}")
    veto = bool(_value(fields["veto"][1])) if "veto" in fields else False
    weight = _number(fields, "weight", where, default=1.0)
    description = _string(fields, "description", where) or ""
    groups = [k for k in ("all_of", "any_of", "none_of") if k in fields]
    if "expr" in fields and groups:
        raise RuleError(f"rule {name!r}: give expr or all_of/any_of/none_of, not both", where, line)
    if "expr" in fields:
        expr_node = fields["expr"][1]
        expr = _value(expr_node)
        if expr is None or (isinstance(expr, str) and not expr.strip()):
            raise RuleError(f"rule {name!r}: empty rule", where, _line(expr_node))
        if not isinstance(expr, str):
            raise RuleError(f"rule {name!r}: expr must be text", where, _line(expr_node))
        tree = parse_rule(expr, path=where, line=_line(expr_node), rule=name, lists=lists)
    elif groups:
        tree = _groups(name, fields, where, lists)
    else:
        raise RuleError(f"rule {name!r}: empty rule (no expr, all_of, any_of or none_of)", where, line)
    return Rule(name, tree, weight, veto, description, line)


def _groups(
    name: str, fields: dict[str, tuple[YamlNode, YamlNode]], where: str, lists: dict[str, list[str]]
) -> Node:
    """all_of / any_of / none_of compile to ``a AND b AND (c OR d) AND NOT (e OR f)``; each item is an expression."""
    parts: list[Node] = []
    for group in ("all_of", "any_of", "none_of"):
        if group not in fields:
            continue
        key, seq = fields[group]
        items = [seq] if isinstance(seq, ScalarNode) else seq.value if isinstance(seq, SequenceNode) else None
        if not items:
            raise RuleError(f"rule {name!r}: {group} is empty", where, _line(key))
        trees = []
        for item in items:
            value = _value(item)
            if not isinstance(value, str | int | float) or not str(value).strip():
                raise RuleError(f"rule {name!r}: {group} items are terms or expressions", where, _line(item))
            trees.append(parse_rule(str(value), path=where, line=_line(item), rule=name, lists=lists))
        if group == "all_of":
            parts.extend(trees)
        else:
            either = trees[0] if len(trees) == 1 else Or(tuple(trees))
            parts.append(either if group == "any_of" else Not(either))
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _mapping(node: MappingNode, where: str) -> dict[str, tuple[YamlNode, YamlNode]]:
    out: dict[str, tuple[YamlNode, YamlNode]] = {}
    for key, value in node.value:
        name = str(key.value)
        if name in out:
            raise ConfigError(f"{name!r} appears twice", where, _line(key))
        out[name] = (key, value)
    return out


def _no_unknown(fields: dict[str, tuple[YamlNode, YamlNode]], known: set[str], where: str, what: str) -> None:
    for name, (key, _) in fields.items():
        if name not in known:
            raise ConfigError(
                f"{what}: unknown key {name!r} (known: {', '.join(sorted(known))})", where, _line(key)
            )


def _value(node: YamlNode) -> Any:
    return yaml.SafeLoader("").construct_object(node, deep=True)


def _line(node: YamlNode) -> int:
    return node.start_mark.line + 1


def _string(fields: dict, key: str, where: str, *, required: bool = False) -> str | None:
    if key not in fields:
        if required:
            raise ConfigError(f"a profile needs {key!r}", where, 1)
        return None
    value = _value(fields[key][1])
    if value is None or isinstance(value, dict | list):
        raise ConfigError(f"{key}: expected text", where, _line(fields[key][1]))
    return str(value)


def _number(fields: dict, key: str, where: str, *, default: float = 0.0, required: bool = False) -> float:
    if key not in fields:
        if required:
            raise ConfigError(f"a profile needs {key!r}", where, 1)
        return default
    value = _value(fields[key][1])
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{key}: expected a number, got {value!r}", where, _line(fields[key][1]))
    return float(value)
