"""The design pages in German and English: matching and frame for coordinators, private wishes and
the topic plan for participants; rule errors in the page's language, nothing changed."""

from __future__ import annotations

from typing import Any

from tests.matching.test_matching_api import _programme
from tests.planning.conftest import as_participant


def test_coordinator_matching_page(client: Any) -> None:
    pid, _ids = _programme(client)
    base = f"/coordinator/programmes/{pid}/matching"
    page = client.get(base)
    assert (
        page.status_code == 200
        and "Matching-Vorschläge" in page.text
        and "Noch keine Vorschläge" in page.text
    )
    r = client.post(f"{base}/run", data={"max_per_senior": "2"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(base).text
    assert "Lea Schulz kennt sich mit Social Media aus, was Dr. Helga Brandt lernen möchte" in page
    bad = client.post(f"{base}/run", data={"max_per_senior": "0"})
    assert bad.status_code == 400 and "Bitte prüfe die markierten Felder" in bad.text
    assert 'href="#match-max-per-senior"' in bad.text and 'value="0"' in bad.text  # summary links, input kept
    run = client.get(f"/api/programmes/{pid}/matching").json()
    first, second = (s["id"] for s in run["suggestions"])
    # both juniors are with Dr. Brandt: swapping them is allowed; swapping with itself is not
    same = client.post(f"{base}/swap", data={"first": f"{first}:", "second": f"{first}:"})
    assert same.status_code == 422 and "zwei verschiedene Vorschläge" in same.text
    r = client.post(f"{base}/suggestions/{first}/accept", follow_redirects=False)
    assert r.status_code == 303
    again = client.post(f"{base}/suggestions/{first}/accept")
    assert again.status_code == 409 and "nicht mehr offen" in again.text
    r = client.post(f"{base}/suggestions/{second}/reject", follow_redirects=False)
    assert r.status_code == 303
    assert (
        "abgelehnt" in client.get(base).text
        and client.get(f"/api/programmes/{pid}/pairs").json()["total"] == 1
    )
    r = client.post(
        f"{base}/frame",
        data={
            "start_date": "2027-02-01",
            "duration_months": "6",
            "cadence": "monthly",
            "group_sessions": "quarterly",
            "session_minutes": "60",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "01.02.2027" in client.get(base).text and "Gruppenrunden" in client.get(base).text
    bad = client.post(f"{base}/frame", data={"duration_months": "99"})
    assert (
        bad.status_code == 400 and client.get(f"/api/programmes/{pid}/frame").json()["duration_months"] == 6
    )


def test_english_matching_page_and_accept_all(client: Any) -> None:
    pid, _ = _programme(client, language="en")
    base = f"/coordinator/programmes/{pid}/matching"
    client.post(f"{base}/run", data={"max_per_senior": "1"})
    page = client.get(base).text
    assert "Matching suggestions" in page and "no reporting line" in page
    r = client.post(f"{base}/accept-all", follow_redirects=False)  # post/redirect/get
    assert r.status_code == 303 and r.headers["location"].startswith(f"{base}?accepted=")
    shown = client.get(r.headers["location"])
    assert shown.status_code == 200 and "pair formed" in shown.text
    assert "pair formed" not in client.get(base).text  # the outcome belongs to that one request


def test_participant_wishes_and_plan_pages(client: Any) -> None:
    pid, ids = _programme(client)
    lea = as_participant(client, ids["lea"])
    page = client.get("/me/preferences", headers=lea)
    assert (
        page.status_code == 200
        and "Lieber nicht mit (privat)" in page.text
        and "Dr. Helga Brandt" in page.text
    )
    r = client.post(
        "/me/preferences",
        data={
            "expertise": "Social Media, Instagram",
            "interests": "Verhandlung",
            "availability": ["tue-am", "thu-pm"],
            "rather_not": [str(ids["keller"])],
        },
        headers=lea,
    )
    assert r.status_code == 200 and "Gespeichert" in r.text
    assert client.get("/api/me/matching-preferences", headers=lea).json()["rather_not"] == [ids["keller"]]
    bad = client.post("/me/preferences", data={"availability": ["sun-am"]}, headers=lea)
    assert bad.status_code == 400 and "Bitte prüfe" in bad.text
    pair = client.post(
        f"/api/programmes/{pid}/pairs",
        json={"junior_ids": [ids["lea"]], "senior_ids": [ids["brandt"]], "goals": ["TikTok verstehen"]},
    ).json()["id"]
    client.put(f"/api/programmes/{pid}/frame", json={"start_date": "2027-03-01"})
    lea = as_participant(client, ids["lea"])  # the token now carries the new pair
    assert "Noch kein Themenplan" in client.get(f"/me/pairs/{pair}/plan", headers=lea).text
    assert client.post(f"/me/pairs/{pair}/plan", headers=lea, follow_redirects=False).status_code == 303
    page = client.get(f"/me/pairs/{pair}/plan", headers=lea).text
    assert "Kennenlernen:" in page and "Zwischen-Check-in:" in page and "Abschluss-Retrospektive" in page
    tech = {
        f"topic_{n}": t
        for n, t in zip(
            range(1, 6),
            [
                "topic-ai-automation",
                "topic-social-media",
                "topic-new-tools",
                "topic-mobile-first",
                "topic-ux-young-users",
            ],
            strict=True,
        )
    }
    dates = {f"date_{n}": f"2027-0{n + 2}-01" for n in range(1, 7)}
    r = client.post(
        f"/me/pairs/{pair}/plan/edit",
        data={**tech, **dates, "topic_6": ""},
        headers=lea,
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "nur Technikthemen" in client.get(f"/me/pairs/{pair}/plan", headers=lea).text
    bad = client.post(
        f"/me/pairs/{pair}/plan/edit",
        data={"date_1": "kein Datum", "minutes_2": "500", "date_2": "2027-04-01"},
        headers=lea,
    )
    assert bad.status_code == 400
    summary = bad.text.split('id="error-summary"')[1].split("</div>")[0]  # German, at the top, linked
    assert "Datum 1: Das Datum ließ sich nicht lesen" in summary and 'href="#topic-plan-date-1"' in summary
    assert (
        "Minuten 2: Bitte gib eine Zahl bis 120 ein." in summary and 'href="#topic-plan-minutes-2"' in summary
    )
    assert 'value="kein Datum"' in bad.text and 'value="500"' in bad.text  # the input is kept
    assert 'id="topic-plan-date-1" aria-invalid="true"' in bad.text
    assert "2027-03-01" in client.get(f"/me/pairs/{pair}/plan", headers=lea).text  # nothing was changed
    assert (
        client.post(f"/me/pairs/{pair}/plan/accept", headers=lea, follow_redirects=False).status_code == 303
    )
    assert "Angenommen" in client.get(f"/me/pairs/{pair}/plan", headers=lea).text
    assert client.get(f"/api/pairs/{pair}/sessions", headers=lea).json()["total"] == 6
    again = client.post(f"/me/pairs/{pair}/plan", headers=lea)
    assert again.status_code == 409 and "schon angenommen" in again.text
    # the coordinator never sees the pair's plan page, another pair's member neither
    assert client.get(f"/me/pairs/{pair}/plan").status_code == 403
    assert client.get(f"/me/pairs/{pair}/plan", headers=as_participant(client, ids["tim"])).status_code == 403
