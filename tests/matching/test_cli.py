"""``companion match`` and ``companion plan`` against a database the API filled (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from companion.cli import build_cli
from tests.matching.test_matching_api import _programme


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CLI's data directory, shared by this module's tests: ``match`` and ``plan`` index the whole
    knowledge base on a fresh one (about 5 s each time with the hash embedder); after the first call
    they find the index up to date. The database is still each test's own."""
    return tmp_path_factory.mktemp("cli-data")


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, cli_data: Path) -> None:
    monkeypatch.setenv("COMPANION_DATABASE_URL", database_url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(cli_data))
    monkeypatch.setenv("COMPANION_ENV", "development")
    monkeypatch.setenv("COMPANION_EMBEDDER", "hash")
    monkeypatch.delenv("COMPANION_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


def test_match_prints_explanations_and_accepts(client: Any, cli_env: None) -> None:
    pid, ids = _programme(client)
    runner, cli = CliRunner(), build_cli()
    out = runner.invoke(cli, ["match", "--programme", str(pid), "--max-per-senior", "2"])
    assert out.exit_code == 0, out.output
    assert "Lea Schulz ↔ Dr. Helga Brandt" in out.output
    assert "Lea Schulz kennt sich mit Social Media aus, was Dr. Helga Brandt lernen möchte" in out.output
    out = runner.invoke(cli, ["match", "--programme", str(pid), "--accept", "--json", "--lang", "en"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    assert all(a["pair_id"] for a in body["accepted"]) and "no reporting line" in out.output
    assert client.get(f"/api/programmes/{pid}/pairs").json()["total"] == 2
    # Everyone is paired now: the command says so instead of printing nothing.
    out = runner.invoke(cli, ["match", "--programme", str(pid)])
    assert out.exit_code == 0 and "es gibt nichts vorzuschlagen" in out.output, out.output
    pairs = client.get(f"/api/programmes/{pid}/pairs").json()["items"]
    pair = next(p["id"] for p in pairs if p["junior_ids"] == [ids["lea"]])
    out = runner.invoke(cli, ["plan", "--pair", str(pair)])
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0].startswith("1. ") and "Kennenlernen" in out.output
    out = runner.invoke(cli, ["plan", "--pair", str(pair), "--accept"])
    assert out.exit_code == 0 and "accepted" in out.output
    lea = {"Authorization": f"Bearer {client.participant_token(ids['lea'])}"}
    assert client.get(f"/api/pairs/{pair}/sessions", headers=lea).json()["total"] == 6


def test_match_bad_input(client: Any, cli_env: None) -> None:
    runner, cli = CliRunner(), build_cli()
    out = runner.invoke(cli, ["match", "--programme", "424242"])
    assert out.exit_code == 1 and "does not exist" in out.output
    assert runner.invoke(cli, ["match", "--programme", "1", "--lang", "fr"]).exit_code == 2
    assert runner.invoke(cli, ["plan", "--pair", "424242"]).exit_code == 1
