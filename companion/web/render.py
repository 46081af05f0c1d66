"""Helpers shared by the page controllers: rendering with the right language, stored outputs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Request
from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.db.models import GeneratedOutput
from companion.i18n import format_day, format_moment, month_label, tr
from companion.web.i18n import format_name, page_language, plural, text, translator

KINDS = ("agenda", "preparation", "reflection-prompts", "summary")


def page(
    request: Request[Any, Any, Any], template: str, lang: str, *, status_code: int = 200, **context: Any
) -> Template:
    """Render ``template`` in ``lang`` (or the coordinator's chosen language) with the signed-in
    person, gettext and the formatting helpers available."""
    lang = page_language(request, lang)
    if hasattr(context.get("form_state"), "lang"):
        context["form_state"].lang = lang  # a refused form's summary and labels in the page's language
    context.update(
        lang=lang,
        t=translator(lang),
        plural=lambda key, n: plural(key, n, lang),
        user=principal_of(request),
        fmt_date=lambda d: fmt_date(d, lang),
        made_by=lambda generated_by: made_by(generated_by, lang),
        format_name=lambda value: format_name(value, lang),
        fmt_day=lambda d: format_day(d, lang),
        month_label=lambda month, width="wide": month_label(month, lang, width),
    )
    return Template(template, context=context, status_code=status_code)


def fmt_date(value: datetime | None, lang: str) -> str:
    """A date and time the way people write it in ``lang``: „02.12.2026, 14:30“ / “Dec 2, 2026, 2:30 PM”."""
    return format_moment(value, lang)


def made_by(generated_by: str, lang: str) -> str:
    """Who wrote a result, said for people: ``generated_by`` is a model name, ``offline`` or
    ``offline (fallback: …)`` (the raw value stays in the element's title for whoever needs it)."""
    if generated_by == "offline":
        return tr(lang).gettext("Put together from the knowledge base, without an AI model.")
    if generated_by.startswith("offline"):
        return tr(lang).gettext("Put together from the knowledge base, because the AI model did not answer.")
    return tr(lang).gettext("Written with the AI model {model}.").format(model=generated_by)


async def latest_outputs(db: AsyncSession, session_id: int) -> dict[str, GeneratedOutput]:
    """The newest stored output of each kind for a session."""
    rows = (
        await db.scalars(
            select(GeneratedOutput)
            .where(GeneratedOutput.session_id == session_id)
            .order_by(GeneratedOutput.kind, GeneratedOutput.version)
        )
    ).all()
    return {row.kind: row for row in rows}


def status_text(status: str, lang: str) -> str:
    return text(f"status_{status}", lang)
