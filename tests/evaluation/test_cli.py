"""``companion evaluation export|close`` on both databases: aggregates only, clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from companion.cli import build_cli

runner = CliRunner()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, eval_client: Any) -> Any:
    client, url = eval_client
    monkeypatch.setenv("COMPANION_DATABASE_URL", url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMPANION_ENV", "development")
    return client, url


def test_export_and_close_from_the_command_line(cli_env: Any, build: Any, tmp_path: Path) -> None:
    client, url = cli_env
    w = build(client, url, pairs=3, k=3)
    for pid in w.juniors + w.seniors:
        body = {
            "answers": {"want_to_learn": "Geheimnis von Nummer2", "confidence": {"topic-ai-automation": 3}}
        }
        assert w.answer(pid, "pre", body).status_code == 201

    result = runner.invoke(build_cli(), ["evaluation", "close", "pre", "--programme", str(w.id)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(build_cli(), ["evaluation", "export", "--programme", str(w.id)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "survey,status,question,label,group,respondents,measure,value"
    assert "pre,closed,confidence,Wie sicher fühlst du dich in diesen Themen?,all,6,mean,3.0" in lines
    assert "Geheimnis" not in result.output and "Nummer2" not in result.output

    out = tmp_path / "eval.csv"
    result = runner.invoke(build_cli(), ["evaluation", "export", "--programme", str(w.id), "--out", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").splitlines() == lines


@pytest.mark.parametrize(
    "args",
    [
        ["evaluation", "export", "--programme", "999"],
        ["evaluation", "close", "pre", "--programme", "999"],
        ["evaluation", "close", "sometime", "--programme", "1"],
        ["evaluation", "export", "--programme", "1", "--out", "/nonexistent-dir/x.csv"],
    ],
)
def test_cli_errors_are_messages_with_exit_codes(cli_env: Any, build: Any, args: list[str]) -> None:
    client, url = cli_env
    build(client, url, pairs=1)
    result = runner.invoke(build_cli(), args)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert result.output.strip()
