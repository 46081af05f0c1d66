"""Frame and topic plan over HTTP on SQLite and PostgreSQL: propose, edit, accept into sessions."""

from __future__ import annotations

from typing import Any

from tests.planning.conftest import as_participant


def _pair(client: Any, **programme: Any) -> tuple[int, int, dict[str, int]]:
    prog = client.post(
        "/api/programmes", json={"name": "Pilot Plan", "start_date": "2027-01-11", **programme}
    ).json()
    pid = prog["id"]
    lea = client.post(
        f"/api/programmes/{pid}/participants",
        json={
            "display_name": "Lea Schulz",
            "role": "junior",
            "expertise": ["Social Media", "KI-Tools"],
            "interests": ["Führung"],
        },
    ).json()["id"]
    brandt = client.post(
        f"/api/programmes/{pid}/participants",
        json={"display_name": "Dr. Helga Brandt", "role": "senior", "interests": ["TikTok", "Remote Work"]},
    ).json()["id"]
    pair = client.post(
        f"/api/programmes/{pid}/pairs",
        json={"junior_ids": [lea], "senior_ids": [brandt], "goals": ["KI im Vertrieb ausprobieren"]},
    ).json()["id"]
    return pid, pair, {"lea": lea, "brandt": brandt}


def test_frame_defaults_and_quarterly_groups(client: Any) -> None:
    pid, _, _ = _pair(client)
    frame = client.get(f"/api/programmes/{pid}/frame").json()
    assert frame["duration_months"] == 6 and frame["cadence"] == "monthly" and frame["sessions_per_pair"] == 6
    assert frame["session_dates"][0] == "2027-01-11" and frame["session_dates"][-1] == "2027-06-11"
    assert frame["group_dates"] == []
    frame = client.put(
        f"/api/programmes/{pid}/frame", json={"group_sessions": "quarterly", "session_minutes": 45}
    ).json()
    assert frame["group_dates"] == ["2027-04-04", "2027-07-04"]
    assert client.put(f"/api/programmes/{pid}/frame", json={"cadence": "daily"}).status_code == 400
    short = client.put(f"/api/programmes/{pid}/frame", json={"duration_months": 2})
    assert short.status_code == 200 and short.json()["sessions_per_pair"] == 2


def test_propose_edit_accept(client: Any) -> None:
    _pid, pair, ids = _pair(client)
    me = as_participant(client, ids["lea"])
    assert client.get(f"/api/pairs/{pair}/plan", headers=me).status_code == 404
    r = client.post(f"/api/pairs/{pair}/plan", json={}, headers=me)
    assert r.status_code == 201, r.text
    plan = r.json()
    items = plan["items"]
    assert [i["kind"] for i in items] == ["first", "topic", "mid", "topic", "topic", "final"]
    assert [i["pattern_id"] for i in items if i["pattern_id"]] == [
        "pattern-first-session",
        "pattern-mid-checkin",
        "pattern-final-retrospective",
    ]
    cats = [i["category"] for i in items if i["category"]]
    assert {"technology", "work", "culture"} <= set(cats) and cats.count("technology") <= 2
    assert plan["warnings"] == [] and plan["generated_by"] == "offline"
    assert items[0]["date"] == "2027-01-11" and items[-1]["topic_id"] is None
    assert any(
        "KI im Vertrieb ausprobieren" in i["reason"] or "Dr. Helga Brandt" in i["reason"] for i in items
    )
    # the coordinator never reaches the pair's plan
    assert client.get(f"/api/pairs/{pair}/plan").status_code == 403
    # edit: make everything technology -> kept, but warned
    tech = [
        "topic-ai-automation",
        "topic-social-media",
        "topic-new-tools",
        "topic-mobile-first",
        "topic-ux-young-users",
    ]
    edit = {"items": [{"number": n, "topic_id": t} for n, t in zip([1, 2, 3, 4, 5], tech, strict=True)]}
    edited = client.put(f"/api/pairs/{pair}/plan", json=edit, headers=me).json()
    assert "only technology topics" in edited["warnings"]
    assert edited["items"][0]["title"].startswith("Kennenlernen: KI")
    bad = client.put(
        f"/api/pairs/{pair}/plan", json={"items": [{"number": 2, "topic_id": "topic-nope"}]}, headers=me
    )
    assert bad.status_code == 422
    assert (
        client.put(f"/api/pairs/{pair}/plan", json={"items": [{"number": 30}]}, headers=me).status_code == 422
    )
    fixed = client.put(
        f"/api/pairs/{pair}/plan",
        json={
            "items": [
                {"number": 1, "topic_id": "topic-onboarding"},
                {"number": 2, "topic_id": "topic-team-culture"},
                {
                    "number": 4,
                    "topic_id": "topic-generational-differences",
                    "date": "2027-04-20",
                    "duration_minutes": 45,
                },
            ]
        },
        headers=me,
    ).json()
    assert fixed["warnings"] == []
    # an existing session keeps its number; the rest are planned with dates from the cadence
    client.post(f"/api/pairs/{pair}/sessions", json={"number": 1, "topic": "eigenes Thema"}, headers=me)
    accepted = client.post(f"/api/pairs/{pair}/plan/accept", headers=me)
    assert accepted.status_code == 200, accepted.text
    assert len(accepted.json()["session_ids"]) == 5
    sessions = client.get(f"/api/pairs/{pair}/sessions", headers=me).json()["items"]
    assert [s["number"] for s in sessions] == [1, 2, 3, 4, 5, 6]
    assert sessions[0]["topic"] == "eigenes Thema"
    assert sessions[3]["scheduled_at"].startswith("2027-04-20") and sessions[3]["duration_minutes"] == 45
    assert sessions[1]["topic"] == "topic-team-culture" and sessions[5]["topic"] is None
    assert client.post(f"/api/pairs/{pair}/plan/accept", headers=me).status_code == 409
    assert client.post(f"/api/pairs/{pair}/plan", json={}, headers=me).status_code == 409


def test_english_plan_and_short_frame(client: Any) -> None:
    pid, pair, ids = _pair(client, language="en", duration_months=3)
    me = as_participant(client, ids["brandt"])
    plan = client.post(f"/api/pairs/{pair}/plan", json={}, headers=me).json()
    assert [i["kind"] for i in plan["items"]] == ["first", "mid", "final"]
    assert plan["items"][0]["title"].startswith("Getting to know each other")
    assert plan["items"][0]["category"] != "technology"
    client.put(f"/api/programmes/{pid}/frame", json={"duration_months": 2})
    r = client.post(f"/api/pairs/{pair}/plan", json={}, headers=me)
    assert r.status_code == 422 and r.json()["code"] == "frame_too_short"
