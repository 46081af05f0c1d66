"""The knowledge library pages: browse, filter and search the cards (``/library``), read one card
(``/library/cards/{id}``) and see which agendas cite it — the viewer's own pairs' sessions for a
participant, a k-anonymous count per programme for a coordinator. Logic: ``companion.library``."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from litestar import Controller, Request, get
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from companion.auth.policy import principal_of
from companion.i18n import tr
from companion.insights.controllers import knowledge_of
from companion.library import services as lib
from companion.programmes import coordination
from companion.programmes import services as psvc
from companion.retrieval.knowledge import CATEGORIES, KINDS, LANGS
from companion.retrieval.search import SearchError
from companion.runtime import Runtime
from companion.settings import Settings
from companion.web.render import page

# Generous here, cut to 200 characters by the service: an overlong query must not meet an English
# validation error on a German page.
Text = Annotated[str, Parameter(max_length=2000)]
CardId = Annotated[str, Parameter(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


class LibraryPages(Controller):
    path = "/library"
    include_in_schema = False

    @get("/")
    async def index(
        self,
        request: Request[Any, Any, Any],
        settings: Settings,
        runtime: Runtime,
        q: Text = "",
        lang: Text = "",
        kind: Text = "",
        category: Text = "",
    ) -> Template:
        """Every card (filtered), or with ``q`` the best matching cards with the passage that matched."""
        who = principal_of(request)
        assert who is not None
        ui = who.language
        context: dict[str, Any] = {"kinds": KINDS, "categories": CATEGORIES, "langs": LANGS, "entries": []}
        try:
            filters = lib.parse_filters(q, lang, kind, category, default_lang=ui)
        except lib.LibraryFilterError as exc:
            bad = lib.Filters(q=q, lang=ui)
            return page(
                request,
                "pages/library.html",
                ui,
                filters=bad,
                error=f"library_bad_{exc.field}",
                status_code=400,
                **context,
            )
        kb = knowledge_of(request, settings)
        if kb is None:
            return page(
                request,
                "pages/library.html",
                ui,
                filters=filters,
                error="library_unavailable",
                status_code=503,
                **context,
            )
        if filters.q:
            retriever = await runtime.retriever()
            try:
                entries = await anyio.to_thread.run_sync(lib.search, retriever, filters)
            except SearchError:
                return page(
                    request,
                    "pages/library.html",
                    ui,
                    filters=filters,
                    error="library_bad_query",
                    status_code=400,
                    **context,
                )
        else:
            entries = lib.browse(kb, filters)
        context["entries"] = entries
        return page(request, "pages/library.html", ui, filters=filters, error=None, **context)

    @get("/cards/{card_id:str}")
    async def card(
        self,
        request: Request[Any, Any, Any],
        db_session: AsyncSession,
        settings: Settings,
        card_id: CardId,
        lang: Text = "",
    ) -> Template:
        """One card with its sections, its twin in the other language and the agendas citing it."""
        who = principal_of(request)
        assert who is not None
        kb = knowledge_of(request, settings)
        card_lang = lang if lang in LANGS else who.language
        found = kb.get(card_id, card_lang) if kb is not None else None
        if found is None:
            return page(
                request,
                "pages/error.html",
                who.language,
                status=404,
                detail=tr(who.language).gettext("This card does not exist."),
                status_code=404,
            )
        group: bool | None = None
        if who.is_coordinator:
            programme_ids = (await db_session.scalars(coordination.programmes_of(who.id))).all()
            counts = await lib.citation_counts(db_session, card_id, [p.id for p in programme_ids])
            citations: list[lib.Citation] = []
        else:
            counts = []
            citations = await lib.citing_sessions(db_session, card_id, who.pair_ids)
            group = psvc.in_groups(await psvc.pairs_with(db_session, who.id))
        return page(
            request,
            "pages/library_card.html",
            who.language,
            card=found,
            sections=lib.sections(found),
            twin="en" if found.lang == "de" else "de",
            citations=citations,
            counts=counts,
            group=group,
        )
