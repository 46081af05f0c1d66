"""Coordinator pages to edit and delete a programme's participants and pairs, and to remove a
coordinator from it. Every route lives under ``/coordinator/programmes/{programme_id}`` ("manage" in
``companion.auth.policy``); a participant or pair of another programme is 404 (guard and service).
Validation is the services' own (reporting-line rule, e-mail, sizes), shown as form errors with 4xx;
deleting needs a ticked confirmation box — without it nothing is deleted."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import Pair, Participant, Programme
from companion.errors import ConflictError, DomainError
from companion.i18n import tr
from companion.programmes import coordination
from companion.programmes import services as psvc
from companion.programmes.controllers import ObjId, ProgrammeId
from companion.programmes.schemas import PairUpdate, ParticipantUpdate
from companion.web.forms import FormState, form_error, submit
from companion.web.forms_coordinator import ConfirmForm, PairEditForm, ParticipantEditForm, sent_fields
from companion.web.i18n import error_text, page_language
from companion.web.pages_coordinator import FormError, localised, render_programme, rule_error
from companion.web.render import page


def _pair_update(data: PairEditForm, sent: dict[str, Any]) -> PairUpdate:
    """An empty name leaves the pair's name as it is; sent goals replace the goals (none clears them)."""
    fields: dict[str, Any] = {"goals": data.goals} if "goals" in sent else {}
    if data.name is not None:
        fields["name"] = data.name
    return PairUpdate(**fields)


