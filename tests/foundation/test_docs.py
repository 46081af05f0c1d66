"""The README stays true: every setting is documented, and the quick start matches .ci/run."""

from __future__ import annotations

import re
from pathlib import Path

from companion.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _settings_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- settings-table: start -->(.*?)<!-- settings-table: end -->", readme, re.S)
    assert match, "README lost its settings table markers"
    return match.group(1)


def test_every_setting_is_documented() -> None:
    table = _settings_table()
    documented = set(re.findall(r"`(COMPANION_[A-Z_]+)`", table))
    expected = {f"COMPANION_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "undocumented settings"
    assert documented - expected == set(), "README documents settings that do not exist"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make run" in readme
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert "make test" in commands


def test_makefile_default_target_is_help() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert ".DEFAULT_GOAL := help" in makefile
    for target in ("run:", "test:", "lint:", "evals:", "bench:"):
        assert f"\n{target}" in makefile
