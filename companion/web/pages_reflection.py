"""Reflection pages: write (per slot, with ticked themes), preview exactly what the partner will see
and exclude sentences, share, edit or withdraw before a summary, delete after. The form's fields are
:mod:`companion.web.reflection_form`; the layout is ``partials/_reflection.html``."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import MentoringSession, Pair, Programme, Reflection
from companion.errors import DomainError
from companion.generation.composer import Composer
from companion.generation.people import join_names, oblique
from companion.generation.reflection_slots import NONE_OF_THESE
from companion.programmes.controllers import ObjId
from companion.sessions import reflections as refl
from companion.sessions.schemas import ReflectionCreate, ReflectionUpdate
from companion.settings import Settings
from companion.web.forms import submit
from companion.web.reflection_form import ReflectionForm, ShareForm, fields


async def reflection_context(
    db: AsyncSession,
    pair: Pair,
    lang: str,
    mine: Reflection | None,
    topics: list[tuple[str, str, str]],
) -> dict[str, Any]:
    """What the reflection partial needs: form fields, theme choices, the author's preview, and
    whether the pair is a group (then the others in it read what is shared, not one partner)."""
    preview = await refl.view(db, mine, lang, author=True) if mine is not None else None
    return {
        "group": pair.format == "group",
        "side_names": side_names(pair, lang),
        "reflection_fields": fields(lang, (mine.slots if mine is not None else None)),
        "theme_choices": [(tid, title) for tid, title, _ in topics],
        "none_of_these": NONE_OF_THESE,
        "preview": preview,
        "ticked": set(mine.themes or []) if mine is not None else set(),
    }


def side_names(pair: Pair, lang: str) -> dict[str, dict[str, Any]]:
    """Per side the members' names ("Aylin und Ben"), how many they are (for singular or plural
    wording) and the form after a preposition ("von Herrn Vogt"), for headings over what each side
    wrote; a side without members has ``n`` 0 and the page falls back to the side's neutral name."""
    out: dict[str, dict[str, Any]] = {}
    for role in ("junior", "senior"):
        people = pair.member_names(role)
        joined = join_names(people, lang) if people else ""
        out[role] = {"names": joined, "n": len(people), "of": oblique(joined) if lang == "de" else joined}
    return out


async def _mine(db: AsyncSession, session_id: int, who_id: int) -> Reflection | None:
    return (
        await db.scalars(
            select(Reflection).where(Reflection.session_id == session_id, Reflection.author_id == who_id)
        )
    ).first()


async def _language(db: AsyncSession, pair: Pair) -> str:
    programme = await db.get(Programme, pair.programme_id)
    return programme.language if programme is not None else "de"


def _taxonomy(request: Request[Any, Any, Any], settings: Settings) -> set[str] | None:
    from companion.sessions.controllers import taxonomy_of

    return taxonomy_of(request, settings)


class ReflectionPages(Controller):
    include_in_schema = False

    @post("/me/sessions/{session_id:int}/reflection", status_code=303)
    async def save(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, session_id: ObjId
    ) -> Redirect | Template:
        """Store (or change) the reflection as a draft; the page then shows the preview."""
        from companion.web.pages_participant import render_session

        who = principal_of(request)
        assert who is not None
        session = await db_session.get(MentoringSession, session_id)
        pair = await db_session.get(Pair, session.pair_id) if session is not None else None
        assert session is not None and pair is not None
        role = next((m.role for m in pair.members if m.participant_id == who.id), "junior")
        lang = await _language(db_session, pair)
        sent = await submit(request, ReflectionForm, lang)
        if sent.data is not None:
            sent.errors.extend(sent.data.refused(lang))
        if sent.data is None or not sent.ok:  # input kept, the summary says why
            return await render_session(request, db_session, settings, session_id, sent=sent, status_code=400)
        form = sent.data
        try:
            mine = await _mine(db_session, session_id, who.id)
            if mine is None:
                data = ReflectionCreate(
                    author_role=role,
                    author_id=who.id,
                    slots=form.slots,
                    themes=form.themes,
                    share=False,
                )
                await refl.create(db_session, session_id, data, _taxonomy(request, settings))
            else:
                update = ReflectionUpdate(answers={}, slots=form.slots, themes=form.themes, share=False)
                await refl.change(db_session, mine.id, who.id, update, _taxonomy(request, settings))
        except (DomainError, ValueError):
            await db_session.rollback()
            return await render_session(
                request, db_session, settings, session_id, error="reflection", sent=sent, status_code=400
            )
        return Redirect(f"/me/sessions/{session_id}#reflection", status_code=303)

    @post("/me/sessions/{session_id:int}/reflection/share", status_code=303)
    async def share(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, session_id: ObjId
    ) -> Redirect | Template:
        """Share after the preview, without the sentences the author ticked to exclude."""
        from companion.web.pages_participant import render_session

        who = principal_of(request)
        assert who is not None
        mine = await _mine(db_session, session_id, who.id)
        session = await db_session.get(MentoringSession, session_id)
        pair = await db_session.get(Pair, session.pair_id) if session is not None else None
        assert pair is not None
        sent = await submit(request, ShareForm, await _language(db_session, pair))
        if sent.data is None:
            return await render_session(request, db_session, settings, session_id, sent=sent, status_code=400)
        try:
            if mine is None:
                raise ValueError("no reflection to share")
            await refl.change(
                db_session, mine.id, who.id, ReflectionUpdate(excluded=sent.data.exclude, share=True)
            )
        except (DomainError, ValueError):
            await db_session.rollback()
            return await render_session(
                request, db_session, settings, session_id, error="reflection", status_code=400
            )
        return Redirect(f"/me/sessions/{session_id}#reflection", status_code=303)

    @post("/me/sessions/{session_id:int}/reflection/delete", status_code=303)
    async def delete(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, composer: Composer, session_id: ObjId
    ) -> Redirect:
        """Withdraw (before a summary) or delete (after: a new summary is made from what remains)."""
        who = principal_of(request)
        assert who is not None
        mine = await _mine(db_session, session_id, who.id)
        if mine is not None and await refl.remove(db_session, mine.id, who.id):
            from companion.sessions import generation_service as gen

            await gen.generate(db_session, composer, session_id, "summary")
        return Redirect(f"/me/sessions/{session_id}#reflection", status_code=303)


__all__ = ["ReflectionPages", "reflection_context"]
