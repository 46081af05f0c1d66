"""Pages of programme design: the coordinator's matching and frame page, a participant's private
matching wishes, and a pair's topic plan. Thin: parse the form, call the service, show the result or
the rule that was broken (in the page's language, 400/422, nothing changed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import Pair, Participant, Programme
from companion.errors import DomainError
from companion.matching import decisions, preferences
from companion.matching import services as msvc
from companion.matching.explain import SLOT_CODES, slot_label
from companion.matching.schemas import MatchRequest, PreferencesUpdate, SwapRequest
from companion.planning import frame
from companion.planning import services as plan_svc
from companion.planning.controllers import plan_composer
from companion.planning.schemas import FrameUpdate, PlanItemEdit, PlanUpdate
from companion.programmes import services as psvc
from companion.programmes.controllers import ObjId, ProgrammeId
from companion.settings import Settings
from companion.web.design_texts import problem_text, translator, warning_text
from companion.web.render import page

Action = Callable[[], Awaitable[object]]


def _tags(value: Any) -> list[str]:
    return [t.strip() for t in str(value or "").split(",") if t.strip()]


def _invalid(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())


async def _attempt(db: AsyncSession, action: Action, lang: str) -> tuple[str | None, int]:
    """Run ``action``; on bad input return the message to show and the status (400 or 422)."""
    try:
        await action()
    except ValidationError as exc:
        return translator(lang)("invalid_form") + _invalid(exc), 400
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
        status: int = 200,
        results: Any = None,
    ) -> Template:
        programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
        run = await msvc.latest_run(db, programme_id)
        view = await msvc.run_read(db, run, programme.language) if run is not None else None
        return page(
            request,
            "pages/coordinator_matching.html",
            programme.language,
            status_code=status,
            programme=programme,
            frame=await frame.read_frame(db, programme_id),
            run=view,
            error=error,
            results=results,
            d=translator(programme.language),
        )

    @get("/")
    async def show(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Template:
        return await self._render(request, db_session, programme_id)

    async def _act(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        action: Action,
        anchor: str,
    ) -> Redirect | Template:
        programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
        error, status = await _attempt(db, action, programme.language)
        if error is not None:
            return await self._render(request, db, programme_id, error=error, status=status)
        return Redirect(f"/coordinator/programmes/{programme_id}/matching#{anchor}", status_code=303)

    @post("/run", status_code=303)
    async def run(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        retriever: Any,
        programme_id: ProgrammeId,
    ) -> Redirect | Template:
        form = await request.form()
        programme = await psvc.get_or_404(db_session, Programme, programme_id, "Programme")

        async def action() -> object:
            req = MatchRequest(
                max_juniors_per_senior=form.get("max_per_senior") or 1,
                avoid_same_department=form.get("avoid_same_department") == "yes",
            )
            return await msvc.run_matching(
                db_session, programme_id, preferences.fit_model(retriever, programme.language), req
            )

        return await self._act(request, db_session, programme_id, action, "suggestions")

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

    @post("/accept-all", status_code=200)
    async def accept_all(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Template:
        results = await decisions.accept_many(db_session, programme_id, None)
        return await self._render(request, db_session, programme_id, results=results)

    @post("/swap", status_code=303)
    async def swap(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        retriever: Any,
        programme_id: ProgrammeId,
    ) -> Redirect | Template:
        form = await request.form()
        programme = await psvc.get_or_404(db_session, Programme, programme_id, "Programme")

        async def action() -> object:
            first, _, first_junior = str(form.get("first", "")).partition(":")
            second, _, second_junior = str(form.get("second", "")).partition(":")
            req = SwapRequest(
                first=first or 0,
                second=second or 0,
                first_junior_id=first_junior or None,
                second_junior_id=second_junior or None,
            )
            return await decisions.swap(
                db_session, programme_id, req, preferences.fit_model(retriever, programme.language)
            )

        return await self._act(request, db_session, programme_id, action, "suggestions")

    @post("/frame", status_code=303)
    async def save_frame(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Redirect | Template:
        form = await request.form()

        async def action() -> object:
            fields = {
                k: form.get(k)
                for k in ("start_date", "duration_months", "cadence", "group_sessions", "session_minutes")
            }
            fields["start_date"] = fields["start_date"] or None
            return await frame.update_frame(
                db_session,
                programme_id,
                FrameUpdate.model_validate(
                    {k: v for k, v in fields.items() if v is not None or k == "start_date"}
                ),
            )

        return await self._act(request, db_session, programme_id, action, "frame")


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
        status: int = 200,
        saved: bool = False,
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
            saved=saved,
            d=translator(lang),
        )

    @post("/me/preferences", status_code=200)
    async def save_preferences(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Template:
        who = principal_of(request)
        assert who is not None
        form = await request.form()
        me = await psvc.get_or_404(db_session, Participant, who.id, "Participant")
        lang = (await psvc.get_or_404(db_session, Programme, me.programme_id, "Programme")).language

        async def action() -> object:
            data = PreferencesUpdate(
                expertise=_tags(form.get("expertise")),
                interests=_tags(form.get("interests")),
                availability=form.getall("availability", []),
                formats=form.getall("formats", []),
                rather_not=[int(v) for v in form.getall("rather_not", []) if str(v).isdigit()],
            )
            return await preferences.update(db_session, who.id, data)

        error, status = await _attempt(db_session, action, lang)
        return await self._prefs(request, db_session, error=error, status=status, saved=error is None)

    async def _plan(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        retriever: Any,
        pair_id: int,
        *,
        error: str | None = None,
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
            d=translator(lang),
            warn=lambda w: warning_text(w, lang),
        )

    @get("/me/pairs/{pair_id:int}/plan")
    async def plan_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, retriever: Any, pair_id: ObjId
    ) -> Template:
        return await self._plan(request, db_session, retriever, pair_id)

    async def _plan_act(
        self, request: Request[Any, Any, Any], db: AsyncSession, retriever: Any, pair_id: int, action: Action
    ) -> Redirect | Template:
        pair = await psvc.get_or_404(db, Pair, pair_id, "Pair")
        lang = (await psvc.get_or_404(db, Programme, pair.programme_id, "Programme")).language
        error, status = await _attempt(db, action, lang)
        if error is not None:
            return await self._plan(request, db, retriever, pair_id, error=error, status=status)
        return Redirect(f"/me/pairs/{pair_id}/plan", status_code=303)

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
        form = await request.form()

        async def action() -> object:
            numbers = sorted(
                {int(k.split("_")[1]) for k in form if k.startswith("date_") and k.split("_")[1].isdigit()}
            )
            items = [
                PlanItemEdit.model_validate(
                    {
                        "number": n,
                        "topic_id": form.get(f"topic_{n}", ""),
                        "date": form.get(f"date_{n}"),
                        "duration_minutes": form.get(f"minutes_{n}"),
                    }
                )
                for n in numbers
            ]
            return await plan_svc.edit(db_session, pair_id, PlanUpdate(items=items), retriever.knowledge)

        return await self._plan_act(request, db_session, retriever, pair_id, action)

    @post("/me/pairs/{pair_id:int}/plan/accept", status_code=303)
    async def accept(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, retriever: Any, pair_id: ObjId
    ) -> Redirect | Template:
        return await self._plan_act(
            request, db_session, retriever, pair_id, lambda: plan_svc.accept(db_session, pair_id)
        )
