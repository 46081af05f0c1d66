"""Coordinator pages: programmes, programme setup, participants, pairs (with the reporting-line rule as
a form error), co-coordinators, invite links and the anonymised insights dashboard. No page here shows
pair content; every page is scoped to the coordinator's own programmes (``companion.auth.policy``)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
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
from companion.web.forms import FieldError, FormState, Submission, form_error, submit
from companion.web.forms_coordinator import (
    CoordinatorForm,
    InviteForm,
    PairForm,
    ParticipantForm,
    ProgrammeForm,
    ProgrammeSettingsForm,
)
from companion.web.i18n import error_text, page_language, text
from companion.web.page_errors import validation_message
from companion.web.render import page
from companion.web.stores import INVITE_STORE

INVITE_SECONDS = 600  # how long a minted link stays on the page after the redirect (and a reload)

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


def rule_error(form_id: str, exc: DomainError, lang: str, field: str = "") -> FieldError:
    """A programme rule that refused a form (e.g. a reporting line inside a pair), said for people."""
    return form_error(form_id, error_text(exc, lang), field)


async def save_or_show(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    programme_id: int,
    sent: Submission[Any],
    action: Callable[[], Awaitable[object]],
    *,
    anchor: str,
    field: str = "",
) -> Redirect | Template:
    """Run a validated form's ``action``, then 303 back to ``#anchor`` (post/redirect/get). Invalid
    input (400) or a broken programme rule (422, after rolling back what the service began) re-shows
    the programme page with the input kept and the errors summarised at the top."""
    lang = await _language(db, programme_id)
    if not sent.ok:
        return await render_programme(request, db, programme_id, state=FormState.of(sent, lang), status=400)
    try:
        await action()
    except DomainError as exc:
        await db.rollback()
        state = FormState.of(sent, lang, [rule_error(sent.form_id, exc, lang, field)])
        return await render_programme(request, db, programme_id, state=state, status=422)
    return Redirect(f"/coordinator/programmes/{programme_id}#{anchor}", status_code=303)


async def _language(db: AsyncSession, programme_id: int) -> str:
    return (await psvc.get_or_404(db, Programme, programme_id, "Programme")).language


async def keep_invite(request: Request[Any, Any, Any], link: dict[str, Any]) -> str:
    """Keep a freshly minted link for :data:`INVITE_SECONDS` under a random key, so the page after the
    redirect (and a reload of it) can show it; only the coordinator who made it can read it back."""
    key = secrets.token_urlsafe(16)
    await request.app.stores.get(INVITE_STORE).set(key, json.dumps(link, default=str), INVITE_SECONDS)
    return key


async def kept_invite(request: Request[Any, Any, Any], programme_id: int) -> dict[str, Any] | None:
    """The link kept under ``?invite=<key>`` for this coordinator and programme, else None (expired,
    someone else's, or made up)."""
    key = request.query_params.get("invite", "")
    if not key or len(key) > 64:
        return None
    raw = await request.app.stores.get(INVITE_STORE).get(key)
    who = principal_of(request)
    link = json.loads(raw) if raw else None
    if not link or who is None or link.get("by") != who.id or link.get("programme") != programme_id:
        return None
    link["expires_at"] = datetime.fromisoformat(link["expires_at"])
    return dict(link)


async def render_programme(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    programme_id: int,
    *,
    errors: Mapping[str, Sequence[FormError]] | None = None,
    state: FormState | None = None,
    invite: dict[str, Any] | None = None,
    status: int = 200,
) -> Template:
    """The programme page. ``state`` holds a refused form (errors + input); ``errors`` are messages by
    section for actions that have no form fields (removing a coordinator)."""
    programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
    people = (
        await db.scalars(
            select(Participant).where(Participant.programme_id == programme_id).order_by(Participant.id)
        )
    ).all()
    pairs = (await db.scalars(select(Pair).where(Pair.programme_id == programme_id).order_by(Pair.id))).all()
    names = {p.id: p.display_name for p in people}
    coordinators = (await db.scalars(coordination.coordinators_of(programme_id))).all()
    state = state or FormState(lang=programme.language)
    shown = localised(errors, programme.language)
    for e in state.errors:
        if not e.field:  # rule errors stay beside their form too; field errors sit at the field
            shown.setdefault(e.form_id, []).append(e.message)
    return page(
        request,
        "pages/coordinator_programme.html",
        programme.language,
        programme=programme,
        people=people,
        pairs=pairs,
        names=names,
        coordinators=coordinators,
        errors=shown,
        form_state=state,
        invite=invite,
        status_code=status,
    )


def hidden_legend(k: int, lang: str) -> str:
    """What a "< k" figure means, said once per chart and table (never a bare "< 3")."""
    return (
        tr(lang)
        .gettext("< {k}: fewer than {k} pairs. The exact figure is not shown, so no pair can be recognised.")
        .format(k=k)
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
        state: FormState | None = None,
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
            form_state=state or FormState(lang=who.language),
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
        who = principal_of(request)
        lang = who.language if who is not None else "de"
        sent = await submit(request, ProgrammeForm, lang)
        if sent.data is None:
            return await self._home(request, db_session, FormState.of(sent, lang), 400)
        data = ProgrammeCreate(**sent.data.model_dump())
        programme = await psvc.create_programme(db_session, data, acting_coordinator(request))
        return Redirect(f"/coordinator/programmes/{programme.id}", status_code=303)

    @get("/programmes/{programme_id:int}")
    async def programme_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Template:
        return await render_programme(
            request, db_session, programme_id, invite=await kept_invite(request, programme_id)
        )

    @post("/programmes/{programme_id:int}/settings", status_code=303)
    async def update_settings(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        sent = await submit(request, ProgrammeSettingsForm, await _language(db_session, programme_id))

        async def save() -> None:
            assert sent.data is not None
            await psvc.update_programme(db_session, programme_id, ProgrammeUpdate(**sent.data.model_dump()))

        return await save_or_show(request, db_session, programme_id, sent, save, anchor="settings")

    @post("/programmes/{programme_id:int}/participants", status_code=303)
    async def add_participant(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        sent = await submit(request, ParticipantForm, await _language(db_session, programme_id))

        async def save() -> None:
            assert sent.data is not None
            data = ParticipantCreate(**sent.data.model_dump(exclude_none=True))
            await psvc.create_participant(db_session, programme_id, data)

        return await save_or_show(request, db_session, programme_id, sent, save, anchor="participants")

    @post("/programmes/{programme_id:int}/pairs", status_code=303)
    async def add_pair(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        sent = await submit(request, PairForm, await _language(db_session, programme_id))

        async def save() -> None:
            assert sent.data is not None
            await psvc.create_pair(
                db_session, programme_id, PairCreate(**sent.data.model_dump(exclude_none=True))
            )

        return await save_or_show(request, db_session, programme_id, sent, save, anchor="pairs")

    @post("/programmes/{programme_id:int}/coordinators", status_code=303)
    async def add_coordinator(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        """Add an existing coordinator (by e-mail address) as a co-coordinator of this programme."""
        sent = await submit(request, CoordinatorForm, await _language(db_session, programme_id))

        async def save() -> None:
            assert sent.data is not None
            await coordination.add_coordinator(db_session, programme_id, sent.data.email)

        return await save_or_show(
            request, db_session, programme_id, sent, save, anchor="coordinators", field="email"
        )

    @post("/programmes/{programme_id:int}/invites", status_code=303)
    async def invite(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        programme_id: ProgrammeId,
    ) -> Redirect | Template:
        """A fresh single-use invite link for one participant; the page it is shown on is a GET
        (``?invite=<key>``), so a reload shows it again instead of "Method Not Allowed"."""
        who = principal_of(request)
        assert who is not None
        lang = await _language(db_session, programme_id)
        sent = await submit(request, InviteForm, lang)
        pid = sent.data.participant_id if sent.data else None
        person = None if pid is None else await db_session.get(Participant, pid)
        if person is None or pid is None or person.programme_id != programme_id:
            refused = RuleViolation("Participant is not in this programme", code="not_in_programme")
            state = FormState(errors=[rule_error("invite", refused, lang)], lang=lang)
            return await render_programme(request, db_session, programme_id, state=state, status=422)
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
            "expires_at": invite.expires_at.isoformat(),
            "by": who.id,
            "programme": programme_id,
        }
        key = await keep_invite(request, link)
        return Redirect(f"/coordinator/programmes/{programme_id}?invite={key}#invite-result", status_code=303)

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
        hidden = hidden_legend(data.k, lang)
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
            hidden,
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
            hidden,
        )
        theme_chart = (
            bar_chart(
                tr(lang).gettext("Themes pairs ticked"),
                [
                    (row.label, [(tr(lang).pgettext("short", "Pairs"), row.pairs, str(row.pairs))])
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
            hidden=hidden,
            health_chart=health_chart,
            mix_chart=mix_chart,
            theme_chart=theme_chart,
            stalled=await stalled_pair_count(db_session, programme_id, utcnow(), settings.nudge_after_days),
            stalled_days=settings.nudge_after_days,
        )
