"""The JSON API: create/read/list for every entity, programme rules, validation errors."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from litestar.testing import TestClient


def test_health_reports_database_and_version(client: TestClient[Any]) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["database"]["reachable"] is True
    assert body["database"]["up_to_date"] is True
    assert body["version"]


def test_programme_create_read_list_update_delete(client: TestClient[Any]) -> None:
    r = client.post(
        "/api/programmes",
        json={"name": "Digital Leadership", "language": "en", "format": "group", "goals": ["AI", "culture"]},
    )
    assert r.status_code == 201
    created = r.json()
    assert created["language"] == "en" and created["k_threshold"] == 5 and created["duration_months"] == 6
    assert client.get(f"/api/programmes/{created['id']}").json()["name"] == "Digital Leadership"
    client.post("/api/programmes", json={"name": "Second"})
    page = client.get("/api/programmes", params={"limit": 1}).json()
    assert page["total"] == 2 and len(page["items"]) == 1 and page["items"][0]["name"] == "Second"
    assert (
        client.get("/api/programmes", params={"limit": 1, "offset": 1}).json()["items"][0]["id"]
        == created["id"]
    )
    r = client.patch(f"/api/programmes/{created['id']}", json={"k_threshold": 7})
    assert r.status_code == 200 and r.json()["k_threshold"] == 7
    assert client.delete(f"/api/programmes/{created['id']}").status_code == 204
    assert client.get(f"/api/programmes/{created['id']}").status_code == 404


def test_programme_defaults_to_german(client: TestClient[Any]) -> None:
    body = client.post("/api/programmes", json={"name": "Standard"}).json()
    assert body["language"] == "de" and body["format"] == "one-to-one"


def test_participants_create_read_list(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    r = client.get(f"/api/participants/{people['lead']}")
    assert r.status_code == 200 and r.json()["manager_id"] == people["boss"]
    page = client.get(f"/api/programmes/{programme['id']}/participants", params={"limit": 3}).json()
    assert page["total"] == 7 and len(page["items"]) == 3
    r = client.patch(f"/api/participants/{people['j1']}", json={"department": "IT", "expertise": ["KI"]})
    assert r.json()["department"] == "IT" and r.json()["expertise"] == ["KI"]


def test_pair_create_read_list(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    r = client.post(
        f"/api/programmes/{programme['id']}/pairs",
        json={
            "junior_ids": [people["j1"]],
            "senior_ids": [people["boss"]],
            "goals": ["Social Media verstehen"],
        },
    )
    assert r.status_code == 201, r.text
    pair = r.json()
    assert pair["format"] == "one-to-one" and pair["junior_ids"] == [people["j1"]]
    assert client.get(f"/api/pairs/{pair['id']}").json()["senior_ids"] == [people["boss"]]
    assert client.get(f"/api/programmes/{programme['id']}/pairs").json()["total"] == 1


def test_pair_with_direct_reporting_line_is_refused(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    r = client.post(
        f"/api/programmes/{programme['id']}/pairs",
        json={"junior_ids": [people["report"]], "senior_ids": [people["lead"]]},
    )
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert "reports directly to" in body["detail"] and "Thomas Keller" in body["detail"]
    assert client.get(f"/api/programmes/{programme['id']}/pairs").json()["total"] == 0


def test_senior_reporting_to_senior_in_group_is_refused(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    r = client.post(
        f"/api/programmes/{programme['id']}/pairs",
        json={
            "format": "group",
            "junior_ids": [people["j1"], people["j2"], people["j3"]],
            "senior_ids": [people["boss"], people["lead"]],
        },
    )
    assert r.status_code == 422 and "reports directly to" in r.json()["detail"]


def test_format_size_rules(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    url = f"/api/programmes/{programme['id']}/pairs"
    r = client.post(url, json={"junior_ids": [people["j1"], people["j2"]], "senior_ids": [people["boss"]]})
    assert r.status_code == 422 and "one-to-one" in r.json()["detail"]
    r = client.post(
        url, json={"format": "group", "junior_ids": [people["j1"]], "senior_ids": [people["boss"]]}
    )
    assert r.status_code == 422 and "3–4 junior" in r.json()["detail"]
    r = client.post(
        url,
        json={
            "format": "group",
            "junior_ids": [people[f"j{i}"] for i in range(1, 5)],
            "senior_ids": [people["boss"]],
        },
    )
    assert r.status_code == 201, r.text
    # more than four juniors is a schema error before any rule runs
    r = client.post(
        url, json={"format": "group", "junior_ids": [1, 2, 3, 4, 5], "senior_ids": [people["boss"]]}
    )
    assert r.status_code == 400


def test_pair_roles_and_membership_are_checked(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    url = f"/api/programmes/{programme['id']}/pairs"
    r = client.post(url, json={"junior_ids": [people["boss"]], "senior_ids": [people["lead"]]})
    assert r.status_code == 422 and "is a senior, not a junior" in r.json()["detail"]
    r = client.post(url, json={"junior_ids": [99999], "senior_ids": [people["boss"]]})
    assert r.status_code == 422 and "99999" in r.json()["detail"]
    r = client.post(url, json={"junior_ids": [people["j1"]], "senior_ids": [people["j1"]]})
    assert r.status_code == 422 and "more than once" in r.json()["detail"]


def test_sessions_and_reflections(
    client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]
) -> None:
    pair = client.post(
        f"/api/programmes/{programme['id']}/pairs",
        json={"junior_ids": [people["j1"]], "senior_ids": [people["boss"]]},
    ).json()
    r = client.post(
        f"/api/pairs/{pair['id']}/sessions", json={"topic": "topic-ai-automation", "duration_minutes": 45}
    )
    assert r.status_code == 201
    first = r.json()
    assert first["number"] == 1 and first["status"] == "planned" and first["duration_minutes"] == 45
    second = client.post(f"/api/pairs/{pair['id']}/sessions", json={}).json()
    assert second["number"] == 2 and second["duration_minutes"] == 60
    assert client.post(f"/api/pairs/{pair['id']}/sessions", json={"number": 2}).status_code == 409
    page = client.get(f"/api/pairs/{pair['id']}/sessions").json()
    assert [s["number"] for s in page["items"]] == [1, 2]
    r = client.patch(f"/api/sessions/{first['id']}", json={"status": "held"})
    assert r.json()["status"] == "held"

    answers = {"Was hast du gelernt?": "Wie man Prompts formuliert.", "Nächster Schritt": "Ein Tool testen"}
    r = client.post(
        f"/api/sessions/{first['id']}/reflections",
        json={"author_role": "senior", "author_id": people["boss"], "answers": answers},
    )
    assert r.status_code == 201
    stored = r.json()
    assert stored["answers"] == answers
    assert client.get(f"/api/reflections/{stored['id']}").json()["answers"] == answers
    assert len(client.get(f"/api/sessions/{first['id']}/reflections").json()) == 1
    # the author must really be that side of this pair
    r = client.post(
        f"/api/sessions/{first['id']}/reflections",
        json={"author_role": "junior", "author_id": people["boss"], "answers": answers},
    )
    assert r.status_code == 422


def test_validation_errors_are_problem_details(client: TestClient[Any], programme: dict[str, Any]) -> None:
    cases = [
        ("/api/programmes", {"name": ""}, "name"),
        ("/api/programmes", {"name": "x", "language": "fr"}, "language"),
        ("/api/programmes", {"name": "x", "k_threshold": 2}, "k_threshold"),
        ("/api/programmes", {"name": "x" * 201}, "name"),
        ("/api/programmes", {"name": "x", "duration_months": "six"}, "duration_months"),
        ("/api/programmes", {"name": "x", "unknown": 1}, "unknown"),
        (f"/api/programmes/{programme['id']}/participants", {"display_name": "A", "role": "boss"}, "role"),
        (
            f"/api/programmes/{programme['id']}/participants",
            {"display_name": "A", "role": "junior", "email": "nope"},
            "email",
        ),
    ]
    for url, body, field in cases:
        r = client.post(url, json=body)
        assert r.status_code == 400, (body, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert problem["status"] == 400 and problem["title"] == "Invalid request"
        assert field in problem["detail"], (field, problem["detail"])


def test_unknown_ids_and_bad_paths_give_404_not_500(client: TestClient[Any]) -> None:
    for url in [
        "/api/programmes/424242",
        "/api/pairs/424242",
        "/api/sessions/424242",
        "/api/participants/424242",
    ]:
        r = client.get(url)
        assert r.status_code == 404 and "424242" in r.json()["detail"]
    assert (
        client.post(
            "/api/programmes/424242/participants", json={"display_name": "A", "role": "junior"}
        ).status_code
        == 404
    )
    assert client.post("/api/pairs/424242/sessions", json={}).status_code == 404
    assert client.get("/api/programmes/not-a-number").status_code in (400, 404)
    assert client.get("/api/programmes", params={"limit": 1000}).status_code == 400


def test_session_limits(client: TestClient[Any], programme: dict[str, Any], people: dict[str, int]) -> None:
    pair = client.post(
        f"/api/programmes/{programme['id']}/pairs",
        json={"junior_ids": [people["j1"]], "senior_ids": [people["boss"]]},
    ).json()
    url = f"/api/pairs/{pair['id']}/sessions"
    assert client.post(url, json={"duration_minutes": 20}).status_code == 400
    assert client.post(url, json={"duration_minutes": 121}).status_code == 400
    assert client.post(url, json={"status": "done"}).status_code == 400
    s = client.post(url, json={"status": "cancelled"}).json()
    r = client.post(
        f"/api/sessions/{s['id']}/reflections", json={"author_role": "junior", "answers": {"a": "b"}}
    )
    assert r.status_code == 422
    r = client.post(
        f"/api/sessions/{s['id']}/reflections", json={"author_role": "junior", "answers": {"a": "x" * 5001}}
    )
    assert r.status_code == 400


def test_malformed_json_is_a_400(client: TestClient[Any]) -> None:
    r = client.post("/api/programmes", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_openapi_schema_is_served(client: TestClient[Any]) -> None:
    r = client.get("/schema/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/programmes" in paths and "/api/pairs/{pair_id}/sessions" in paths


def test_health_checks_the_schema_without_logging_each_call(
    client: TestClient[Any], caplog: pytest.LogCaptureFixture
) -> None:
    """A monitored service is probed every few seconds; each probe must not add log lines."""
    client.get("/health")  # first call may warm caches
    with caplog.at_level(logging.DEBUG):
        caplog.clear()
        for _ in range(3):
            body = client.get("/health").json()
            assert body["database"]["revision"] == body["database"]["head"] and body["status"] == "ok"
    noisy = [r for r in caplog.records if r.name.startswith(("alembic", "companion"))]
    assert noisy == [], [r.getMessage() for r in noisy]
