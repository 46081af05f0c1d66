"""Coordinator page of programme design: matching and the programme frame (the participant pages are
in ``pages_plan``). Thin: parse the form, call the service, show the result or
the rule that was broken (in the page's language, 400/422, nothing changed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Programme
from companion.errors import DomainError
from companion.i18n import tr
from companion.matching import decisions, preferences
from companion.matching import services as msvc
from companion.matching.schemas import AcceptResult
from companion.planning import frame
from companion.programmes import services as psvc
from companion.programmes.controllers import ObjId, ProgrammeId
from companion.web.design_texts import problem_text, translator
from companion.web.forms import FormState, Submission, submit
from companion.web.forms_design import FrameForm, MatchForm, SwapForm
from companion.web.i18n import page_language
from companion.web.page_errors import validation_messages
from companion.web.render import page

Action = Callable[[], Awaitable[object]]


def _invalid(exc: ValidationError, lang: str) -> str:
    return " ".join(validation_messages(exc, lang))


async def _attempt(db: AsyncSession, action: Action, lang: str) -> tuple[str | None, int]:
    """Run ``action``; on bad input return the message to show and the status (400 or 422)."""
    try:
        await action()
    except ValidationError as exc:
        return tr(lang).gettext("Please check the form: ") + _invalid(exc, lang), 400
    except DomainError as exc:
        await db.rollback()
        return problem_text(exc, lang), exc.status_code
    return None, 200


class CoordinatorDesignPages(Controller):
    path = "/coordinator/programmes/{programme_id:int}/matching"
    include_in_schema = False

    async def _render(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        *,
        error: str | None = None,
        sent: Submission[Any] | None = None,
        status: int = 200,
        accepted: list[int] | None = None,
    ) -> Template:
        programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
        run = await msvc.latest_run(db, programme_id)
        view = await msvc.run_read(db, run, programme.language) if run is not None else None
        pairs = {s.id: s.pair_id for s in view.suggestions} if view is not None else {}
        results = [AcceptResult(suggestion_id=i, pair_id=pairs.get(i)) for i in accepted or [] if i in pairs]
        return page(
            request,
            "pages/coordinator_matching.html",
            programme.language,
            status_code=status,
            programme=programme,
            frame=await frame.read_frame(db, programme_id),
            run=view,
            error=error,
            form_state=FormState.of(sent, programme.language),
            results=results,
            d=translator(page_language(request, programme.language)),
        )

    @get("/")
    async def show(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        accepted: list[int] | None = None,
    ) -> Template:
        """The matching page; after "accept all" (``?accepted=<id>&…``) the outcome per suggestion."""
        return await self._render(request, db_session, programme_id, accepted=accepted)

    async def _act(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        action: Action,
        anchor: str,
        sent: Submission[Any] | None = None,
    ) -> Redirect | Template:
        programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
        if sent is not None and not sent.ok:  # refused before anything ran: input kept, summary on top
            return await self._render(request, db, programme_id, sent=sent, status=400)
        error, status = await _attempt(db, action, page_language(request, programme.language))
        if error is not None:
            return await self._render(request, db, programme_id, error=error, sent=sent, status=status)
        return Redirect(f"/coordinator/programmes/{programme_id}/matching#{anchor}", status_code=303)

    @post("/run", status_code=303)
    async def run(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        retriever: Any,
        programme_id: ProgrammeId,
    ) -> Redirect | Template:
        programme = await psvc.get_or_404(db_session, Programme, programme_id, "Programme")
        sent = await submit(request, MatchForm, programme.language)

        async def action() -> object:
            assert sent.data is not None
            fit = preferences.fit_model(retriever, programme.language)
            return await msvc.run_matching(db_session, programme_id, fit, sent.data.request())

        return await self._act(request, db_session, programme_id, action, "suggestions", sent)

    @post("/suggestions/{suggestion_id:int}/accept", status_code=303)
    async def accept(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        suggestion_id: ObjId,
    ) -> Redirect | Template:
        """Form the suggested pair or group (the pair service's rules apply)."""
        return await self._act(
            request,
            db_session,
            programme_id,
            lambda: decisions.accept(db_session, programme_id, suggestion_id),
            "suggestions",
        )

    @post("/suggestions/{suggestion_id:int}/reject", status_code=303)
    async def reject(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        suggestion_id: ObjId,
    ) -> Redirect | Template:
        """Reject a suggestion; later runs avoid its combinations."""
        return await self._act(
            request,
            db_session,
            programme_id,
            lambda: decisions.reject(db_session, programme_id, suggestion_id),
            "suggestions",
        )

    @post("/accept-all", status_code=303)
    async def accept_all(self, db_session: AsyncSession, programme_id: ProgrammeId) -> Redirect:
        """Accept every open suggestion (each on its own), then show per suggestion whether its pair
        was formed (post/redirect/get: the outcome is read back from the suggestions)."""
        results = await decisions.accept_many(db_session, programme_id, None)
        tried = "&".join(f"accepted={r.suggestion_id}" for r in results)
        return Redirect(
            f"/coordinator/programmes/{programme_id}/matching?{tried}#suggestions", status_code=303
        )

    @post("/swap", status_code=303)
    async def swap(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        retriever: Any,
        programme_id: ProgrammeId,
    ) -> Redirect | Template:
        programme = await psvc.get_or_404(db_session, Programme, programme_id, "Programme")
        sent = await submit(request, SwapForm, programme.language)

        async def action() -> object:
            assert sent.data is not None
            fit = preferences.fit_model(retriever, programme.language)
            return await decisions.swap(db_session, programme_id, sent.data.request(), fit)

        return await self._act(request, db_session, programme_id, action, "suggestions", sent)

    @post("/frame", status_code=303)
    async def save_frame(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        lang = (await psvc.get_or_404(db_session, Programme, programme_id, "Programme")).language
        sent = await submit(request, FrameForm, lang)

        async def action() -> object:
            assert sent.data is not None
            return await frame.update_frame(db_session, programme_id, sent.data.update(sent.values))

        return await self._act(request, db_session, programme_id, action, "frame", sent)
