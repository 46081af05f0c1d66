"""Programme scope: a coordinator reaches only the programmes they coordinate. Lists are filtered,
another programme's objects are refused with 403 problem details (missing ones are 404), co-coordinators
can be added by e-mail (API and CLI), and the demo coordinator runs the demo programme. Runs on SQLite
and PostgreSQL."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from companion.auth import bootstrap
from companion.auth.models import Coordinator, ProgrammeCoordinator
from companion.cli import build_cli

PROBLEM = "application/problem+json"


@pytest.fixture
def world(world_on_each_db: Any) -> Any:
    """The access-test world (see conftest) on each database backend."""
    return world_on_each_db


def _ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_programme_lists_are_filtered_not_refused(world: Any) -> None:
    c, co, st = world.client, world.as_("coordinator"), world.as_("stranger")
    assert _ids(c.get("/api/programmes", headers=co)) == [world.ids["programme"]]
    r = c.get("/api/programmes", headers=st)
    assert _ids(r) == [world.ids["other_programme"]] and r.json()["total"] == 1
    created = c.post("/api/programmes", json={"name": "Second site"}, headers=co).json()
    assert _ids(c.get("/api/programmes", headers=co)) == [created["id"], world.ids["programme"]]
    assert _ids(c.get("/api/programmes", headers=st)) == [world.ids["other_programme"]]
    page = c.get("/coordinator", headers=st | {"accept": "text/html"})
    assert page.status_code == 200 and "Elsewhere" in page.text and "Matrix" not in page.text


def test_another_programmes_resources_are_refused_with_403(world: Any) -> None:
    c, st, ids = world.client, world.as_("stranger"), world.ids
    p, person, pair = ids["programme"], ids["a_junior"], ids["pair_a"]
    refused = [
        ("GET", f"/api/programmes/{p}", None),
        ("PATCH", f"/api/programmes/{p}", {"name": "Mine now"}),
        ("DELETE", f"/api/programmes/{p}", None),
        ("GET", f"/api/programmes/{p}/participants", None),
        ("POST", f"/api/programmes/{p}/participants", {"display_name": "Spy", "role": "junior"}),
        ("GET", f"/api/participants/{person}", None),
        ("PATCH", f"/api/participants/{person}", {"department": "Elsewhere"}),
        ("DELETE", f"/api/participants/{person}", None),
        ("GET", f"/api/programmes/{p}/pairs", None),
        ("POST", f"/api/programmes/{p}/pairs", {"junior_ids": [person], "senior_ids": [ids["a_senior"]]}),
        ("GET", f"/api/pairs/{pair}", None),
        ("PATCH", f"/api/pairs/{pair}", {"name": "Taken"}),
        ("DELETE", f"/api/pairs/{pair}", None),
        ("GET", f"/api/programmes/{p}/insights", None),
        ("GET", f"/api/programmes/{p}/coordinators", None),
        ("POST", f"/api/programmes/{p}/coordinators", {"email": "sven@example.org"}),
        ("POST", "/api/auth/invites", {"participant_id": person}),
    ]
    for method, url, body in refused:
        r = c.request(method, url, json=body, headers=st)
        assert r.status_code == 403, (method, url, r.text)
        assert r.headers["content-type"].startswith(PROBLEM)
        assert "Anton" not in r.text and "Matrix" not in r.text
    html = st | {"accept": "text/html"}
    for url in [f"/coordinator/programmes/{p}", f"/coordinator/programmes/{p}/insights"]:
        r = c.get(url, headers=html)
        assert r.status_code == 403 and "Anton" not in r.text, url
    # nothing changed, and the programme's own coordinator still reaches everything
    co = world.as_("coordinator")
    assert c.get(f"/api/programmes/{p}", headers=co).json()["name"] == "Matrix"
    assert c.get(f"/api/pairs/{pair}", headers=co).status_code == 200
    assert c.get(f"/api/participants/{person}", headers=co).json()["department"] is None
    assert c.post("/api/auth/invites", json={"participant_id": person}, headers=co).status_code == 201
    # the stranger's own programme works for them, and is closed to the first coordinator
    mine = ids["other_participant"]
    assert c.post("/api/auth/invites", json={"participant_id": mine}, headers=st).status_code == 201
    assert c.get(f"/api/participants/{mine}", headers=co).status_code == 403


def test_missing_objects_are_404_for_every_coordinator(world: Any) -> None:
    c = world.client
    for role in ("coordinator", "stranger"):
        headers = world.as_(role)
        for url in ["/api/programmes/9999", "/api/participants/9999", "/api/pairs/9999"]:
            r = c.get(url, headers=headers)
            assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM), (role, url)
        r = c.post("/api/auth/invites", json={"participant_id": 9999}, headers=headers)
        assert r.status_code == 404


def test_co_coordinator_is_added_idempotently_and_listed(world: Any) -> None:
    c, co, st, p = world.client, world.as_("coordinator"), world.as_("stranger"), world.ids["programme"]
    url = f"/api/programmes/{p}/coordinators"
    listed = c.get(url, headers=co).json()
    assert [(i["name"], i["email"]) for i in listed["items"]] == [("Carla Coordinator", "carla@example.org")]
    r = c.post(url, json={"email": " Sven@Example.org "}, headers=co)
    assert r.status_code == 201, r.text
    assert r.json() == {"id": world.ids["stranger"], "name": "Sven Stranger", "email": "sven@example.org"}
    again = c.post(url, json={"email": "sven@example.org"}, headers=co)
    assert again.status_code == 200 and again.json() == r.json()
    listed = c.get(url, headers=st).json()  # now a coordinator of it, the stranger may list
    assert listed["total"] == 2
    assert {i["email"] for i in listed["items"]} == {"carla@example.org", "sven@example.org"}
    assert sorted(_ids(c.get("/api/programmes", headers=st))) == sorted([p, world.ids["other_programme"]])
    assert c.get(f"/api/pairs/{world.ids['pair_a']}", headers=st).status_code == 200
    unknown = c.post(url, json={"email": "nobody@example.org"}, headers=co)
    assert unknown.status_code == 404 and unknown.headers["content-type"].startswith(PROBLEM)
    assert "nobody@example.org" in unknown.json()["detail"]
    assert c.post(url, json={"email": "not-an-address"}, headers=co).status_code == 400
    assert c.post(url, json={}, headers=co).status_code == 400
    member = c.get(url, headers=world.as_("member"))
    assert member.status_code == 403


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Any) -> str:
    monkeypatch.setenv("COMPANION_DATABASE_URL", database_url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMPANION_ENV", "development")
    monkeypatch.setenv("COMPANION_INDEX_ON_START", "false")
    return database_url


def _links(url: str) -> set[tuple[int, str]]:
    async def read(session: Any) -> set[tuple[int, str]]:
        rows = await session.execute(
            select(ProgrammeCoordinator.programme_id, Coordinator.email).join(
                Coordinator, Coordinator.id == ProgrammeCoordinator.coordinator_id
            )
        )
        return {(int(p), str(e)) for p, e in rows.all()}

    return bootstrap.run(url, read, migrate=False)


def test_cli_links_coordinators_to_programmes(cli_env: str) -> None:
    runner = CliRunner()
    cli = build_cli()
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    demo_id = 1
    assert _links(cli_env) == {(demo_id, "hr@brandt-antriebe.example")}  # the demo coordinator runs the demo
    made = runner.invoke(
        cli, ["coordinator", "create", "--name", "Ida HR", "--email", "ida@example.org", "--programme", "1"]
    )
    assert made.exit_code == 0, made.output
    assert re.search(r"/auth/invite/\S+", made.output)
    assert (demo_id, "ida@example.org") in _links(cli_env)
    runner.invoke(cli, ["coordinator", "create", "--name", "Jo HR", "--email", "jo@example.org"])
    added = runner.invoke(cli, ["coordinator", "add", "JO@example.org", "--programme", "1"])
    assert added.exit_code == 0 and "now coordinates programme 1" in added.output
    twice = runner.invoke(cli, ["coordinator", "add", "jo@example.org", "--programme", "1"])
    assert twice.exit_code == 0 and "already coordinates" in twice.output
    assert (demo_id, "jo@example.org") in _links(cli_env)
    failures = [
        (["coordinator", "add", "nobody@example.org", "--programme", "1"], "No coordinator with e-mail"),
        (["coordinator", "add", "jo@example.org", "--programme", "999"], "Programme 999 does not exist"),
        (
            ["coordinator", "create", "--name", "K", "--email", "k@example.org", "--programme", "999"],
            "programme 999 does not exist",
        ),
        (["coordinator", "add", "jo@example.org", "--programme", "abc"], "Usage"),
        (["coordinator", "add", "jo@example.org"], "Usage"),
    ]
    for args, message in failures:
        result = runner.invoke(cli, args)
        assert result.exit_code != 0, args
        assert message in result.stderr, (args, result.stderr)
        assert isinstance(result.exception, SystemExit), (args, result.exception)  # no traceback
        assert "Traceback" not in result.output
    # a refused create leaves no coordinator behind
    assert not any(email == "k@example.org" for _, email in _links(cli_env))

    async def exists(session: Any) -> bool:
        return (
            await session.scalar(select(Coordinator.id).where(Coordinator.email == "k@example.org"))
            is not None
        )

    assert asyncio.run(bootstrap.with_session(cli_env, exists, migrate=False)) is False
