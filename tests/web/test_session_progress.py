"""Home and session pages say where each session stands and what to do next: a stage per session,
"überfällig" once a planned session's time has passed, exactly one primary button on the session page,
and no topic preselected when none was chosen."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from companion.auth import bootstrap
from companion.db.models import MentoringSession, PairMember

PRIMARY = re.compile(r'<(?:button|a)\b[^>]*\bclass="[^"]*\bprimary\b[^"]*"[^>]*>')


def _sessions(url: str, participant_id: int) -> list[int]:
    async def q(session: Any) -> list[int]:
        pair_id = await session.scalar(
            select(PairMember.pair_id).where(PairMember.participant_id == participant_id)
        )
        rows = await session.scalars(
            select(MentoringSession.id)
            .where(MentoringSession.pair_id == pair_id)
            .order_by(MentoringSession.number)
        )
        return list(rows.all())

    return bootstrap.run(url, q, migrate=False)


def _set(url: str, session_id: int, **values: Any) -> None:
    async def q(session: Any) -> None:
        row = await session.get(MentoringSession, session_id)
        for key, value in values.items():
            setattr(row, key, value)
        await session.commit()

    bootstrap.run(url, q, migrate=False)


def _primaries(html: str) -> list[str]:
    return PRIMARY.findall(html)


def test_home_shows_stage_per_session_and_overdue(demo: dict[str, Any]) -> None:
    _, _, third = _sessions(demo["url"], demo["ids"]["Jonas Demir"])
    _set(demo["url"], third, scheduled_at=datetime(2020, 3, 2, 9, 0, tzinfo=UTC))
    jonas = demo["browser"]("Jonas Demir")
    home = jonas.get("/me").text
    assert "2 Reflexionen" in home  # session 1: held, both sides reflected
    assert 'data-stage="held"' in home  # session 2: held, nothing else yet
    nxt = home.split('class="next-session"')[1].split("</p>")[0]
    assert 'data-overdue="1"' in nxt and "überfällig" in nxt
    assert "Die Session ist vorbei" in home
    page = jonas.get(f"/me/sessions/{third}").text
    assert 'data-next="mark_held"' in page and "überfällig" in page
    primaries = _primaries(page)
    assert len(primaries) == 1 and 'id="mark-held"' in primaries[0]
    assert re.search(r'<details class="card no-print" id="schedule"\s+open>', page)  # move or cancel at hand


def test_one_primary_action_follows_the_session_through_its_stages(demo: dict[str, Any]) -> None:
    _, _, third = _sessions(demo["url"], demo["ids"]["Jonas Demir"])
    _set(demo["url"], third, scheduled_at=datetime(2100, 1, 5, 9, 0, tzinfo=UTC), topic=None)
    jonas = demo["browser"]("Jonas Demir")
    url = f"/me/sessions/{third}"

    page = jonas.get(url).text  # no topic: choosing one is the step, an agenda without one is deliberate
    assert 'data-next="topic"' in page
    assert re.search(r'<option value=""\s+selected>', page) and "selected>KI" not in page
    primaries = _primaries(page)
    assert len(primaries) == 1 and "Speichern" in page.split(primaries[0])[1].split("</button>")[0]
    assert "Agenda ohne Thema erstellen" in page

    jonas.post_form(f"{url}/topic", {"topic": "topic-feedback-culture"})
    page = jonas.get(url).text
    assert 'data-next="agenda"' in page and 'data-stage="planned"' in page
    assert len(_primaries(page)) == 1 and 'id="agenda-button"' in _primaries(page)[0]
    assert re.search(r'<option value="topic-feedback-culture"\s+selected>', page)

    assert jonas.api_post(f"/api/sessions/{third}/agenda").status_code == 201
    page = jonas.get(url).text
    assert 'data-stage="agenda"' in page and "Agenda steht" in page and 'data-next="preparation"' in page
    assert len(_primaries(page)) == 1 and "/preparation" in _primaries(page)[0]

    assert jonas.api_post(f"/api/sessions/{third}/preparation").status_code == 201
    page = jonas.get(url).text
    assert 'data-stage="preparation"' in page and 'id="mark-held"' in _primaries(page)[0]
    assert "überfällig" not in page

    jonas.post_form(f"{url}/held", {})
    page = jonas.get(url).text
    assert 'data-stage="held"' in page and "/reflection-prompts" in _primaries(page)[0]
    assert len(_primaries(page)) == 1
