"""Participant pages: my pair and sessions, one session (topic, agenda, preparation, reflection,
summary) and the print view of an agenda. Generation itself runs through the JSON API from the page
(HTMX / server-sent events); these pages render what is stored."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.exceptions import ValidationException
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.access import access_overview, end_other_access
from companion.auth.middleware import current_secret
from companion.auth.policy import principal_of
from companion.db.models import MentoringSession, Pair, Programme, Reflection
from companion.programmes import services as psvc
from companion.programmes.controllers import ObjId
from companion.sessions import services as ssvc
from companion.sessions.progress import Progress, progress_of
from companion.sessions.schemas import SessionCreate, SessionUpdate
from companion.settings import Settings
from companion.web.forms import FormState, Submission, submit
from companion.web.forms_participant import PlanForm, ScheduleForm, StatusForm, TopicForm
from companion.web.pages_reflection import reflection_context
from companion.web.render import latest_outputs, page

Part = Annotated[str, Parameter(pattern=r"^(agenda|preparation|reflection|summary)$")]


async def _session_bundle(db: AsyncSession, session_id: int) -> tuple[MentoringSession, Pair, Programme]:
    session = await db.get(MentoringSession, session_id)
    assert session is not None  # the guard checked existence and membership
    pair = await db.get(Pair, session.pair_id)
    assert pair is not None
    programme = await db.get(Programme, pair.programme_id)
    assert programme is not None
    return session, pair, programme


async def _language_of(db: AsyncSession, session_id: int) -> str:
    """The language of the session's programme (the language its forms answer in)."""
    return (await _session_bundle(db, session_id))[2].language


def _topics(request: Request[Any, Any, Any], settings: Settings, lang: str) -> list[tuple[str, str, str]]:
    from companion.insights.controllers import knowledge_of

    kb = knowledge_of(request, settings)
    if kb is None:
        return []
    return sorted(
        ((c.id, c.title, c.category or "") for c in kb.by_kind("topic", lang)), key=lambda t: (t[2], t[1])
    )


def _topic_title(topic: str | None, topics: list[tuple[str, str, str]]) -> str | None:
    return next((title for tid, title, _ in topics if tid == topic), topic)


def _button_class(progress: Progress) -> Any:
    """``cls(action)`` for templates: the one next action is the primary button, the rest secondary."""
    return lambda action: "primary" if progress.next_action == action else "secondary"


async def render_session(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    settings: Settings,
    session_id: int,
    *,
    error: str | None = None,
    sent: Submission[Any] | None = None,
    status_code: int = 200,
) -> Template:
    """The session page (``error`` names a message shown in the page's language; ``sent`` is a
    refused form, shown again with its input and an error summary at the top)."""
    who = principal_of(request)
    assert who is not None
    session, pair, programme = await _session_bundle(db, session_id)
    outputs = await latest_outputs(db, session_id)
    mine = (
        await db.scalars(
            select(Reflection).where(Reflection.session_id == session_id, Reflection.author_id == who.id)
        )
    ).first()
    topics = _topics(request, settings, programme.language)
    role = next((m.role for m in pair.members if m.participant_id == who.id), who.role or "junior")
    reflection = await reflection_context(db, pair, programme.language, mine, topics)
    state = (await progress_of(db, [session], who.id))[session.id]
    return page(
        request,
        "pages/session.html",
        programme.language,
        session=session,
        pair=pair,
        programme=programme,
        outputs={k: v.payload for k, v in outputs.items()},
        versions={k: v.version for k, v in outputs.items()},
        role=role,
        other="senior" if role == "junior" else "junior",
        my_reflection=mine,
        topics=topics,
        topic_title=_topic_title(session.topic, topics),
        progress=state,
        cls=_button_class(state),
        error=error,
        form_state=FormState.of(sent, programme.language),
        status_code=status_code,
        request_edit=request.query_params.get("edit") == "1" and mine is not None and not mine.summarised_at,
        **reflection,
    )


