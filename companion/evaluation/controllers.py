"""JSON API of the programme evaluation and health. Participants read and answer their own surveys
(``/api/me/surveys``); coordinators of the programme open and close rounds and read aggregates,
health figures and the CSV export (``/api/programmes/{id}/…``). Rules: ``companion.auth.policy``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post, put
from litestar.exceptions import PermissionDeniedException
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import Participant, Programme
from companion.evaluation import services as svc
from companion.evaluation.export import export_csv
from companion.evaluation.health import ProgrammeHealth, programme_health
from companion.evaluation.questions import SURVEYS, THEME_SETS, pick
from companion.evaluation.schedule import Due
from companion.evaluation.schemas import (
    EvaluationRead,
    MySurvey,
    QuestionRead,
    RoundRead,
    SurveyStatus,
    SurveySubmit,
    ThemeOption,
)
from companion.programmes.controllers import ProgrammeId
from companion.programmes.services import get_or_404
from companion.web.i18n import eval_text as et

KindParam = Annotated[
    str, Parameter(pattern=r"^(pre|pulse_first|pulse_mid|post)$", description="Survey kind")
]


async def me_participant(request: Request[Any, Any, Any], db: AsyncSession) -> Participant:
    """The signed-in participant's row (403 for anyone else)."""
    who = principal_of(request)
    if who is None or not who.is_participant:
        raise PermissionDeniedException("Surveys are answered by participants")
    return await get_or_404(db, Participant, who.id, "Participant")


def status_of(state: Due, lang: str) -> SurveyStatus:
    """A survey's state in the API shape, texts in ``lang``."""
    return SurveyStatus(
        kind=state.kind,
        title=pick(SURVEYS[state.kind].title, lang),
        state=state.state,
        available_from=state.since,
        when=et(state.hint, lang),
    )


def survey_of(state: Due, response: Any, role: str, lang: str) -> MySurvey:
    """The full survey with the participant's own answers."""
    survey = SURVEYS[state.kind]
    questions = [
        QuestionRead(
            id=q.id,
            type=q.type,
            text=q.text(role, lang),
            help=pick(q.help, lang) if q.help else None,
            options=[ThemeOption(id=v, label=label) for v, label in q.options(lang)] if q.choices else [],
            themes=[ThemeOption(id=t, label=pick(label, lang)) for t, label in THEME_SETS[q.themes].items()]
            if q.themes
            else [],
        )
        for q in survey.questions
    ]
    return MySurvey(
        **status_of(state, lang).model_dump(),
        intro=pick(survey.intro, lang),
        questions=questions,
        answers=dict(response.answers) if response else {},
        themes=dict(response.themes) if response else {},
        updated_at=response.updated_at if response else None,
    )


async def _language(db: AsyncSession, participant: Participant) -> str:
    programme = await db.get(Programme, participant.programme_id)
    return programme.language if programme else "de"


class MySurveyController(Controller):
    path = "/api/me/surveys"
    tags = ["evaluation"]

    @get("/")
    async def list_surveys(
        self, request: Request[Any, Any, Any], db_session: AsyncSession
    ) -> list[SurveyStatus]:
        """My surveys and when each is due (start, first pulse, mid-point pulse, end)."""
        me = await me_participant(request, db_session)
        lang = await _language(db_session, me)
        return [status_of(state, lang) for state, _ in await svc.my_surveys(db_session, me)]

    @get("/{kind:str}")
    async def read(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, kind: KindParam
    ) -> MySurvey:
        """One survey: its questions in the programme's language and my own answers (only mine)."""
        me = await me_participant(request, db_session)
        lang = await _language(db_session, me)
        state, response = dict((d.kind, (d, r)) for d, r in await svc.my_surveys(db_session, me))[kind]
        return survey_of(state, response, me.role, lang)

    @put("/{kind:str}")
    async def answer(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, kind: KindParam, data: SurveySubmit
    ) -> Response[MySurvey]:
        """Submit or change my answers while the survey is open (201 first time, 200 after); 409 when it
        is not open yet or closed; 422 for an answer that does not fit the question."""
        me = await me_participant(request, db_session)
        _, created = await svc.submit(db_session, me, kind, data)
        lang = await _language(db_session, me)
        state, response = dict((d.kind, (d, r)) for d, r in await svc.my_surveys(db_session, me))[kind]
        return Response(survey_of(state, response, me.role, lang), status_code=201 if created else 200)


async def _overview(db: AsyncSession, programme_id: int) -> EvaluationRead:
    data = await svc.evaluation_overview(db, programme_id)
    return EvaluationRead(
        programme_id=data["programme_id"], k=data["k"], rounds=[RoundRead(**r) for r in data["rounds"]]
    )


class EvaluationController(Controller):
    path = "/api/programmes/{programme_id:int}"
    tags = ["evaluation"]

    @get("/evaluation")
    async def overview(self, db_session: AsyncSession, programme_id: ProgrammeId) -> EvaluationRead:
        """Survey rounds: participation while open; aggregates over at least k respondents once closed."""
        return await _overview(db_session, programme_id)

    @post("/evaluation/rounds/{kind:str}/open", status_code=200)
    async def open_round(
        self, db_session: AsyncSession, programme_id: ProgrammeId, kind: KindParam
    ) -> EvaluationRead:
        """Open a survey for everyone now, before its natural time (409 when closed)."""
        await svc.open_round(db_session, programme_id, kind)
        return await _overview(db_session, programme_id)

    @post("/evaluation/rounds/{kind:str}/close", status_code=200)
    async def close_round(
        self, db_session: AsyncSession, programme_id: ProgrammeId, kind: KindParam
    ) -> EvaluationRead:
        """Close a survey: no more answers; its aggregates are computed once and published (409 when
        already closed)."""
        await svc.close_round(db_session, programme_id, kind)
        return await _overview(db_session, programme_id)

    @get("/evaluation/export", media_type="text/csv")
    async def export(self, db_session: AsyncSession, programme_id: ProgrammeId) -> Response[str]:
        """The aggregates as CSV (never single answers; cells below k are ``< k``)."""
        body = await export_csv(db_session, programme_id)
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        return Response(
            body,
            headers={"content-disposition": f'attachment; filename="evaluation-{programme_id}-{stamp}.csv"'},
        )

    @get("/health")
    async def health(self, db_session: AsyncSession, programme_id: ProgrammeId) -> ProgrammeHealth:
        """Programme health without content: pairs active/stalled, sessions per month, shares of sessions
        with agenda, reflections and summary, survey response rates."""
        return await programme_health(db_session, programme_id)