class CoordinatorEditPages(Controller):
    """Edit/delete pages for participants and pairs, and removing coordinators."""

    path = "/coordinator/programmes/{programme_id:int}"
    include_in_schema = False

    # --- participants ---------------------------------------------------------------------

    @get("/participants/{participant_id:int}")
    async def participant_page(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        participant_id: ObjId,
    ) -> Template:
        """The edit page of one participant, with the delete confirmation."""
        return await self._participant(request, db_session, programme_id, participant_id)

    async def _participant(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        participant_id: int,
        *,
        errors: Mapping[str, Sequence[FormError]] | None = None,
        state: FormState | None = None,
        status: int = 200,
    ) -> Template:
        programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
        person = await psvc.get_in_programme(db, Participant, participant_id, programme_id, "Participant")
        others = (
            await db.scalars(
                select(Participant)
                .where(Participant.programme_id == programme_id, Participant.id != participant_id)
                .order_by(Participant.id)
            )
        ).all()
        return page(
            request,
            "pages/coordinator_participant.html",
            programme.language,
            programme=programme,
            person=person,
            others=others,
            pairs=await psvc.pairs_with(db, participant_id),
            errors=localised(errors, page_language(request, programme.language)),
            form_state=state or FormState(lang=programme.language),
            status_code=status,
        )

    @post("/participants/{participant_id:int}", status_code=303)
    async def update_participant(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        participant_id: ObjId,
    ) -> Redirect | Template:
        """Save the edit form; validation and rule errors come back as form errors."""
        await psvc.get_in_programme(db_session, Participant, participant_id, programme_id, "Participant")
        lang = (await psvc.get_or_404(db_session, Programme, programme_id, "Programme")).language
        sent = await submit(request, ParticipantEditForm, lang)
        if sent.data is None:
            state = FormState.of(sent, lang)
            return await self._participant(
                request, db_session, programme_id, participant_id, state=state, status=400
            )
        try:
            fields = sent_fields(sent.data, sent.values)
            await psvc.update_participant(db_session, participant_id, ParticipantUpdate(**fields))
        except DomainError as exc:  # e.g. the new manager is in a pair with this person
            await db_session.rollback()
            return await self._participant(
                request,
                db_session,
                programme_id,
                participant_id,
                errors={"edit": [exc]},
                state=FormState.of(sent, lang, [rule_error("edit", exc, lang)]),
                status=exc.status_code,
            )
        return Redirect(f"/coordinator/programmes/{programme_id}#participants", status_code=303)

    @post("/participants/{participant_id:int}/delete", status_code=303)
    async def delete_participant(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        participant_id: ObjId,
    ) -> Redirect | Template:
        """Remove a participant once the confirmation box is ticked (else 400, nothing deleted)."""
        return await self._delete(
            request, db_session, programme_id, participant_id, Participant, self._participant, "participants"
        )

    # --- pairs ----------------------------------------------------------------------------

    @get("/pairs/{pair_id:int}")
    async def pair_page(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        pair_id: ObjId,
    ) -> Template:
        """The edit page of one pair (name and goals), with the dissolve confirmation."""
        return await self._pair(request, db_session, programme_id, pair_id)

    async def _pair(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        pair_id: int,
        *,
        errors: Mapping[str, Sequence[FormError]] | None = None,
        state: FormState | None = None,
        status: int = 200,
    ) -> Template:
        programme = await psvc.get_or_404(db, Programme, programme_id, "Programme")
        pair = await psvc.get_in_programme(db, Pair, pair_id, programme_id, "Pair")
        people = (await db.scalars(select(Participant).where(Participant.programme_id == programme_id))).all()
        return page(
            request,
            "pages/coordinator_pair.html",
            programme.language,
            programme=programme,
            pair=pair,
            names={p.id: p.display_name for p in people},
            errors=localised(errors, page_language(request, programme.language)),
            form_state=state or FormState(lang=programme.language),
            status_code=status,
        )

    @post("/pairs/{pair_id:int}", status_code=303)
    async def update_pair(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        pair_id: ObjId,
    ) -> Redirect | Template:
        """Save a pair's name and goals; invalid input comes back as form errors."""
        await psvc.get_in_programme(db_session, Pair, pair_id, programme_id, "Pair")
        lang = (await psvc.get_or_404(db_session, Programme, programme_id, "Programme")).language
        sent = await submit(request, PairEditForm, lang)
        if sent.data is None:
            return await self._pair(
                request, db_session, programme_id, pair_id, state=FormState.of(sent, lang), status=400
            )
        await psvc.update_pair(db_session, pair_id, _pair_update(sent.data, sent.values))
        return Redirect(f"/coordinator/programmes/{programme_id}#pairs", status_code=303)

    @post("/pairs/{pair_id:int}/delete", status_code=303)
    async def delete_pair(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        pair_id: ObjId,
    ) -> Redirect | Template:
        """Dissolve a pair once the confirmation box is ticked (else 400, nothing deleted)."""
        return await self._delete(request, db_session, programme_id, pair_id, Pair, self._pair, "pairs")

    async def _delete(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        obj_id: int,
        model: type[Participant] | type[Pair],
        render: Callable[..., Awaitable[Template]],
        anchor: str,
    ) -> Redirect | Template:
        """Delete a participant or pair of the programme once confirmed; else re-show its page (400)."""
        label = model.__name__
        await psvc.get_in_programme(db, model, obj_id, programme_id, label)
        lang = page_language(
            request, (await psvc.get_or_404(db, Programme, programme_id, "Programme")).language
        )
        if not (await submit(request, ConfirmForm, lang)).ok:
            message = tr(lang).gettext("Please tick the box to confirm; nothing was deleted.")
            state = FormState(errors=[form_error("delete", message, "confirm")], lang=lang)
            return await render(
                request, db, programme_id, obj_id, errors={"delete": [message]}, state=state, status=400
            )
        await psvc.delete_row(db, model, obj_id, label)
        return Redirect(f"/coordinator/programmes/{programme_id}#{anchor}", status_code=303)

    # --- coordinators ---------------------------------------------------------------------

    @post("/coordinators/{coordinator_id:int}/remove", status_code=303)
    async def remove_coordinator(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        coordinator_id: ObjId,
    ) -> Redirect | Template:
        """Remove a coordinator; the last one is refused (409 form error). Removing oneself leads home."""
        try:
            await coordination.remove_coordinator(db_session, programme_id, coordinator_id)
        except DomainError as exc:
            await db_session.rollback()
            lang = page_language(
                request, (await psvc.get_or_404(db_session, Programme, programme_id, "Programme")).language
            )
            message = (
                tr(lang).gettext(
                    "The last coordinator of a programme cannot be removed. Add another one first."
                )
                if isinstance(exc, ConflictError)
                else error_text(exc, lang)
            )
            state = FormState(errors=[form_error("coordinators", message)], lang=lang)
            return await render_programme(
                request,
                db_session,
                programme_id,
                state=state,
                status=exc.status_code,
            )
        who = principal_of(request)
        if who is not None and who.is_coordinator and who.id == coordinator_id:
            return Redirect("/coordinator", status_code=303)
        return Redirect(f"/coordinator/programmes/{programme_id}#coordinators", status_code=303)
