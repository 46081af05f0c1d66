"""Coordinator pages: the evaluation (rounds, frozen k-anonymous results with charts, CSV export) and
programme health. Both read only what the services publish for coordinators — never a single answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import Programme
from companion.errors import DomainError
from companion.evaluation import services as svc
from companion.evaluation.charts import change_chart, distribution_chart, percent_chart
from companion.evaluation.controllers import KindParam
from companion.evaluation.export import choice_label, export_csv
from companion.evaluation.forms import CloseRoundForm
from companion.evaluation.health import programme_health
from companion.evaluation.questions import question, theme_label
from companion.i18n import tr
from companion.insights.charts import bar_chart
from companion.programmes.controllers import ProgrammeId
from companion.programmes.services import get_or_404
from companion.web.forms import FormState, Submission, submit
from companion.web.i18n import eval_text as et
from companion.web.i18n import eval_translator as translator
from companion.web.render import page

BASE = "/coordinator/programmes/{programme_id:int}"


def _question_views(rnd: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """Per question of a closed round: its text, rows and distribution chart."""
    views = []
    for q in rnd["results"]["questions"]:
        found = question(rnd["kind"], q["id"])
        text = found.text("senior", lang) if found else q["id"]
        views.append(
            {
                "id": q["id"],
                "text": text,
                "groups": q["groups"],
                "choices": found.choices if found else None,
                "chart": distribution_chart(text, q, found.choices if found else None, lang),
            }
        )
    return views


def _theme_rows(rnd: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    rows = []
    # not ``t``: Babel extracts ``t("…")`` calls, and would take ``t["question"]`` for one
    for ticked in rnd["results"].get("themes", []):
        found = question(rnd["kind"], ticked["question"])
        rows.append(
            {
                "question": found.text("senior", lang) if found else "",
                "label": theme_label(found.themes if found else None, ticked["theme"], lang),
                "count": ticked["count"],
            }
        )
    return rows


class EvaluationPages(Controller):
    include_in_schema = False

    async def _render(
        self,
        request: Request[Any, Any, Any],
        db: AsyncSession,
        programme_id: int,
        *,
        error: str | None = None,
        sent: Submission[Any] | None = None,
        refused_kind: str | None = None,
        status: int = 200,
    ) -> Template:
        programme = await get_or_404(db, Programme, programme_id, "Programme")
        lang = programme.language
        overview = await svc.evaluation_overview(db, programme_id)
        rounds = []
        for rnd in overview["rounds"]:
            view = dict(rnd)
            if rnd["results"] is not None:
                view["questions"] = _question_views(rnd, lang)
                view["theme_rows"] = _theme_rows(rnd, lang)
                view["change_chart"] = change_chart(
                    tr(lang).gettext("Before/after: confidence in the chosen topics"),
                    rnd["results"].get("change", []),
                    lang,
                )
            rounds.append(view)
        return page(
            request,
            "pages/coordinator_evaluation.html",
            lang,
            et=translator(lang),
            programme=programme,
            k=overview["k"],
            rounds=rounds,
            choice_text=lambda choices, value: choice_label(choices, value, lang),
            error=error,
            form_state=FormState.of(sent, lang),
            refused_kind=refused_kind,
            status_code=status,
        )

    @get(f"{BASE}/evaluation")
    async def evaluation(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Template:
        return await self._render(request, db_session, programme_id)

    @post(f"{BASE}/evaluation/rounds/{{kind:str}}/open", status_code=303)
    async def open_round(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        kind: KindParam,
    ) -> Redirect | Template:
        """Open a survey early for everyone."""
        return await self._change(request, db_session, programme_id, kind, "open")

    @post(f"{BASE}/evaluation/rounds/{{kind:str}}/close", status_code=303)
    async def close_round(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        programme_id: ProgrammeId,
        kind: KindParam,
    ) -> Redirect | Template:
        """Close a survey and publish its results (needs the confirmation box)."""
        return await self._change(request, db_session, programme_id, kind, "close")

    async def _change(
        self, request: Request[Any, Any, Any], db: AsyncSession, programme_id: int, kind: str, action: str
    ) -> Redirect | Template:
        try:
            if action == "open":
                await svc.open_round(db, programme_id, kind)
            else:
                lang = (await get_or_404(db, Programme, programme_id, "Programme")).language
                sent = await submit(request, CloseRoundForm, lang)
                if not sent.ok:
                    return await self._render(
                        request, db, programme_id, sent=sent, refused_kind=kind, status=400
                    )
                await svc.close_round(db, programme_id, kind)
        except DomainError as exc:
            await db.rollback()
            return await self._render(
                request, db, programme_id, error="round_is_closed", status=exc.status_code
            )
        return Redirect(f"/coordinator/programmes/{programme_id}/evaluation#round-{kind}", status_code=303)

    @get(f"{BASE}/evaluation/export.csv", media_type="text/csv")
    async def export(self, db_session: AsyncSession, programme_id: ProgrammeId) -> Response[str]:
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        return Response(
            await export_csv(db_session, programme_id),
            headers={"content-disposition": f'attachment; filename="evaluation-{programme_id}-{stamp}.csv"'},
        )

    @get(f"{BASE}/health")
    async def health(
        self, request: Request[Any, Any, Any], db_session: AsyncSession, programme_id: ProgrammeId
    ) -> Template:
        programme = await get_or_404(db_session, Programme, programme_id, "Programme")
        lang = programme.language
        data = await programme_health(db_session, programme_id)
        months_chart = bar_chart(
            tr(lang).gettext("Sessions per month: planned and held"),
            [
                (
                    m.label,
                    [(et(s, lang), getattr(m, s).value, getattr(m, s).shown) for s in ("planned", "held")],
                )
                for m in data.months
            ],
        )
        shares_chart = percent_chart(
            tr(lang).gettext("Share of held sessions with …"),
            [
                (et(key, lang), getattr(data, key).value, getattr(data, key).shown)
                for key in ("with_agenda", "with_reflection", "with_summary")
            ],
            "%",
        )
        rates_chart = percent_chart(
            tr(lang).gettext("Survey response rates"),
            [(et(f"short_{s.kind}", lang), s.rate.value, s.rate.shown) for s in data.surveys],
            "%",
        )
        return page(
            request,
            "pages/coordinator_health.html",
            lang,
            et=translator(lang),
            programme=programme,
            data=data,
            months_chart=months_chart if data.months else None,
            shares_chart=shares_chart,
            rates_chart=rates_chart,
        )
