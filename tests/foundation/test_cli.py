"""The CLI: help everywhere, db upgrade, idempotent demo data, clear errors on bad configuration."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from companion.cli import build_cli
from companion.db import engine as db
from companion.db.models import Pair, Programme

runner = CliRunner()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path) -> str:
    monkeypatch.setenv("COMPANION_DATABASE_URL", database_url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMPANION_ENV", "development")
    return database_url


def _count(url: str, model: type) -> int:
    async def run() -> int:
        engine = db.make_engine(url)
        try:
            async with engine.connect() as conn:
                return int(await conn.scalar(select(func.count()).select_from(model)) or 0)
        finally:
            await engine.dispose()

    return asyncio.run(run())


@pytest.mark.parametrize("args", [[], ["serve"], ["demo"], ["db"], ["db", "upgrade"]])
def test_help_everywhere(args: list[str]) -> None:
    result = runner.invoke(build_cli(), [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_db_upgrade_then_demo_is_idempotent(env: str) -> None:
    app = build_cli()
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "revision" in result.output
    first = runner.invoke(app, ["demo"])
    assert first.exit_code == 0, first.output
    assert "Created demo programme" in first.output
    second = runner.invoke(app, ["demo"])
    assert second.exit_code == 0 and "already present" in second.output
    assert _count(env, Programme) == 1
    assert _count(env, Pair) == 3


def test_demo_pairs_use_three_formats(env: str) -> None:
    runner.invoke(build_cli(), ["demo"])

    async def formats() -> set[str]:
        engine = db.make_engine(env)
        try:
            async with engine.connect() as conn:
                return set((await conn.scalars(select(Pair.format))).all())
        finally:
            await engine.dispose()

    assert asyncio.run(formats()) == {"one-to-one", "group", "project"}


def test_unsafe_configuration_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_ENV", "production")
    monkeypatch.delenv("COMPANION_SECRET_KEY", raising=False)
    result = runner.invoke(build_cli(), ["demo"])
    assert result.exit_code == 2
    assert "COMPANION_SECRET_KEY" in result.output
    assert "Traceback" not in result.output


def test_demo_links_follow_the_port_the_service_listens_on(env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COMPANION_BASE_URL", raising=False)
    result = runner.invoke(build_cli(), ["demo", "--port", "8131"])
    assert result.exit_code == 0, result.output
    links = [line.split()[-1] for line in result.output.splitlines() if "/auth/invite/" in line]
    assert len(links) == 9 and all(link.startswith("http://127.0.0.1:8131/auth/invite/") for link in links)
    wildcard = runner.invoke(build_cli(), ["demo", "--host", "0.0.0.0", "--port", "9000"])
    assert "http://127.0.0.1:9000/auth/invite/" in wildcard.output
    # An explicit public address (e.g. behind a proxy) wins over the bind address.
    monkeypatch.setenv("COMPANION_BASE_URL", "https://mentoring.example.org")
    proxied = runner.invoke(build_cli(), ["demo", "--port", "8131"])
    assert "https://mentoring.example.org/auth/invite/" in proxied.output and ":8131" not in proxied.output


def test_serve_makes_the_app_link_to_its_own_address(env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from companion.settings import get_settings

    monkeypatch.setenv("COMPANION_BASE_URL", "placeholder")
    monkeypatch.delenv("COMPANION_BASE_URL")  # restored (unset) after the test, also if serve set it
    seen: dict[str, object] = {}

    def fake_run(app: str, **kw: object) -> None:
        seen.update(kw, base_url=get_settings().base_url)  # what create_app will read

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = runner.invoke(build_cli(), ["serve", "--port", "8131"])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8131 and seen["base_url"] == "http://127.0.0.1:8131"
