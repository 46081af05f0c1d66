"""Load and validate the knowledge cards in ``knowledge/`` (format: ``knowledge/README.md``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, Field, StringConstraints, ValidationError

Lang = Literal["de", "en"]
LANGS: tuple[Lang, ...] = ("de", "en")
CATEGORIES = ("technology", "work", "culture")

# kind -> ordered (key, German heading, English heading); mirrors the table in knowledge/README.md.
SECTIONS: dict[str, list[tuple[str, str, str]]] = {
    "principle": [
        ("meaning", "Worum es geht", "What it means"),
        ("in_session", "So zeigt es sich in der Session", "What it looks like in a session"),
        ("warning_signs", "Warnsignale", "Warning signs"),
    ],
    "topic": [
        ("why", "Warum es wichtig ist", "Why it matters"),
        ("junior_questions", "Fragen für die Junior-Seite", "Questions for the junior"),
        ("senior_questions", "Fragen für die Senior-Seite", "Questions for the senior"),
        ("non_technical", "Der nicht-technische Blick", "The non-technical angle"),
        ("session_ideas", "Ideen für die Session", "Ideas for the session"),
    ],
    "session-pattern": [
        ("purpose", "Ziel", "Purpose"),
        ("flow", "Ablauf", "Flow"),
        ("tips", "Tipps", "Tips"),
        ("next_step", "Nächster Schritt", "Next step"),
    ],
    "role-tip": [
        ("preparation", "Vorbereitung", "Preparation"),
        ("in_session", "In der Session", "In the session"),
        ("mindset", "Haltung", "Mindset"),
    ],
    "pitfall": [
        ("what_goes_wrong", "Was schiefgeht", "What goes wrong"),
        ("what_works", "Was stattdessen hilft", "What works instead"),
        ("how_to_spot", "Woran man es erkennt", "How to spot it"),
    ],
    "challenge": [
        ("signs", "Anzeichen", "Signs"),
        ("causes", "Ursachen", "Causes"),
        ("remedies", "Was hilft", "What helps"),
    ],
    "format": [
        ("description", "Beschreibung", "Description"),
        ("when_to_use", "Wann es passt", "When it fits"),
        ("setup", "Aufbau", "Setup"),
        ("benefits", "Vorteile", "Benefits"),
    ],
    "programme": [
        ("overview", "Überblick", "Overview"),
        ("steps", "Schritte", "Steps"),
        ("tips", "Tipps", "Tips"),
    ],
    "metric": [
        ("what_to_measure", "Was gemessen wird", "What to measure"),
        ("how_to_measure", "Wie man misst", "How to measure"),
        ("how_to_read", "Wie man es liest", "How to read it"),
    ],
    "training": [
        ("goals", "Ziele", "Goals"),
        ("contents", "Inhalte", "Contents"),
        ("exercises", "Übungen", "Exercises"),
    ],
}
KINDS = tuple(SECTIONS)


class KnowledgeError(ValueError):
    """A card is malformed; the message names the file."""


class PatternStep(BaseModel):
    """One step of a session pattern's agenda skeleton."""

    title: str = Field(min_length=1)
    share: int = Field(gt=0, le=100)
    lead: Literal["junior", "senior", "both"]
    purpose: str = Field(min_length=1)
    prompts: list[str] = Field(default_factory=list, max_length=3)


class _FrontMatter(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    lang: Lang
    kind: str
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    tags: list[str]
    sources: list[str] = Field(min_length=1)
    category: Literal["technology", "work", "culture"] | None = None
    steps: list[PatternStep] = Field(default_factory=list)
    questions: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=160)]
    ] = Field(default_factory=list, max_length=20)


@dataclass(frozen=True)
class Card:
    """One validated knowledge card in one language."""

    id: str
    lang: Lang
    kind: str
    title: str
    summary: str
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    category: str | None
    sections: dict[str, str]
    steps: tuple[PatternStep, ...]
    questions: tuple[str, ...]
    path: Path
    content_hash: str

    def section_heading(self, key: str) -> str:
        """The heading of section ``key`` in this card's language."""
        for k, de, en in SECTIONS[self.kind]:
            if k == key:
                return de if self.lang == "de" else en
        raise KeyError(key)

    def bullets(self, key: str) -> list[str]:
        """The bullet items of a section (lines starting with ``- ``), without the dash."""
        return [line[2:].strip() for line in self.sections.get(key, "").splitlines() if line.startswith("- ")]


