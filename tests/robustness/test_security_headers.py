"""Security headers on every response, and pages that satisfy the strict Content-Security-Policy: no
inline script, event-handler attribute or style attribute in any template (the browser test checks the
console for violations too)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from companion.web.security import PAGE_CSP
from tests.robustness.conftest import Pilot, make_pilot

TEMPLATES = Path(__file__).resolve().parents[2] / "companion" / "web" / "templates"


@pytest.fixture
def pilot_client(
    make_settings: Any, sqlite_url: str, build_app: Any
) -> Iterator[tuple[TestClient[Any], Pilot]]:
    with TestClient(
        build_app(make_settings(database_url=sqlite_url)), raise_server_exceptions=False
    ) as client:
        yield client, make_pilot(client, sqlite_url)


def _secure(r: Any, csp: str = PAGE_CSP) -> None:
    assert r.headers["content-security-policy"] == csp, r.request.url
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"


def test_every_kind_of_response_carries_the_headers(pilot_client: tuple[TestClient[Any], Pilot]) -> None:
    client, pilot = pilot_client
    html = {"accept": "text/html"}
    session = pilot.ids["session"]
    responses = [
        client.get("/signin", headers=html),
        client.get("/auth/invite/" + "z" * 43, headers=html),
        client.get("/me", headers={**html, **pilot.headers("junior"), "accept": "text/html"}),
        client.get(f"/me/sessions/{session}", headers={**pilot.headers("junior"), "accept": "text/html"}),
        client.get(
            f"/me/sessions/{session}/agenda/print", headers={**pilot.headers("junior"), "accept": "text/html"}
        ),
        client.get("/coordinator", headers={**pilot.headers("coordinator"), "accept": "text/html"}),
        client.get(
            "/me/sessions/424242", headers={**pilot.headers("junior"), "accept": "text/html"}
        ),  # error page
        client.get("/api/programmes", headers=pilot.headers("coordinator")),
        client.get("/api/programmes"),  # 401 problem
        client.get("/static/companion.js"),
        client.get("/health"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 200, 200, 404, 200, 401, 200, 200]
    for r in responses:
        _secure(r)


def test_swagger_ui_gets_its_own_policy_and_is_still_not_frameable(
    pilot_client: tuple[TestClient[Any], Pilot],
) -> None:
    client, _ = pilot_client
    r = client.get("/schema/swagger")
    assert r.status_code == 200
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "template", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
)
def test_templates_have_nothing_inline_the_policy_would_block(template: str) -> None:
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", source), "event-handler attribute"
    assert not re.search(r"\sstyle\s*=|<style", source), "inline style"
    assert "hx-on" not in source and "javascript:" not in source


def test_htmx_is_configured_for_the_policy() -> None:
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert '"includeIndicatorStyles": false' in base and '"allowEval": false' in base


def test_errors_raised_in_middleware_carry_the_headers_too(
    pilot_client: tuple[TestClient[Any], Pilot],
) -> None:
    client, _ = pilot_client
    client.app.state.schema_ready = False  # as while the start-up migrations wait for the database
    try:
        r = client.get("/api/programmes", headers={"authorization": "Bearer " + "x" * 43})
    finally:
        client.app.state.schema_ready = True
    assert r.status_code == 503 and r.headers["retry-after"] == "5"
    _secure(r)
