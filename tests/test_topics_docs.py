"""docs/rules.md stays true: its example profile loads, its error example is what the parser says,
and every example expression in its syntax table parses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yuqing.errors import RuleError
from yuqing.topics import load_profile_text, parse_rule

DOC = (Path(__file__).resolve().parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
EXAMPLE = re.search(r"```yaml\n(.*?)```", DOC, re.S).group(1)


def test_example_profile_loads() -> None:
    profile = load_profile_text(EXAMPLE)
    assert [r.name for r in profile.rules] == ["core", "informatization", "booking", "notices"]


def test_error_example_is_what_the_parser_says() -> None:
    shown = re.search(r"```text\n(profile\.yaml:.*?)\n```", DOC, re.S).group(1)
    broken = re.sub(r"expr: 远程医疗 OR .*", "expr: 远程医疗 OR 远程会诊 OR OR 电子病历", EXAMPLE, count=1)
    with pytest.raises(RuleError) as err:
        load_profile_text(broken, path="profile.yaml")
    assert str(err.value) == shown


def syntax_examples() -> list[str]:
    table = DOC.split("## Expressions", 1)[1].split("Binding,", 1)[0]
    examples = []
    for row in table.splitlines()[2:]:
        cells = row.split(" | ")
        if len(cells) >= 3:
            examples += re.findall(r"`([^`]+)`", cells[-1])
    return examples


@pytest.mark.parametrize("expr", syntax_examples())
def test_syntax_table_examples_parse(expr: str) -> None:
    parse_rule(expr, lists={"health": ["医疗", "医院"]})


def test_command_line_examples_print_what_the_doc_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from yuqing.cli import app

    section = DOC.split("### From the command line", 1)[1]
    article = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    (tmp_path / "profile.yaml").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    session = re.search(r"```console\n(.*?)```", section, re.S).group(1)
    runs = re.split(r"^\$ yuqing (.*)\n", session, flags=re.M)[1:]
    assert len(runs) == 4  # two commands, each with its output
    for command, shown in zip(runs[::2], runs[1::2], strict=True):
        result = CliRunner().invoke(app, command.split())
        assert result.exit_code == 0, result.output
        assert result.stdout == shown, command
