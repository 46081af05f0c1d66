"""``companion eval``: report, results file, exit codes (0 pass, 1 below thresholds, 2 bad usage)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.cli import build_cli
from companion.evalcli import parse_thresholds
from evals import control_outputs
from evals.controls import Control

runner = CliRunner()


def test_help() -> None:
    result = runner.invoke(build_cli(), ["eval", "--help"])
    assert result.exit_code == 0
    assert "--composer" in result.output and "--min-pass-rate" in result.output


def test_offline_subset_passes_and_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "latest.md"
    result = runner.invoke(build_cli(), ["eval", "--case", "prompts-en", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "Evaluation Summary:" in result.output and "prompts-en-final" in result.output
    )  # pydantic-evals table
    assert "All thresholds met (4 cases)" in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Eval results: offline") and "| EyeLevel | 4 | 4 | 100.0% | 100% |" in text


def test_recorded_subset_runs_without_network(tmp_path: Path) -> None:
    out = tmp_path / "recorded.md"
    result = runner.invoke(
        build_cli(),
        ["eval", "--composer", "recorded", "--dataset", "summaries", "--quiet", "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert "# Eval results: recorded LLM responses" in out.read_text(encoding="utf-8")


def test_below_threshold_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = control_outputs.build_controls

    def broken(knowledge):  # a good example declared bad: the run must not accept it silently
        good = real(knowledge)[0]
        return [Control(good.name, good.task, good.context, good.output, good.meta, must_fail=("Structure",))]

    monkeypatch.setattr(control_outputs, "build_controls", broken)
    result = runner.invoke(
        build_cli(), ["eval", "--case", "prompts-en", "--quiet", "--output", str(tmp_path / "x.md")]
    )
    assert result.exit_code == 1
    assert "negative control good-agenda-de: Structure should fail but got pass" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--min-pass-rate", "abc"], "expected a number"),
        (["--min-pass-rate", "1.5"], "between 0 and 1"),
        (["--dataset", "nope"], "unknown dataset"),
        (["--record"], "--record needs --composer configured"),
        (["--judge"], "a judge needs an OpenAI-compatible endpoint"),
    ],
)
def test_bad_usage_exits_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = runner.invoke(build_cli(), ["eval", *args, "--quiet", "--output", str(tmp_path / "x.md")])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_parse_thresholds() -> None:
    assert parse_thresholds([]) == {}
    assert parse_thresholds(["0.9", "EyeLevel=1", "judge_dialogue=0.8"]) == {
        "*": 0.9,
        "EyeLevel": 1.0,
        "judge_dialogue": 0.8,
    }