@dataclass
class KnowledgeBase:
    """All cards, indexed by (id, lang)."""

    cards: list[Card]
    _by_key: dict[tuple[str, str], Card] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {(c.id, c.lang): c for c in self.cards}

    def get(self, card_id: str, lang: str) -> Card | None:
        """The card with this id in this language, if any."""
        return self._by_key.get((card_id, lang))

    def by_kind(self, kind: str, lang: str) -> list[Card]:
        """All cards of a kind in a language, sorted by id."""
        return sorted((c for c in self.cards if c.kind == kind and c.lang == lang), key=lambda c: c.id)

    def ids(self) -> set[str]:
        """All card ids."""
        return {c.id for c in self.cards}

    def topic_ids(self) -> list[str]:
        """The topic taxonomy: ids of all topic cards."""
        return sorted({c.id for c in self.cards if c.kind == "topic"})


# libyaml's loader parses the 128 cards' front matter ~10x faster than the pure-Python one (same result).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FM = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)
_HEADING = re.compile(r"^## (.+?)\s*$", re.M)


def parse_card(path: Path) -> Card:
    """Parse and validate one card file; raises :class:`KnowledgeError` naming the file."""
    text = path.read_text(encoding="utf-8")
    m = _FM.match(text)
    if not m:
        raise KnowledgeError(f"{path}: missing YAML front matter between '---' lines")
    try:
        raw = yaml.load(m.group(1), Loader=_YAML_LOADER) or {}
        fm = _FrontMatter.model_validate(raw)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: front matter is not valid YAML: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'front matter'}: {e['msg']}" for e in exc.errors()
        )
        raise KnowledgeError(f"{path}: {problems}") from exc
    if fm.kind not in SECTIONS:
        raise KnowledgeError(f"{path}: unknown kind {fm.kind!r} (known: {', '.join(KINDS)})")
    if (fm.kind == "topic") != (fm.category is not None):
        raise KnowledgeError(f"{path}: 'category' is required for topic cards and only for them")
    if path.stem != fm.id:
        raise KnowledgeError(f"{path}: file name must be the card id {fm.id!r}")
    if path.parent.name in LANGS and path.parent.name != fm.lang:
        raise KnowledgeError(f"{path}: lang {fm.lang!r} does not match folder {path.parent.name!r}")
    if fm.kind == "session-pattern":
        if not fm.steps:
            raise KnowledgeError(f"{path}: session patterns need 'steps'")
        total = sum(s.share for s in fm.steps)
        if total != 100:
            raise KnowledgeError(f"{path}: step shares add up to {total}, not 100")
    sections = _split_sections(path, m.group(2), fm.kind, fm.lang)
    return Card(
        id=fm.id,
        lang=fm.lang,
        kind=fm.kind,
        title=fm.title,
        summary=fm.summary,
        tags=tuple(fm.tags),
        sources=tuple(fm.sources),
        category=fm.category,
        sections=sections,
        steps=tuple(fm.steps),
        questions=tuple(fm.questions),
        path=path,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _split_sections(path: Path, body: str, kind: str, lang: str) -> dict[str, str]:
    expected = [(k, de if lang == "de" else en) for k, de, en in SECTIONS[kind]]
    found = _HEADING.findall(body)
    want = [h for _, h in expected]
    if found != want:
        raise KnowledgeError(f"{path}: sections must be {want}, found {found}")
    parts = _HEADING.split(body)[1:]  # heading, text, heading, text, ...
    sections: dict[str, str] = {}
    for (key, _), text in zip(expected, parts[1::2], strict=True):
        if not text.strip():
            raise KnowledgeError(f"{path}: section {key!r} is empty")
        sections[key] = text.strip()
    return sections


def load_knowledge(root: Path, seeds_dir: Path | None = None) -> KnowledgeBase:
    """Load every card under ``root/<lang>/*.md``; check uniqueness and German/English twins.

    ``seeds_dir``, when given, also checks that every source names an existing seed file.
    """
    if not root.is_dir():
        raise KnowledgeError(f"{root}: knowledge directory not found")
    cards: list[Card] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in sorted(_card_files(root)):
        card = parse_card(path)
        key = (card.id, card.lang)
        if key in seen:
            raise KnowledgeError(f"{path}: duplicate id {card.id!r} for lang {card.lang} (also {seen[key]})")
        seen[key] = path
        if seeds_dir is not None:
            missing = [s for s in card.sources if not (seeds_dir / s).is_file()]
            if missing:
                raise KnowledgeError(f"{path}: unknown sources {missing}")
        cards.append(card)
    if not cards:
        raise KnowledgeError(f"{root}: no cards found")
    for card in cards:
        other = "en" if card.lang == "de" else "de"
        if (card.id, other) not in seen:
            raise KnowledgeError(f"{card.path}: no {other} twin with id {card.id!r}")
        twin = next(c for c in cards if c.id == card.id and c.lang == other)
        if twin.kind != card.kind or twin.category != card.category:
            raise KnowledgeError(f"{card.path}: kind/category differ from its twin {twin.path}")
    return KnowledgeBase(cards)


def _card_files(root: Path) -> Iterable[Path]:
    for lang in LANGS:
        folder = root / lang
        if folder.is_dir():
            yield from folder.glob("*.md")
