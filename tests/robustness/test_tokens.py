"""Revocable tokens: every signed-in person (coordinators too) lists and ends their own sign-ins and API
tokens — over the API, on their page and from the command line; nobody reaches someone else's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from litestar.testing import TestClient
from typer.testing import CliRunner

from companion.cli import build_cli
from tests.robustness.conftest import Pilot, make_pilot


@pytest.fixture
def pilot_client(
    make_settings: Any, database_url: str, build_app: Any
) -> Iterator[tuple[TestClient[Any], Pilot]]:
    app = build_app(make_settings(database_url=database_url))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, make_pilot(client, database_url)


def test_a_coordinator_lists_and_revokes_their_own_tokens(
    pilot_client: tuple[TestClient[Any], Pilot],
) -> None:
    client, pilot = pilot_client
    co = pilot.headers("coordinator")
    second = client.post("/api/auth/tokens", json={"label": "laptop"}, headers=co)
    assert second.status_code == 201
    listed = client.get("/api/auth/tokens", headers=co)
    assert listed.status_code == 200
    rows = listed.json()
    assert [r["label"] for r in rows] == ["laptop", "cli"] and [r["current"] for r in rows] == [False, True]
    for row in rows:
        assert datetime.fromisoformat(row["expires_at"]).utcoffset() is not None  # ISO 8601 with offset
        assert "token" not in row and "token_hash" not in row
    laptop = {"authorization": f"Bearer {second.json()['token']}", "accept": "application/json"}
    assert client.get("/api/auth/me", headers=laptop).status_code == 200
    assert client.delete(f"/api/auth/tokens/{rows[0]['id']}", headers=co).status_code == 204
    assert client.get("/api/auth/me", headers=laptop).status_code == 401  # ended at once
    assert client.delete(f"/api/auth/tokens/{rows[0]['id']}", headers=co).status_code == 404  # already ended
    assert [r["label"] for r in client.get("/api/auth/tokens", headers=co).json()] == ["cli"]


def test_nobody_sees_or_ends_someone_elses_token(pilot_client: tuple[TestClient[Any], Pilot]) -> None:
    client, pilot = pilot_client
    theirs = client.get("/api/auth/tokens", headers=pilot.headers("junior")).json()
    assert len(theirs) == 1
    for who in ("coordinator", "senior"):
        mine = {r["id"] for r in client.get("/api/auth/tokens", headers=pilot.headers(who)).json()}
        assert theirs[0]["id"] not in mine
        r = client.delete(f"/api/auth/tokens/{theirs[0]['id']}", headers=pilot.headers(who))
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/auth/me", headers=pilot.headers("junior")).status_code == 200
    assert client.get("/api/auth/tokens").status_code == 401
    assert client.delete("/api/auth/tokens/99999999999", headers=pilot.headers("junior")).status_code == 400


def test_a_participant_can_end_the_token_in_use(pilot_client: tuple[TestClient[Any], Pilot]) -> None:
    client, pilot = pilot_client
    junior = pilot.headers("junior")
    own = client.get("/api/auth/tokens", headers=junior).json()[0]
    assert client.delete(f"/api/auth/tokens/{own['id']}", headers=junior).status_code == 204
    assert client.get("/api/auth/me", headers=junior).status_code == 401


def test_coordinator_page_shows_sign_ins_and_ends_the_others(
    pilot_client: tuple[TestClient[Any], Pilot],
) -> None:
    client, pilot = pilot_client
    co = pilot.headers("coordinator")
    other = client.post("/api/auth/tokens", json={"label": "old laptop"}, headers=co).json()["token"]
    page = client.get("/coordinator", headers={**co, "accept": "text/html"})
    assert page.status_code == 200 and 'id="access"' in page.text and "old laptop" in page.text
    ended = client.post(
        "/coordinator/access/end-others", headers={**co, "accept": "text/html"}, follow_redirects=False
    )
    assert ended.status_code == 303 and ended.headers["location"].startswith("/coordinator?ended=1")
    assert client.get("/api/auth/me", headers={"authorization": f"Bearer {other}"}).status_code == 401
    assert client.get("/api/auth/me", headers=co).status_code == 200  # the current one stays


def test_cli_lists_and_revokes(
    monkeypatch: pytest.MonkeyPatch, pilot_client: tuple[TestClient[Any], Pilot], database_url: str
) -> None:
    client, pilot = pilot_client
    monkeypatch.setenv("COMPANION_DATABASE_URL", database_url)
    monkeypatch.setenv("COMPANION_ENV", "development")
    runner = CliRunner()
    cli = build_cli()
    listed = runner.invoke(cli, ["token", "list", "--coordinator-email", "rita@example.org"])
    assert listed.exit_code == 0, listed.output
    token_id = listed.output.split("\t")[0].strip()
    assert "\tapi\tcli\t" in listed.output
    revoked = runner.invoke(cli, ["token", "revoke", token_id])
    assert revoked.exit_code == 0 and f"Token {token_id} revoked" in revoked.output
    assert client.get("/api/auth/me", headers=pilot.headers("coordinator")).status_code == 401
    again = runner.invoke(cli, ["token", "revoke", token_id])
    assert again.exit_code == 1
    unknown = runner.invoke(cli, ["token", "list", "--participant-id", "424242"])
    assert unknown.exit_code == 1
    both = runner.invoke(cli, ["token", "list"])
    assert both.exit_code == 2
