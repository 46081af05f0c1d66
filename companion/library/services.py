"""Library logic: filter and search the cards, render a card's markdown, and find the agendas that cite
a card within what the viewer may see.

Citations follow the access rules of the rest of the service: a participant sees their own pairs'
sessions whose newest agenda cites the card; a coordinator sees only a count per programme they
coordinate, suppressed below the programme's k pairs (as on the insights page), and never which pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from companion.db.models import GeneratedOutput, MentoringSession, Pair, Programme
from companion.insights.anonymise import Figure, effective_k, figure
from companion.retrieval.knowledge import CATEGORIES, KINDS, LANGS, Card, KnowledgeBase
from companion.retrieval.search import CardHit, HybridRetriever

SEARCH_RESULTS = 15


class LibraryFilterError(ValueError):
    """A filter value the library does not know; ``field`` names the filter."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class Filters:
    """What the viewer asked for; ``lang`` None means both languages."""

    q: str = ""
    lang: str | None = "de"
    kind: str | None = None
    category: str | None = None


def parse_filters(q: str, lang: str, kind: str, category: str, default_lang: str) -> Filters:
    """Validate the query string; empty values mean "no filter", ``lang=all`` both languages."""
    lang = lang or default_lang
    if lang not in (*LANGS, "all"):
        raise LibraryFilterError("lang")
    if kind and kind not in KINDS:
        raise LibraryFilterError("kind")
    if category and category not in CATEGORIES:
        raise LibraryFilterError("category")
    return Filters(
        q=q.strip()[:200], lang=None if lang == "all" else lang, kind=kind or None, category=category or None
    )


@dataclass(frozen=True)
class Entry:
    """One card in a list: what it is, and why it is listed (its summary or the matching passage)."""

    id: str
    lang: str
    kind: str
    title: str
    category: str | None
    text: str
    heading: str | None = None


def browse(kb: KnowledgeBase, filters: Filters) -> list[Entry]:
    """All cards passing the filters, by kind (in the knowledge base's order), then title."""
    order = {kind: n for n, kind in enumerate(KINDS)}
    cards = [
        c
        for c in kb.cards
        if (filters.lang is None or c.lang == filters.lang)
        and (filters.kind is None or c.kind == filters.kind)
        and (filters.category is None or c.category == filters.category)
    ]
    cards.sort(key=lambda c: (order.get(c.kind, 99), c.title.casefold(), c.lang))
    return [Entry(c.id, c.lang, c.kind, c.title, c.category, c.summary) for c in cards]


def search(retriever: HybridRetriever, filters: Filters) -> list[Entry]:
    """The best distinct cards for ``filters.q`` (hybrid search), each with its best passage."""
    hits: Sequence[CardHit] = retriever.search_cards(
        filters.q,
        lang=filters.lang,
        kinds=[filters.kind] if filters.kind else None,
        category=filters.category,
        k=SEARCH_RESULTS,
        passages_per_card=1,
    )
    out = []
    for hit in hits:
        best = hit.passages[0]
        out.append(Entry(hit.card_id, hit.lang, hit.kind, hit.title, hit.category, best.text, best.heading))
    return out


_MD = MarkdownIt("js-default")  # CommonMark without raw HTML: card text can never inject markup


def render_markdown(text: str) -> Markup:
    """A card section as HTML (lists, emphasis, links); raw HTML in the source is escaped."""
    return Markup(_MD.render(text))  # safe: js-default has html=False, so raw HTML is escaped


def sections(card: Card) -> list[tuple[str, Markup]]:
    """The card's sections in order: (heading, rendered body)."""
    return [(card.section_heading(key), render_markdown(body)) for key, body in card.sections.items()]


def _cites(payload: dict[str, Any], card_id: str) -> bool:
    refs = [*(payload.get("sources") or []), *(payload.get("principles") or [])]
    return any(isinstance(r, dict) and r.get("card_id") == card_id for r in refs)


async def _newest_agendas(db: AsyncSession, session_ids: Iterable[int]) -> dict[int, GeneratedOutput]:
    ids = list(session_ids)
    if not ids:
        return {}
    rows = (
        await db.scalars(
            select(GeneratedOutput)
            .where(GeneratedOutput.kind == "agenda", GeneratedOutput.session_id.in_(ids))
            .order_by(GeneratedOutput.session_id, GeneratedOutput.version)
        )
    ).all()
    return {row.session_id: row for row in rows}  # the last (newest) version of each session wins


@dataclass(frozen=True)
class Citation:
    """A session of the viewer's pair whose newest agenda cites the card."""

    session_id: int
    number: int
    pair_name: str | None
    scheduled_at: datetime | None
    agenda_title: str
    version: int


async def citing_sessions(db: AsyncSession, card_id: str, pair_ids: Iterable[int]) -> list[Citation]:
    """Sessions of ``pair_ids`` whose newest agenda cites ``card_id`` (participants' view)."""
    pairs = list(pair_ids)
    if not pairs:
        return []
    rows = (
        await db.execute(
            select(MentoringSession, Pair.name)
            .join(Pair, Pair.id == MentoringSession.pair_id)
            .where(MentoringSession.pair_id.in_(pairs))
            .order_by(MentoringSession.pair_id, MentoringSession.number)
        )
    ).all()
    agendas = await _newest_agendas(db, (s.id for s, _ in rows))
    out = []
    for session, pair_name in rows:
        agenda = agendas.get(session.id)
        if agenda is not None and _cites(agenda.payload, card_id):
            title = str(agenda.payload.get("title") or "")
            out.append(
                Citation(session.id, session.number, pair_name, session.scheduled_at, title, agenda.version)
            )
    return out


@dataclass(frozen=True)
class ProgrammeCount:
    """How many sessions of a programme have a newest agenda citing the card (k-anonymous)."""

    programme_id: int
    name: str
    sessions: Figure


async def citation_counts(
    db: AsyncSession, card_id: str, programme_ids: Iterable[int]
) -> list[ProgrammeCount]:
    """Per programme: sessions whose newest agenda cites ``card_id``; shown only when at least k
    distinct pairs are behind the count (coordinators' view, no pair or content)."""
    ids = list(programme_ids)
    if not ids:
        return []
    programmes = (
        await db.scalars(select(Programme).where(Programme.id.in_(ids)).order_by(Programme.name))
    ).all()
    rows = (
        await db.execute(
            select(MentoringSession.id, MentoringSession.pair_id, Pair.programme_id)
            .join(Pair, Pair.id == MentoringSession.pair_id)
            .where(Pair.programme_id.in_(ids))
        )
    ).all()
    agendas = await _newest_agendas(db, (sid for sid, _, _ in rows))
    sessions: dict[int, int] = {}
    pairs: dict[int, set[int]] = {}
    for sid, pair_id, programme_id in rows:
        agenda = agendas.get(sid)
        if agenda is not None and _cites(agenda.payload, card_id):
            sessions[programme_id] = sessions.get(programme_id, 0) + 1
            pairs.setdefault(programme_id, set()).add(pair_id)
    return [
        ProgrammeCount(
            p.id,
            p.name,
            figure(sessions.get(p.id, 0), len(pairs.get(p.id, ())), effective_k(p.k_threshold)),
        )
        for p in programmes
    ]
