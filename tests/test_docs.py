"""The docs are tested: every setting is documented, README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from yuqing.cli import app
from yuqing.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_with_its_default():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in doc]
    assert not missing, f"docs/settings.md does not document: {missing}"
    for s in SETTINGS:
        row = next(line for line in doc.splitlines() if f"`{s.name}`" in line)
        assert f"`{s.env}`" in row, f"{s.name}: env name {s.env} missing from its row"


def test_readme_names_the_two_commands_and_they_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for script in ("./scripts/demo.sh", "./scripts/test.sh"):
        assert script in readme
        assert (ROOT / script).stat().st_mode & 0o111, f"{script} is not executable"


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\./scripts/test\.sh\s*$", ci, re.M)


def test_every_yuqing_command_in_the_readme_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", readme, re.S))
    used = set(re.findall(r"^yuqing ([a-z]+)", blocks, re.M))
    assert used, "the README tour names no command"
    runner = CliRunner()
    for command in sorted(used):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, f"`yuqing {command} --help` failed: {result.output}"