class ParticipantPages(Controller):
    include_in_schema = False

    @get("/me")
    async def home(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings
    ) -> Template:
        who = principal_of(request)
        assert who is not None
        pairs: list[dict[str, Any]] = []
        progress: dict[int, Progress] = {}
        for pair_id in sorted(who.pair_ids):
            pair = await db_session.get(Pair, pair_id)
            if pair is None:
                continue
            sessions = (
                await db_session.scalars(
                    select(MentoringSession)
                    .where(MentoringSession.pair_id == pair_id)
                    .order_by(MentoringSession.number)
                )
            ).all()
            upcoming = [s for s in sessions if s.status == "planned"]
            progress.update(await progress_of(db_session, sessions, who.id))
            pairs.append({"pair": pair, "sessions": sessions, "next": upcoming[0] if upcoming else None})
        topics = _topics(request, settings, who.language)
        access = await access_overview(db_session, who, current_secret(request))
        return page(
            request,
            "pages/me.html",
            who.language,
            pairs=pairs,
            group=psvc.in_groups(entry["pair"] for entry in pairs),
            progress=progress,
            topic_title=lambda t: _topic_title(t, topics),
            access=access,
            ended=int(ended) if (ended := request.query_params.get("ended", "")).isdigit() else None,
        )

    @post("/me/access/end-others", status_code=303)
    async def end_others(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Redirect:
        """Sign out everywhere else and void unused links (e.g. after an unknown sign-in)."""
        who = principal_of(request)
        assert who is not None
        ended = await end_other_access(db_session, who, current_secret(request))
        return Redirect(f"/me?ended={ended}#access", status_code=303)

    @get("/me/sessions/{session_id:int}")
    async def session_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, session_id: ObjId
    ) -> Template:
        return await render_session(request, db_session, settings, session_id)

    @get("/me/sessions/{session_id:int}/part/{part:str}")
    async def part(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        session_id: ObjId,
        part: Part,
    ) -> Template:
        """One section of the session page, for HTMX to refresh after generation."""
        who = principal_of(request)
        assert who is not None
        session, pair, programme = await _session_bundle(db_session, session_id)
        outputs = await latest_outputs(db_session, session_id)
        role = next((m.role for m in pair.members if m.participant_id == who.id), "junior")
        mine = (
            await db_session.scalars(
                select(Reflection).where(Reflection.session_id == session_id, Reflection.author_id == who.id)
            )
        ).first()
        state = (await progress_of(db_session, [session], who.id))[session.id]
        return page(
            request,
            f"partials/_{part}.html",
            programme.language,
            session=session,
            outputs={k: v.payload for k, v in outputs.items()},
            versions={k: v.version for k, v in outputs.items()},
            role=role,
            other="senior" if role == "junior" else "junior",
            my_reflection=mine,
            progress=state,
            cls=_button_class(state),
            form_state=FormState.of(None, programme.language),
            **await reflection_context(
                db_session, pair, programme.language, mine, _topics(request, settings, programme.language)
            ),
        )

    @get("/me/sessions/{session_id:int}/agenda/print")
    async def print_agenda(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, session_id: ObjId
    ) -> Template:
        session, pair, programme = await _session_bundle(db_session, session_id)
        outputs = await latest_outputs(db_session, session_id)
        return page(
            request,
            "pages/agenda_print.html",
            programme.language,
            session=session,
            pair=pair,
            agenda=outputs["agenda"].payload if "agenda" in outputs else None,
        )

    @post("/me/sessions/{session_id:int}/topic", status_code=303)
    async def set_topic(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, session_id: ObjId
    ) -> Redirect | Template:
        sent = await submit(request, TopicForm, await _language_of(db_session, session_id))
        if sent.data is None:
            return await render_session(
                request, db_session, settings, session_id, error="topic", sent=sent, status_code=400
            )
        await ssvc.update_session(db_session, session_id, SessionUpdate(topic=sent.data.chosen))
        return Redirect(f"/me/sessions/{session_id}", status_code=303)

    @post("/me/sessions/{session_id:int}/schedule", status_code=303)
    async def reschedule(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, session_id: ObjId
    ) -> Redirect | Template:
        """Move the session to another date and/or change its duration."""
        sent = await submit(request, ScheduleForm, await _language_of(db_session, session_id))
        if sent.data is None:
            return await render_session(
                request, db_session, settings, session_id, error="schedule", sent=sent, status_code=400
            )
        data = SessionUpdate(**sent.data.model_dump(exclude_none=True))
        await ssvc.update_session(db_session, session_id, data)
        return Redirect(f"/me/sessions/{session_id}", status_code=303)

    @post("/me/sessions/{session_id:int}/status", status_code=303)
    async def set_status(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, session_id: ObjId
    ) -> Redirect | Template:
        """Cancel a planned session, or plan a cancelled one again (reflections and outputs stay)."""
        sent = await submit(request, StatusForm, await _language_of(db_session, session_id))
        if sent.data is None:
            return await render_session(
                request, db_session, settings, session_id, error="schedule", sent=sent, status_code=400
            )
        await ssvc.update_session(db_session, session_id, SessionUpdate(status=sent.data.status))
        return Redirect(f"/me/sessions/{session_id}", status_code=303)

    @post("/me/sessions/{session_id:int}/held", status_code=303)
    async def mark_held(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, session_id: ObjId
    ) -> Redirect:
        who = principal_of(request)
        by = who.id if who is not None and who.is_participant else None
        await ssvc.update_session(db_session, session_id, SessionUpdate(status="held"), by=by)
        return Redirect(f"/me/sessions/{session_id}#reflection", status_code=303)

    @post("/me/pairs/{pair_id:int}/sessions", status_code=303)
    async def plan_session(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, pair_id: ObjId
    ) -> Redirect:
        """Plan the pair's next session (date optional); then open it."""
        pair = await db_session.get(Pair, pair_id)
        programme = None if pair is None else await db_session.get(Programme, pair.programme_id)
        sent = await submit(request, PlanForm, programme.language if programme else "de")
        if sent.data is None:
            # Planning without the date the person typed would silently lose it: say so instead.
            # The error page translates this detail (``web.page_errors``); the API keeps it in English.
            raise ValidationException(detail="The date could not be read; no session was planned.")
        session = await ssvc.create_session(db_session, pair_id, SessionCreate(**sent.data.model_dump()))
        return Redirect(f"/me/sessions/{session.id}", status_code=303)
