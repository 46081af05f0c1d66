"""Removing a coordinator from a programme (API and CLI): 204, the last coordinator is refused with 409,
a coordinator may remove themselves while others remain, 404 for one who is not linked. Also the
reporting-line rule on participant updates. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from companion.cli import build_cli

PROBLEM = "application/problem+json"


@pytest.fixture
def world(world_on_each_db: Any) -> Any:
    """The access-test world (see conftest) on each database backend."""
    return world_on_each_db


def _emails(world: Any, headers: dict[str, str]) -> set[str]:
    r = world.client.get(f"/api/programmes/{world.ids['programme']}/coordinators", headers=headers)
    assert r.status_code == 200, r.text
    return {item["email"] for item in r.json()["items"]}


def test_last_coordinator_is_refused_with_409(world: Any) -> None:
    c, co, p, carla = world.client, world.as_("coordinator"), world.ids["programme"], world.ids["coordinator"]
    r = c.delete(f"/api/programmes/{p}/coordinators/{carla}", headers=co)
    assert r.status_code == 409 and r.headers["content-type"].startswith(PROBLEM)
    assert "last coordinator" in r.json()["detail"]
    assert _emails(world, co) == {"carla@example.org"}


def test_remove_co_coordinator_and_self_removal(world: Any) -> None:
    c, co, st = world.client, world.as_("coordinator"), world.as_("stranger")
    p, carla, sven = world.ids["programme"], world.ids["coordinator"], world.ids["stranger"]
    url = f"/api/programmes/{p}/coordinators"
    assert c.post(url, json={"email": "sven@example.org"}, headers=co).status_code == 201
    assert c.get(f"/api/programmes/{p}", headers=st).status_code == 200
    r = c.delete(f"{url}/{sven}", headers=co)
    assert r.status_code == 204, r.text
    assert c.get(f"/api/programmes/{p}", headers=st).status_code == 403  # no longer theirs
    again = c.delete(f"{url}/{sven}", headers=co)  # not linked any more
    assert again.status_code == 404 and again.headers["content-type"].startswith(PROBLEM)
    assert c.delete(f"{url}/999999", headers=co).status_code == 404
    assert c.delete(f"{url}/{carla}", headers=st).status_code == 403  # a stranger cannot touch it
    assert c.delete(f"{url}/{carla}", headers=world.as_("member")).status_code == 403

    # with a co-coordinator in place, Carla may remove herself; then Sven is the last one
    assert c.post(url, json={"email": "sven@example.org"}, headers=co).status_code == 201
    assert c.delete(f"{url}/{carla}", headers=co).status_code == 204
    assert c.get(f"/api/programmes/{p}", headers=co).status_code == 403
    assert _emails(world, st) == {"sven@example.org"}
    last = c.delete(f"{url}/{sven}", headers=st)
    assert last.status_code == 409 and "last coordinator" in last.json()["detail"]


def test_participant_update_keeps_the_reporting_line_rule(world: Any) -> None:
    c, co, ids = world.client, world.as_("coordinator"), world.ids
    url = f"/api/participants/{ids['a_junior']}"
    r = c.patch(url, json={"manager_id": ids["a_senior"]}, headers=co)  # same pair: refused
    assert r.status_code == 422 and "reporting line" in r.json()["detail"]
    assert c.get(url, headers=co).json()["manager_id"] is None
    r = c.patch(url, json={"manager_id": ids["b_senior"]}, headers=co)  # another pair: fine
    assert r.status_code == 200 and r.json()["manager_id"] == ids["b_senior"]


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Any) -> str:
    monkeypatch.setenv("COMPANION_DATABASE_URL", database_url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMPANION_ENV", "development")
    monkeypatch.setenv("COMPANION_INDEX_ON_START", "false")
    return database_url


def test_cli_removes_a_coordinator(cli_env: str) -> None:
    runner, cli = CliRunner(), build_cli()
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    made = runner.invoke(
        cli, ["coordinator", "create", "--name", "Jo HR", "--email", "jo@example.org", "--programme", "1"]
    )
    assert made.exit_code == 0, made.output
    removed = runner.invoke(cli, ["coordinator", "remove", "JO@example.org", "--programme", "1"])
    assert removed.exit_code == 0 and "no longer coordinates programme 1" in removed.output
    for args, message in [
        (["coordinator", "remove", "jo@example.org", "--programme", "1"], "does not coordinate programme 1"),
        (["coordinator", "remove", "hr@brandt-antriebe.example", "--programme", "1"], "last coordinator"),
        (["coordinator", "remove", "nobody@example.org", "--programme", "1"], "No coordinator with e-mail"),
        (["coordinator", "remove", "jo@example.org"], "Usage"),
    ]:
        result = runner.invoke(cli, args)
        assert result.exit_code != 0, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
