"""Participant pages of the evaluation: my surveys with when each is due, and one survey's form
(German or English by programme language, every field labelled). Answers go through the same
service as the API (``companion.evaluation.services``)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import MentoringSession, PairMember, Participant, Programme
from companion.errors import DomainError
from companion.evaluation import services as svc
from companion.evaluation.controllers import KindParam, me_participant
from companion.evaluation.forms import survey_form
from companion.evaluation.questions import MAX_TOPICS, SCALE_VALUES, SURVEYS, THEME_SETS, pick
from companion.insights import anonymise as an
from companion.settings import Settings
from companion.web.forms import FormState, Submission, form_error, submit
from companion.web.i18n import eval_translator as translator
from companion.web.render import page


def _topics(request: Request[Any, Any, Any], settings: Settings, lang: str) -> list[tuple[str, str]]:
    from companion.insights.controllers import knowledge_of

    kb = knowledge_of(request, settings)
    if kb is None:
        return []
    return sorted(((c.id, c.title) for c in kb.by_kind("topic", lang)), key=lambda t: t[1])


async def _pair_topics(db: AsyncSession, participant_id: int) -> list[str]:
    """Topics of the participant's sessions, first chosen first (to preselect the confidence rows)."""
    pairs = select(PairMember.pair_id).where(PairMember.participant_id == participant_id)
    rows = await db.scalars(
        select(MentoringSession.topic)
        .where(MentoringSession.pair_id.in_(pairs), MentoringSession.topic.like("topic-%"))
        .order_by(MentoringSession.number)
    )
    return list(dict.fromkeys(t for t in rows.all() if t))


def _kept(kind: str, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]], list[Any]]:
    """A refused survey's input as the form shows it: answers, ticked themes and topic rows."""
    answers: dict[str, Any] = {}
    themes: dict[str, list[str]] = {}
    for q in SURVEYS[kind].questions:
        raw = values.get(f"q_{q.id}")
        if raw:
            answers[q.id] = int(raw) if q.type == "scale" and str(raw).isdigit() else raw
        if values.get(f"theme_{q.id}"):
            themes[q.id] = list(values[f"theme_{q.id}"])
    rows = []
    for n in range(1, MAX_TOPICS + 1):
        rating = str(values.get(f"rating_{n}") or "")
        rows.append((values.get(f"topic_{n}") or "", int(rating) if rating.isdigit() else None))
    return answers, themes, rows


class SurveyPages(Controller):
    include_in_schema = False

    async def _context(
        self, request: Request[Any, Any, Any], db: AsyncSession
    ) -> tuple[Participant, Programme]:
        me = await me_participant(request, db)
        programme = await db.get(Programme, me.programme_id)
        assert programme is not None
        return me, programme

    @get("/me/surveys")
    async def list_page(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Template:
        """My surveys and when each is due."""
        me, programme = await self._context(request, db_session)
        return self._list(request, programme, await svc.my_surveys(db_session, me), "pages/surveys.html")

    @get("/me/surveys/due")
    async def due_card(self, request: Request[Any, Any, Any], db_session: AsyncSession) -> Template:
        """The surveys card of the home page (loaded by HTMX, so the home page stays as it is)."""
        me, programme = await self._context(request, db_session)
        return self._list(
            request, programme, await svc.my_surveys(db_session, me), "partials/_surveys_due.html"
        )

    def _list(
        self, request: Request[Any, Any, Any], programme: Programme, states: Any, template: str
    ) -> Template:
        lang = programme.language
        return page(
            request,
            template,
            lang,
            et=translator(lang),
            states=[(d, r, pick(SURVEYS[d.kind].title, lang)) for d, r in states],
            k=an.effective_k(programme.k_threshold),
        )

    @get("/me/surveys/{kind:str}")
    async def form_page(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, kind: KindParam
    ) -> Template:
        saved = request.query_params.get("saved") == "1"
        return await self._form(request, db_session, settings, kind, saved=saved)

    async def _form(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        settings: Settings,
        kind: str,
        *,
        saved: bool = False,
        error: str | None = None,
        sent: Submission[Any] | None = None,
        status_code: int = 200,
    ) -> Template:
        me, programme = await self._context(request, db)
        lang = programme.language
        states = {d.kind: (d, r) for d, r in await svc.my_surveys(db, me)}
        state, response = states[kind]
        answers: dict[str, Any] = dict(response.answers) if response else {}
        themes: dict[str, list[str]] = dict(response.themes) if response else {}
        chosen: list[Any] = list((answers.get("confidence") or {}).items())
        if sent is not None:  # a refused or unsaved form shows what was typed
            answers, themes, chosen = _kept(kind, sent.values)
        elif not chosen:  # the end survey asks about the topics rated at the start
            start = states["pre"][1]
            base = list((start.answers.get("confidence") or {}) if start else []) or await _pair_topics(
                db, me.id
            )
            chosen = [(t, None) for t in base]
        return page(
            request,
            "pages/survey.html",
            lang,
            et=translator(lang),
            kind=kind,
            survey=SURVEYS[kind],
            state=state,
            role=me.role,
            answers=answers,
            themes=themes,
            chosen=(chosen + [("", None)] * MAX_TOPICS)[:MAX_TOPICS],
            topics=_topics(request, settings, lang),
            theme_sets=THEME_SETS,
            scale=SCALE_VALUES,
            pick=lambda pair: pick(pair, lang),
            k=an.effective_k(programme.k_threshold),
            saved=saved,
            error=error,
            form_state=FormState.of(sent, lang),
            status_code=status_code,
        )

    @post("/me/surveys/{kind:str}", status_code=303)
    async def submit(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, settings: Settings, kind: KindParam
    ) -> Redirect | Template:
        """Save my answers; a form that does not fit is shown again with what was typed and a message."""
        me, programme = await self._context(request, db_session)
        lang = programme.language  # read before a rollback expires the row
        sent = await submit(request, survey_form(kind), lang)
        if sent.data is None:
            return await self._form(request, db_session, settings, kind, sent=sent, status_code=400)
        try:
            await svc.submit(db_session, me, kind, sent.data.submission())
        except DomainError as exc:
            await db_session.rollback()
            code = {"survey_closed": "is_closed", "survey_not_open": "not_open"}.get(exc.code or "")
            if code is None:  # the answers break a rule of the survey (e.g. none given): say so on top
                empty = any(e.get("key") == "answers" for e in exc.errors)
                message = translator(lang)("answer_none" if empty else "answer_invalid")
                sent.errors.append(form_error(sent.form_id, message))
            return await self._form(
                request, db_session, settings, kind, error=code, sent=sent, status_code=exc.status_code
            )
        return Redirect(f"/me/surveys/{kind}?saved=1", status_code=303)
