"""``companion generate ...`` through typer's CliRunner: output and bad-input exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from companion.generation.commands import register
from companion.generation.schemas import Agenda, Preparation, ReflectionSummary

INPUT: dict[str, Any] = {
    "language": "de",
    "format": "one-to-one",
    "topic": "topic-remote-work",
    "goals": ["Faire Regeln für hybrides Arbeiten finden"],
    "duration_minutes": 45,
    "session_number": 2,
    "total_sessions": 6,
    "juniors": [{"name": "Lea", "expertise": "Remote Onboarding"}],
    "seniors": [{"name": "Frank", "role": "Werkleiter"}],
    "previous_topics": ["Kennenlernen"],
}


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    for var in ("COMPANION_LLM_BASE_URL", "COMPANION_LLM_API_KEY", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    app = typer.Typer()
    app.command()(lambda: None)  # a second command keeps "generate" a sub-command
    register(app)
    return app


def run(cli: typer.Typer, *args: str) -> Any:
    return CliRunner().invoke(cli, ["generate", *args, "--keyword-search"])


def write(tmp_path: Path, data: Any, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_agenda_as_text(cli: typer.Typer, tmp_path: Path) -> None:
    result = run(cli, "agenda", "--input", write(tmp_path, INPUT))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Session 2 von 6 – Remote Work")
    assert "[  0–5   Min.]" in out and "Leitung: Junior" in out
    assert "Erstellt von: offline" in out


def test_agenda_as_json(cli: typer.Typer, tmp_path: Path) -> None:
    result = run(cli, "agenda", "--input", write(tmp_path, INPUT), "--json")
    assert result.exit_code == 0, result.output
    agenda = Agenda.model_validate_json(result.stdout)
    assert agenda.duration_minutes == 45 and agenda.generated_by == "offline"


def test_preparation_and_reflection_prompts_in_english(cli: typer.Typer, tmp_path: Path) -> None:
    path = write(tmp_path, {**INPUT, "language": "en"})
    prep = run(cli, "preparation", "--input", path, "--json")
    assert prep.exit_code == 0, prep.output
    assert Preparation.model_validate_json(prep.stdout).language == "en"
    prompts = run(cli, "reflection-prompts", "--input", path)
    assert prompts.exit_code == 0 and "Reflection: junior" in prompts.stdout


def test_summary(cli: typer.Typer, tmp_path: Path) -> None:
    data = {
        **INPUT,
        "reflections": [
            {
                "author_role": "senior",
                "answers": {
                    "Was hast du gelernt?": "Präsenztage brauchen einen Anlass.",
                    "Was probierst du aus?": "Ich teste vier Wochen lang eine feste Kernzeit.",
                },
            }
        ],
    }
    result = run(cli, "summary", "--input", write(tmp_path, data), "--json")
    assert result.exit_code == 0, result.output
    summary = ReflectionSummary.model_validate_json(result.stdout)
    assert summary.senior_learnings == ["Präsenztage brauchen einen Anlass."]
    assert summary.next_steps == ["Ich teste vier Wochen lang eine feste Kernzeit."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "input file not found"),
        ("{not json", "is not valid JSON (line 1"),
        ("[1, 2]", "must contain a JSON object"),
        ({**INPUT, "duration_minutes": 10}, "duration_minutes: Input should be greater than or equal to 30"),
        ({**INPUT, "language": "fr"}, "language: Input should be 'de' or 'en'"),
        ({k: v for k, v in INPUT.items() if k != "language"}, "language: Field required"),
        ({**INPUT, "colour": "blue"}, "colour: Extra inputs are not permitted"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    cli: typer.Typer, tmp_path: Path, content: Any, message: str
) -> None:
    path = str(tmp_path / "missing.json") if content is None else write(tmp_path, content)
    result = run(cli, "agenda", "--input", path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_summary_without_reflections_exits_2(cli: typer.Typer, tmp_path: Path) -> None:
    result = run(cli, "summary", "--input", write(tmp_path, INPUT))
    assert result.exit_code == 2 and "needs at least one reflection" in result.stderr
