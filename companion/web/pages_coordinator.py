"""Coordinator pages: programmes, programme setup, participants, pairs (with the reporting-line rule as
a form error), co-coordinators, invite links and the anonymised insights dashboard. No page here shows
pair content; every page is scoped to the coordinator's own programmes (``companion.auth.policy``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth import services as auth_svc
from companion.auth.access import access_overview, end_other_access
from companion.auth.controllers import request_client
from companion.auth.middleware import current_secret
from companion.auth.policy import acting_coordinator, principal_of
from companion.db.models import Pair, Participant, Programme, utcnow
from companion.errors import DomainError, RuleViolation
from companion.i18n import month_label, tr
from companion.insights.charts import bar_chart
from companion.insights.controllers import clock_of, knowledge_of
from companion.insights.services import programme_insights
from companion.notifications.scan import stalled_pair_count
from companion.programmes import coordination
from companion.programmes import services as psvc
from companion.programmes.controllers import ProgrammeId
from companion.programmes.schemas import PairCreate, ParticipantCreate, ProgrammeCreate, ProgrammeUpdate
from companion.settings import Settings
from companion.validation import parse_id
from companion.web.i18n import error_text, page_language, text
from companion.web.page_errors import validation_message
from companion.web.render import page

FormError = str | DomainError | Mapping[str, Any]  # a message, a rule error or a pydantic error


def localised(errors: Mapping[str, Sequence[FormError]] | None, lang: str) -> dict[str, list[str]]:
    """Form errors ready to show in the page's language: rule errors by their code, validation errors
    by their pydantic type (never pydantic's English), other messages as they are."""
    return {form: [_said(e, lang) for e in messages] for form, messages in (errors or {}).items()}


def _said(error: FormError, lang: str) -> str:
    if isinstance(error, DomainError):
        return error_text(error, lang)
    if isinstance(error, Mapping):
        return validation_message(error, lang)
    return error


async def save_or_show(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    programme_id: int,
    form: str,
    action: Callable[[], Awaitable[object]],
    *,
    anchor: str,
) -> Redirect | Template:
    """Run one form's ``action`` (building its input inside, so validation counts too). Bad input
    re-shows the programme page with that form's errors — 400 when invalid, 422 when it breaks a
    programme rule, after rolling back whatever the service began — else back to ``#anchor``."""
    try:
        await action()
    except ValidationError as exc:
        return await render_programme(request, db, programme_id, errors={form: _errors(exc)}, status=400)
    except DomainError as exc:  # e.g. a direct reporting line inside a pair, an unknown e-mail address
        await db.rollback()
        return await render_programme(request, db, programme_id, errors={form: [exc]}, status=422)
    return Redirect(f"/coordinator/programmes/{programme_id}#{anchor}", status_code=303)


def _errors(exc: ValidationError) -> list[FormError]:
    """The pydantic errors themselves: ``localised`` says them in the programme's language."""
    return list(exc.errors())


def _programme_fields(form: Any) -> dict[str, Any]:
    goals = [g.strip() for g in str(form.get("goals", "")).splitlines() if g.strip()]
    fields: dict[str, Any] = {"goals": goals}
    for key in ("name", "language", "format", "cadence"):
        if form.get(key):
            fields[key] = str(form.get(key)).strip()
    for key in ("duration_months", "k_threshold"):
        if form.get(key):
            fields[key] = form.get(key)
    if form.get("start_date"):
        fields["start_date"] = form.get("start_date")
    return fields


async def render_programme(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    programme_id: int,
    *,
    errors: Mapping[str, Sequence[FormError]] | None = None,
    invite: dict[str, Any] | None = None,
    status: int = 200,
) -> Template:
    """The programme page; ``errors`` by form (settings, coordinators, participant, pair, invite)."""
    programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
    people = (
        await db.scalars(
            select(Participant).where(Participant.programme_id == programme_id).order_by(Participant.id)
        )
    ).all()
    pairs = (await db.scalars(select(Pair).where(Pair.programme_id == programme_id).order_by(Pair.id))).all()
    names = {p.id: p.display_name for p in people}
    coordinators = (await db.scalars(coordination.coordinators_of(programme_id))).all()
    return page(
        request,
        "pages/coordinator_programme.html",
        programme.language,
        programme=programme,
        people=people,
        pairs=pairs,
        names=names,
        coordinators=coordinators,
        errors=localised(errors, page_language(request, programme.language)),
        invite=invite,
        status_code=status,
    )


class CoordinatorPages(Controller):
    path = "/coordinator"
    include_in_schema = False

    @get("/")
    async def home(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Template:
        return await self._home(request, db_session)

    async def _home(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        errors: list[FormError] | None = None,
        status: int = 200,
    ) -> Template:
        who = principal_of(request)
        assert who is not None
        programmes = (await db.scalars(coordination.programmes_of(who.id))).all()  # only their own
        ended = request.query_params.get("ended", "")
        return page(
            request,
            "pages/coordinator_home.html",
            who.language,
            programmes=programmes,
            errors=localised({"home": errors}, page_language(request, who.language))["home"]
            if errors
            else None,
            access=await access_overview(db, who, current_secret(request)),
            ended=int(ended) if ended.isdigit() and len(ended) < 7 else None,
            status_code=status,
        )

    @post("/access/end-others", status_code=303)
    async def end_others(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Redirect:
        """Sign out everywhere else and void unused links, like participants can."""
        who = principal_of(request)
        assert who is not None
        ended = await end_other_access(db_session, who, current_secret(request))
        return Redirect(f"/coordinator?ended={ended}#access", status_code=303)

    @post("/programmes", status_code=303)
    async def create_programme(
        self, request: Request[Any, Any, Any], db_session: AsyncSession
    ) -> Redirect | Template:
        form = await request.form()
        try:
            data = ProgrammeCreate(**_programme_fields(form))
        except ValidationError as exc:
            return await self._home(request, db_session, _errors(exc), 400)
        programme = await psvc.create_programme(db_session, data, acting_coordinator(request))
        return Redirect(f"/coordinator/programmes/{programme.id}", status_code=303)

    @get("/programmes/{programme_id:int}")
    async def programme_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Template:
        return await render_programme(request, db_session, programme_id)

    @post("/programmes/{programme_id:int}/settings", status_code=303)
    async def update_settings(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        form = await request.form()
        try:
            data = ProgrammeUpdate(**_programme_fields(form))
        except ValidationError as exc:
            return await render_programme(
                request, db_session, programme_id, errors={"settings": _errors(exc)}, status=400
            )
        await psvc.update_programme(db_session, programme_id, data)
        return Redirect(f"/coordinator/programmes/{programme_id}", status_code=303)

    @post("/programmes/{programme_id:int}/participants", status_code=303)
    async def add_participant(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        form = await request.form()
        fields = {
            k: str(form.get(k)).strip()
            for k in ("display_name", "email", "role", "department", "pronouns")
            if form.get(k)
        }
        if form.get("manager_id"):
            fields["manager_id"] = str(form.get("manager_id"))
        return await save_or_show(
            request,
            db_session,
            programme_id,
            "participant",
            lambda: psvc.create_participant(db_session, programme_id, ParticipantCreate(**fields)),
            anchor="participants",
        )

    @post("/programmes/{programme_id:int}/pairs", status_code=303)
    async def add_pair(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        form = await request.form()
        fields: dict[str, Any] = {
            "junior_ids": [int(v) for v in form.getall("junior_ids", []) if str(v).isdigit()],
            "senior_ids": [int(v) for v in form.getall("senior_ids", []) if str(v).isdigit()],
        }
        if form.get("name"):
            fields["name"] = str(form.get("name")).strip()
        if form.get("format"):
            fields["format"] = str(form.get("format"))
        return await save_or_show(
            request,
            db_session,
            programme_id,
            "pair",
            lambda: psvc.create_pair(db_session, programme_id, PairCreate(**fields)),
            anchor="pairs",
        )

    @post("/programmes/{programme_id:int}/coordinators", status_code=303)
    async def add_coordinator(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        """Add an existing coordinator (by e-mail address) as a co-coordinator of this programme."""
        email = str((await request.form()).get("email") or "")
        return await save_or_show(
            request,
            db_session,
            programme_id,
            "coordinators",
            lambda: coordination.add_coordinator(db_session, programme_id, email),
            anchor="coordinators",
        )

    @post("/programmes/{programme_id:int}/invites")
    async def invite(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        programme_id: ProgrammeId,
    ) -> Template:
        """A fresh single-use invite link for one participant, shown once."""
        who = principal_of(request)
        assert who is not None
        form = await request.form()
        pid = parse_id(form.get("participant_id"))
        person = None if pid is None else await db_session.get(Participant, pid)
        if person is None or pid is None or person.programme_id != programme_id:
            return await render_programme(
                request,
                db_session,
                programme_id,
                errors={
                    "invite": [RuleViolation("Participant is not in this programme", code="not_in_programme")]
                },
                status=422,
            )
        invite, raw = await auth_svc.create_invite(
            db_session,
            participant_id=pid,
            created_by=who.id,
            ttl_hours=settings.invite_ttl_hours,
            client=request_client(request, settings),
        )
        link = {
            "name": person.display_name,
            "url": auth_svc.sign_in_link(settings.base_url, raw),
            "expires_at": invite.expires_at,
        }
        return await render_programme(request, db_session, programme_id, invite=link, status=201)

    @get("/programmes/{programme_id:int}/insights")
    async def insights(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        programme_id: ProgrammeId,
    ) -> Template:
        programme = await psvc.get_or_404(db_session, Programme, programme_id, "Programme")
        data = await programme_insights(
            db_session, programme_id, knowledge_of(request, settings), now=clock_of(request)
        )
        lang = page_language(request, programme.language)
        health_chart = bar_chart(
            tr(lang).pgettext("insights", "Programme health"),
            [
                (
                    month_label(m.month, lang, "abbreviated"),
                    [
                        (text(s, lang), getattr(m, s).value, getattr(m, s).shown)
                        for s in ("held", "planned", "cancelled")
                    ],
                )
                for m in data.months
            ],
        )
        mix_chart = bar_chart(
            tr(lang).gettext("Topic mix"),
            [
                (
                    text(f"cat_{row.category}", lang),
                    [(tr(lang).gettext("Session"), row.sessions.value, row.sessions.shown)],
                )
                for row in data.topic_mix
            ],
        )
        theme_chart = (
            bar_chart(
                tr(lang).gettext("Themes pairs ticked"),
                [
                    (row.label, [(tr(lang).gettext("Pairs"), row.pairs, str(row.pairs))])
                    for row in data.themes
                ],
            )
            if data.themes
            else None
        )
        return page(
            request,
            "pages/coordinator_insights.html",
            lang,
            programme=programme,
            data=data,
            health_chart=health_chart,
            mix_chart=mix_chart,
            theme_chart=theme_chart,
            stalled=await stalled_pair_count(db_session, programme_id, utcnow(), settings.nudge_after_days),
            stalled_days=settings.nudge_after_days,
        )
