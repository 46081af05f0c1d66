"""A session's stage and its one next action, through the whole life of a session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.db.models import MentoringSession
from companion.sessions.progress import progress

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def _session(
    status: str = "planned", when: datetime | None = NOW + timedelta(days=7), topic: str | None = "t"
) -> MentoringSession:
    return MentoringSession(
        pair_id=1, number=1, status=status, scheduled_at=when, duration_minutes=60, topic=topic
    )


def test_planned_session_walks_topic_agenda_preparation_then_held() -> None:
    assert progress(_session(topic=None), [], 0, reflected=False, now=NOW).next_action == "topic"
    p = progress(_session(), [], 0, reflected=False, now=NOW)
    assert (p.stage, p.next_action, p.overdue) == ("planned", "agenda", False)
    p = progress(_session(), ["agenda"], 0, reflected=False, now=NOW)
    assert (p.stage, p.next_action) == ("agenda", "preparation")
    p = progress(_session(), ["agenda", "preparation"], 0, reflected=False, now=NOW)
    assert (p.stage, p.next_action) == ("preparation", "mark_held")


def test_overdue_once_the_session_is_over_and_not_held() -> None:
    started = _session(when=NOW - timedelta(minutes=30))  # still running (60 minutes)
    assert not progress(started, [], 0, reflected=False, now=NOW).overdue
    past = _session(when=NOW - timedelta(days=18))
    p = progress(past, ["agenda"], 0, reflected=False, now=NOW)
    assert p.overdue and p.next_action == "mark_held" and p.stage == "agenda"
    naive = _session(when=(NOW - timedelta(days=1)).replace(tzinfo=None))  # as SQLite returns it
    assert progress(naive, [], 0, reflected=False, now=NOW).overdue
    assert not progress(_session(when=None), [], 0, reflected=False, now=NOW).overdue
    held = _session(status="held", when=NOW - timedelta(days=18))
    assert not progress(held, [], 0, reflected=False, now=NOW).overdue


def test_held_session_walks_reflections_then_summary() -> None:
    held = _session(status="held", when=NOW - timedelta(days=1))
    p = progress(held, ["agenda"], 0, reflected=False, now=NOW)
    assert (p.stage, p.next_action) == ("held", "reflection_prompts")
    p = progress(held, ["agenda", "reflection-prompts"], 1, reflected=False, now=NOW)
    assert (p.stage, p.next_action, p.reflections) == ("reflections", "reflect", 1)
    p = progress(held, ["reflection-prompts"], 2, reflected=True, now=NOW)
    assert (p.stage, p.next_action) == ("reflections", "summary")
    p = progress(held, ["reflection-prompts", "summary"], 2, reflected=True, now=NOW)
    assert (p.stage, p.next_action, p.done) == ("summary", "plan_next", True)


def test_cancelled_session_can_be_planned_again() -> None:
    p = progress(
        _session(status="cancelled", when=NOW - timedelta(days=3)), ["agenda"], 0, reflected=False, now=NOW
    )
    assert (p.stage, p.next_action, p.overdue) == ("cancelled", "replan", False)
