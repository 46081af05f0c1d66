"""Timestamps in the API are ISO 8601 with an offset (also on SQLite, which stores them without one),
and the OpenAPI description documents the problem responses, their media type, Retry-After and Allow."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from litestar.testing import TestClient

from tests.robustness.conftest import Pilot, make_pilot

TIMESTAMPS = ("created_at", "expires_at", "scheduled_at")


@pytest.fixture
def pilot_client(
    make_settings: Any, database_url: str, build_app: Any
) -> Iterator[tuple[TestClient[Any], Pilot]]:
    app = build_app(make_settings(database_url=database_url))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, make_pilot(client, database_url)


def _aware(value: Any, found: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in TIMESTAMPS and item is not None:
                parsed = datetime.fromisoformat(item)
                assert parsed.utcoffset() is not None, (key, item)
                found.append(key)
            else:
                _aware(item, found)
    elif isinstance(value, list):
        for item in value:
            _aware(item, found)


def test_every_timestamp_carries_an_offset(pilot_client: tuple[TestClient[Any], Pilot]) -> None:
    client, pilot = pilot_client
    co, junior = pilot.headers("coordinator"), pilot.headers("junior")
    session = pilot.ids["session"]
    # a time without a zone is read as UTC and returned with its offset
    r = client.patch(f"/api/sessions/{session}", json={"scheduled_at": "2027-03-01T10:00:00"}, headers=junior)
    assert r.status_code == 200 and r.json()["scheduled_at"] in (
        "2027-03-01T10:00:00Z",
        "2027-03-01T10:00:00+00:00",
    )
    r = client.patch(
        f"/api/sessions/{session}", json={"scheduled_at": "2027-03-01T10:00:00+01:00"}, headers=junior
    )
    assert datetime.fromisoformat(r.json()["scheduled_at"]) == datetime.fromisoformat(
        "2027-03-01T09:00:00+00:00"
    )
    client.post(
        f"/api/sessions/{session}/reflections",
        json={"author_role": "junior", "answers": {"Was war gut?": "Vieles."}},
        headers=junior,
    )
    client.post(f"/api/sessions/{session}/agenda", headers=junior)
    found: list[str] = []
    for path, who in [
        (f"/api/programmes/{pilot.ids['programme']}", co),
        ("/api/programmes", co),
        (f"/api/pairs/{pilot.ids['pair']}", co),
        (f"/api/sessions/{session}", junior),
        (f"/api/sessions/{session}/reflections", junior),
        (f"/api/sessions/{session}/agenda", junior),
        (f"/api/sessions/{session}/agenda/versions", junior),
        ("/api/auth/tokens", co),
    ]:
        r = client.get(path, headers=who)
        assert r.status_code == 200, (path, r.text[:200])
        _aware(r.json(), found)
    r = client.post("/api/auth/invites", json={"participant_id": pilot.ids["junior"]}, headers=co)
    _aware(r.json(), found)
    r = client.post("/api/auth/tokens", json={}, headers=co)
    _aware(r.json(), found)
    assert set(found) == set(TIMESTAMPS)


def test_openapi_documents_problems_retry_after_and_allow(
    pilot_client: tuple[TestClient[Any], Pilot],
) -> None:
    client, _ = pilot_client
    doc = client.get("/schema/openapi.json").json()
    assert {"type", "title", "status", "detail"} <= set(
        doc["components"]["schemas"]["ProblemDetails"]["required"]
    )
    operations = [
        (path, method, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(operations) > 40
    for path, method, op in operations:
        responses = op["responses"]
        assert "Allow" in responses["405"]["headers"], (path, method)
        if path == "/health":
            continue
        for status in ("400", "401", "403", "503"):
            assert "application/problem+json" in responses[status]["content"], (path, method, status)
        assert "Retry-After" in responses["503"]["headers"]
        assert ("404" in responses) == ("{" in path or method != "get")
        if (
            method in ("post", "patch")
            and path.startswith("/api/sessions/{session_id}/")
            and "reflections" not in path
        ):
            assert "Retry-After" in responses["429"]["headers"], path
    stream = doc["paths"]["/api/sessions/{session_id}/agenda/stream"]
    assert set(stream) & {"get", "post"} == {"post"}
    # date-time fields are declared as such
    assert (
        doc["components"]["schemas"]["SessionRead"]["properties"]["scheduled_at"]["oneOf"][0]["format"]
        == "date-time"
    )
