"""Participant pages of programme design: private matching wishes (``/me/preferences``) and the
pair's topic plan (``/me/pairs/{id}/plan``: propose, edit, accept into sessions)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import Pair, Participant, Programme
from companion.errors import DomainError
from companion.matching import preferences
from companion.matching.explain import SLOT_CODES, slot_label
from companion.matching.schemas import PreferencesUpdate
from companion.planning import services as plan_svc
from companion.planning.controllers import plan_composer
from companion.programmes import services as psvc
from companion.programmes.controllers import ObjId
from companion.settings import Settings
from companion.web.design_texts import translator, warning_text
from companion.web.forms import FormState, Submission, submit
from companion.web.forms_participant import PreferencesForm, TopicPlanForm
from companion.web.pages_design import Action, _attempt
from companion.web.render import page


class ParticipantDesignPages(Controller):
    include_in_schema = False

    @get("/me/preferences")
    async def preferences_page(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Template:
        return await self._prefs(request, db_session)

    async def _prefs(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        *,
        error: str | None = None,
        sent: Submission[Any] | None = None,
        status: int = 200,
    ) -> Template:
        who = principal_of(request)
        assert who is not None
        me = await psvc.get_or_404(db, Participant, who.id, "Participant")
        programme = await psvc.get_or_404(db, Programme, me.programme_id, "Programme")
        lang = programme.language
        return page(
            request,
            "pages/me_preferences.html",
            lang,
            status_code=status,
            prefs=await preferences.read(db, who.id),
            slots=[(s, slot_label(s, lang)) for s in SLOT_CODES],
            error=error,
            saved=request.query_params.get("saved") == "1" and sent is None,
            form_state=FormState.of(sent, lang),
            d=translator(lang),
        )

    @post("/me/preferences", status_code=303)
    async def save_preferences(
        self, request: Request[Any, Any, Any], db_session: AsyncSession
    ) -> Redirect | Template:
        """Save the wishes, then back to the page (post/redirect/get) saying "Saved"."""
        who = principal_of(request)
        assert who is not None
        me = await psvc.get_or_404(db_session, Participant, who.id, "Participant")
        lang = (await psvc.get_or_404(db_session, Programme, me.programme_id, "Programme")).language
        sent = await submit(request, PreferencesForm, lang)
        if sent.data is None:
            return await self._prefs(request, db_session, sent=sent, status=400)
        data = PreferencesUpdate(**sent.data.model_dump())

        async def action() -> object:
            return await preferences.update(db_session, who.id, data)

        error, status = await _attempt(db_session, action, lang)
        if error is not None:
            return await self._prefs(request, db_session, error=error, sent=sent, status=status)
        return Redirect("/me/preferences?saved=1", status_code=303)

    async def _plan(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        retriever: Any,
        pair_id: int,
        *,
        error: str | None = None,
        sent: Submission[Any] | None = None,
        status: int = 200,
    ) -> Template:
        pair = await psvc.get_or_404(db, Pair, pair_id, "Pair")
        programme = await psvc.get_or_404(db, Programme, pair.programme_id, "Programme")
        lang = programme.language
        try:
            plan = plan_svc.plan_read(await plan_svc.get_plan(db, pair_id))
        except DomainError:
            plan = None
        topics = [(c.id, c.title, c.category) for c in retriever.knowledge.by_kind("topic", lang)]
        return page(
            request,
            "pages/me_plan.html",
            lang,
            status_code=status,
            pair=pair,
            plan=plan,
            topics=topics,
            error=error,
            form_state=FormState.of(sent, lang),
            d=translator(lang),
            warn=lambda w: warning_text(w, lang),
        )

    @get("/me/pairs/{pair_id:int}/plan")
    async def plan_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, retriever: Any, pair_id: ObjId
    ) -> Template:
        return await self._plan(request, db_session, retriever, pair_id)

    async def _plan_act(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        retriever: Any,
        pair_id: int,
        action: Action,
        sent: Submission[Any] | None = None,
    ) -> Redirect | Template:
        if sent is not None and not sent.ok:  # refused before anything ran: input kept, summary on top
            return await self._plan(request, db, retriever, pair_id, sent=sent, status=400)
        lang = await self._language(db, pair_id)
        error, status = await _attempt(db, action, lang)
        if error is not None:
            return await self._plan(request, db, retriever, pair_id, error=error, sent=sent, status=status)
        return Redirect(f"/me/pairs/{pair_id}/plan", status_code=303)

    async def _language(self, db: AsyncSession, pair_id: int) -> str:
        pair = await psvc.get_or_404(db, Pair, pair_id, "Pair")
        return (await psvc.get_or_404(db, Programme, pair.programme_id, "Programme")).language

    @post("/me/pairs/{pair_id:int}/plan", status_code=303)
    async def propose(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        retriever: Any,
        pair_id: ObjId,
    ) -> Redirect | Template:
        composer = plan_composer(request, settings, retriever)
        return await self._plan_act(
            request,
            db_session,
            retriever,
            pair_id,
            lambda: plan_svc.propose(db_session, pair_id, composer, retriever),
        )

    @post("/me/pairs/{pair_id:int}/plan/edit", status_code=303)
    async def edit(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, retriever: Any, pair_id: ObjId
    ) -> Redirect | Template:
        sent = await submit(request, TopicPlanForm, await self._language(db_session, pair_id))

        async def action() -> object:
            assert sent.data is not None
            return await plan_svc.edit(db_session, pair_id, sent.data.update(), retriever.knowledge)

        return await self._plan_act(request, db_session, retriever, pair_id, action, sent)

    @post("/me/pairs/{pair_id:int}/plan/accept", status_code=303)
    async def accept(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, retriever: Any, pair_id: ObjId
    ) -> Redirect | Template:
        return await self._plan_act(
            request, db_session, retriever, pair_id, lambda: plan_svc.accept(db_session, pair_id)
        )
