"""``companion index`` and ``companion search`` through Typer's runner (hash embedder, temp dirs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from companion.retrieval.commands import register


@pytest.fixture
def cli(tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMPANION_KNOWLEDGE_DIR", str(sample_dir))
    monkeypatch.setenv("COMPANION_EMBEDDER", "hash")
    monkeypatch.delenv("COMPANION_CHROMA_URL", raising=False)
    app = typer.Typer()
    register(app)
    return app


def test_index_shows_progress_then_nothing_to_do(cli: typer.Typer, cards) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["index"])
    assert first.exit_code == 0, first.output
    n = 2 * len(cards.sample_ids)
    assert f"[hash512] {n}/{n} cards embedded" in first.output
    assert f"Index ready: {n} cards" in first.output
    second = runner.invoke(cli, ["index"])
    assert second.exit_code == 0
    assert "cards embedded" not in second.output and "Index ready" in second.output


def test_search_prints_text_and_json(cli: typer.Typer) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["search", "Homeoffice Präsenztage", "--lang", "de", "-k", "2"])
    assert text.exit_code == 0, text.output
    assert text.output.startswith("1. ") and "[topic-remote-work, de]" in text.output
    raw = runner.invoke(cli, ["search", "feedback", "--json", "--kind", "topic", "-k", "3"])
    results = json.loads(raw.output)
    assert len(results) == 3 and {r["kind"] for r in results} == {"topic"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "unknown language 'fr'"),
        (["--kind", "recipe"], "unknown kind 'recipe'"),
        (["--category", "sports"], "unknown category 'sports'"),
    ],
)
def test_search_rejects_bad_filters(cli: typer.Typer, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["search", "Feedback", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_broken_card_is_a_clear_error(cli: typer.Typer, sample_dir: Path) -> None:
    (sample_dir / "de" / "topic-remote-work.md").write_text("no front matter", encoding="utf-8")
    result = CliRunner().invoke(cli, ["index"])
    assert result.exit_code == 1
    assert "Knowledge error" in result.output and "topic-remote-work.md" in result.output


def test_search_by_card_lists_each_card_once(cli: typer.Typer) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["search", "Homeoffice Präsenztage", "--lang", "de", "-k", "3", "--cards"])
    assert text.exit_code == 0, text.output
    lines = [line for line in text.output.splitlines() if line[:1].isdigit()]
    assert len(lines) == 3 and "[topic-remote-work, de, topic]" in lines[0]
    raw = runner.invoke(cli, ["search", "feedback", "--json", "--cards", "-k", "3"])
    hits = json.loads(raw.output)
    assert len({(h["card_id"], h["lang"]) for h in hits}) == 3 and all(h["passages"] for h in hits)
