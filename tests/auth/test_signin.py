"""Sign-in: invites are single use and expire, cookies are safe, CSRF guards cookie requests, sign-out
revokes, bearer tokens work, generation is rate limited, browsers get pages instead of JSON."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar.testing import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

from companion.app import create_app
from companion.auth import bootstrap
from companion.auth.middleware import session_cookie
from companion.auth.models import Invite
from companion.cli import build_cli


def _invite(world: Any, participant: str = "a_junior") -> str:
    r = world.client.post(
        "/api/auth/invites", json={"participant_id": world.ids[participant]}, headers=world.as_("coordinator")
    )
    assert r.status_code == 201, r.text
    url = r.json()["url"]
    assert url.startswith("http://127.0.0.1:8000/auth/invite/")
    return "/" + url.split("/", 3)[3]


def _redeem(client: TestClient[Any], path: str) -> Any:
    page = client.get(path, headers={"accept": "text/html"})
    assert page.status_code == 200 and 'name="_csrf_token"' in page.text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    return client.post(path, data={"_csrf_token": token}, follow_redirects=False)


def test_invite_signs_in_once_with_a_safe_cookie(world: Any) -> None:
    path = _invite(world)
    with TestClient(world.client.app) as browser:
        r = _redeem(browser, path)
        assert r.status_code == 303 and r.headers["location"] == "/me"
        cookie = r.headers["set-cookie"]
        assert "companion_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
        me = browser.get("/api/auth/me").json()
        assert me["kind"] == "participant" and me["id"] == world.ids["a_junior"]
        assert me["pair_ids"] == [world.ids["pair_a"]]
    with TestClient(world.client.app) as second:
        r = _redeem(second, path)
        assert r.status_code == 400 and "not valid" in r.text
        assert second.get("/api/auth/me").status_code == 401


def test_expired_and_unknown_invites_are_refused(world: Any) -> None:
    path = _invite(world)

    async def expire(session: Any) -> None:
        await session.execute(update(Invite).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        await session.commit()

    bootstrap.run(world.url, expire, migrate=False)
    with TestClient(world.client.app) as browser:
        assert _redeem(browser, path).status_code == 400
        assert _redeem(browser, "/auth/invite/" + "x" * 43).status_code == 400


def test_cookie_requests_need_the_csrf_token(world: Any) -> None:
    with TestClient(world.client.app) as browser:
        _redeem(browser, _invite(world))
        url = f"/api/pairs/{world.ids['pair_a']}/sessions"
        assert browser.post(url, json={}).status_code == 403
        token = browser.cookies.get("csrftoken")
        assert browser.post(url, json={}, headers={"x-csrftoken": token}).status_code == 201
        # a forged request from another site has no token, whatever cookies the browser sends
        r = browser.post("/auth/signout", follow_redirects=False)
        assert r.status_code == 403


def test_sign_out_revokes_the_session(world: Any) -> None:
    with TestClient(world.client.app) as browser:
        _redeem(browser, _invite(world))
        assert browser.get("/api/auth/me").status_code == 200
        token = browser.cookies.get("csrftoken")
        r = browser.post("/auth/signout", data={"_csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/signin"
        stale = r.cookies  # the browser drops the cookie; replaying the old one must not work either
        assert "companion_session" not in stale or not stale["companion_session"]
        assert browser.get("/api/auth/me").status_code == 401


def test_api_token_from_a_session_works_as_bearer(world: Any) -> None:
    with TestClient(world.client.app) as browser:
        _redeem(browser, _invite(world, "b_junior"))
        token = browser.cookies.get("csrftoken")
        r = browser.post("/api/auth/tokens", json={"label": "laptop"}, headers={"x-csrftoken": token})
        assert r.status_code == 201
        bearer = r.json()["token"]
    me = world.client.get("/api/auth/me", headers={"authorization": f"Bearer {bearer}"}).json()
    assert me["id"] == world.ids["b_junior"]
    assert world.client.get("/api/auth/me", headers={"authorization": "Bearer nonsense"}).status_code == 401


def test_session_cookie_is_secure_in_production(make_settings) -> None:
    assert session_cookie(make_settings(env="production"), "x").secure is True
    assert session_cookie(make_settings(base_url="https://mentoring.example"), "x").secure is True
    assert session_cookie(make_settings(env="development"), "x").secure is False


def test_generation_is_rate_limited(make_settings, sqlite_url: str, app_for: Any, world_builder: Any) -> None:
    app = app_for(make_settings(database_url=sqlite_url, generation_rate_limit=2))
    with TestClient(app, raise_server_exceptions=False) as client:
        world = world_builder(client, sqlite_url)
        url = f"/api/sessions/{world.ids['session']}/agenda"
        codes = [client.post(url, headers=world.as_("member")).status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        # limits are per person: another member is not affected, and reading is never limited
        assert client.get(url, headers=world.as_("member")).status_code == 200


def test_browsers_get_pages_not_json(world: Any) -> None:
    html = {"accept": "text/html"}
    r = world.client.get("/me", headers=html, follow_redirects=False)
    assert r.status_code in (302, 303, 307) and r.headers["location"] == "/signin"
    r = world.client.get(
        "/coordinator", headers=html | {"authorization": world.as_("member")["authorization"]}
    )
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert "<html" in r.text and "keine Berechtigung" in r.text
    r = world.client.get("/no/such/page", headers=html)
    assert r.status_code == 404 and "<html" in r.text
    r = world.client.get("/api/no/such", headers=html)
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, sqlite_url: str, tmp_path) -> str:
    monkeypatch.setenv("COMPANION_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COMPANION_ENV", "development")
    monkeypatch.setenv("COMPANION_INDEX_ON_START", "false")
    return sqlite_url


def test_cli_bootstraps_a_coordinator_whose_link_signs_in(cli_env: str, make_settings) -> None:
    runner = CliRunner()
    result = runner.invoke(
        build_cli(), ["coordinator", "create", "--name", "Hanna HR", "--email", "Hanna@Example.org"]
    )
    assert result.exit_code == 0, result.output
    link = re.search(r"http://127\.0\.0\.1:8000(/auth/invite/\S+)", result.output).group(1)  # type: ignore[union-attr]
    again = runner.invoke(
        build_cli(), ["coordinator", "create", "--name", "X", "--email", "hanna@example.org"]
    )
    assert again.exit_code == 1 and "already exists" in again.output
    bad = runner.invoke(build_cli(), ["token", "create"])
    assert bad.exit_code == 2
    token = runner.invoke(build_cli(), ["token", "create", "--coordinator-email", "hanna@example.org"])
    assert token.exit_code == 0
    with TestClient(create_app(make_settings(database_url=cli_env))) as browser:
        r = _redeem(browser, link)
        assert r.status_code == 303 and r.headers["location"] == "/coordinator"
        assert browser.get("/api/auth/me").json()["name"] == "Hanna HR"
        me = browser.get("/api/auth/me", headers={"authorization": f"Bearer {token.output.strip()}"}).json()
        assert me["kind"] == "coordinator"
