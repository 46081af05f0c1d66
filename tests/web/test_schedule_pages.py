"""Participants reschedule, cancel and re-plan their sessions from the session page; bad input is
refused with the page and a message, and nothing is changed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from companion.auth import bootstrap
from companion.db.models import MentoringSession, PairMember


def _sessions(url: str, participant_id: int) -> list[tuple[int, datetime | None, int, str]]:
    async def q(session: Any) -> list[tuple[int, datetime | None, int, str]]:
        pair_id = await session.scalar(
            select(PairMember.pair_id).where(PairMember.participant_id == participant_id)
        )
        rows = await session.execute(
            select(
                MentoringSession.id,
                MentoringSession.scheduled_at,
                MentoringSession.duration_minutes,
                MentoringSession.status,
            )
            .where(MentoringSession.pair_id == pair_id)
            .order_by(MentoringSession.number)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    return bootstrap.run(url, q, migrate=False)


def _planned(demo: dict[str, Any], name: str) -> tuple[int, datetime | None, int, str]:
    return next(s for s in _sessions(demo["url"], demo["ids"][name]) if s[3] == "planned")


def test_reschedule_moves_date_and_duration(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    sid = _planned(demo, "Jonas Demir")[0]
    page = jonas.get(f"/me/sessions/{sid}").text
    assert "Session verschieben" in page and 'name="duration_minutes"' in page
    r = jonas.post_form(
        f"/me/sessions/{sid}/schedule",
        {"scheduled_at": "2026-12-03T14:30", "duration_minutes": "45"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/me/sessions/{sid}"
    row = next(s for s in _sessions(demo["url"], demo["ids"]["Jonas Demir"]) if s[0] == sid)
    assert row[1] is not None and row[1].replace(tzinfo=UTC) == datetime(2026, 12, 3, 14, 30, tzinfo=UTC)
    assert row[2] == 45
    assert "45 Minuten" in jonas.get(f"/me/sessions/{sid}").text


def test_bad_schedule_input_changes_nothing(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    before = _planned(demo, "Jonas Demir")
    sid = before[0]
    for form in (
        {"scheduled_at": "nächsten Dienstag", "duration_minutes": "60"},
        {"scheduled_at": "2026-12-03T14:30", "duration_minutes": "15"},
        {"scheduled_at": "2026-12-03T14:30", "duration_minutes": "eine Stunde"},
    ):
        r = jonas.post_form(f"/me/sessions/{sid}/schedule", form, follow_redirects=False)
        assert r.status_code == 400, form
        assert "Es wurde nichts geändert" in r.text and 'id="schedule" open' in r.text
    assert next(s for s in _sessions(demo["url"], demo["ids"]["Jonas Demir"]) if s[0] == sid) == before
    r = jonas.post_form(f"/me/sessions/{sid}/status", {"status": "held"}, follow_redirects=False)
    assert r.status_code == 400


def test_cancel_and_plan_again(demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    sid = _planned(demo, "Lea Hoffmann")[0]
    r = lea.post_form(f"/me/sessions/{sid}/status", {"status": "cancelled"}, follow_redirects=False)
    assert r.status_code == 303
    page = lea.get(f"/me/sessions/{sid}").text
    assert "abgesagt" in page and "Wieder einplanen" in page
    assert dict((s[0], s[3]) for s in _sessions(demo["url"], demo["ids"]["Lea Hoffmann"]))[sid] == "cancelled"
    lea.post_form(f"/me/sessions/{sid}/status", {"status": "planned"})
    assert dict((s[0], s[3]) for s in _sessions(demo["url"], demo["ids"]["Lea Hoffmann"]))[sid] == "planned"


def test_other_pairs_cannot_reschedule(demo: dict[str, Any]) -> None:
    mia = demo["browser"]("Mia Schulte")
    before = _planned(demo, "Jonas Demir")
    r = mia.post_form(
        f"/me/sessions/{before[0]}/schedule", {"scheduled_at": "2027-01-01T09:00"}, follow_redirects=False
    )
    assert r.status_code == 403
    assert next(s for s in _sessions(demo["url"], demo["ids"]["Jonas Demir"]) if s[0] == before[0]) == before


def test_planning_with_an_unreadable_date_plans_nothing(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    pair_id = bootstrap.run(
        demo["url"],
        lambda s: s.scalar(
            select(PairMember.pair_id).where(PairMember.participant_id == demo["ids"]["Jonas Demir"])
        ),
        migrate=False,
    )

    def count() -> int:
        return int(
            bootstrap.run(
                demo["url"],
                lambda s: s.scalar(select(func.count()).where(MentoringSession.pair_id == pair_id)),
                migrate=False,
            )
        )

    before = count()
    r = jonas.post_form(f"/me/pairs/{pair_id}/sessions", {"scheduled_at": "bald"}, follow_redirects=False)
    assert r.status_code == 400 and "<html" in r.text
    assert count() == before
    r = jonas.post_form(
        f"/me/pairs/{pair_id}/sessions", {"scheduled_at": "2027-02-01T10:00"}, follow_redirects=False
    )
    assert r.status_code == 303 and count() == before + 1
