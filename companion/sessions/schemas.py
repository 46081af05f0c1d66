"""Request and response models for sessions and reflections."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from companion.generation.reflection_slots import (
    MAX_ANSWER_CHARS,
    MAX_ANSWERS,
    MAX_KEY_CHARS,
    MAX_THEMES_TICKED,
    NONE_OF_THESE,
    Slot,
)
from companion.programmes.schemas import Strict
from companion.validation import DbId, InputDatetime, UtcDatetime

Status = Literal["planned", "held", "cancelled"]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
PromptKey = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KEY_CHARS)]
Answer = Annotated[str, StringConstraints(max_length=MAX_ANSWER_CHARS)]
Ticked = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class SessionCreate(Strict):
    number: int | None = Field(None, ge=1, le=100, description="Defaults to the next free number.")
    scheduled_at: InputDatetime | None = None
    duration_minutes: int = Field(60, ge=30, le=120)
    topic: Topic | None = None
    status: Status = "planned"


class SessionUpdate(Strict):
    scheduled_at: InputDatetime | None = None
    duration_minutes: int | None = Field(None, ge=30, le=120)
    topic: Topic | None = None
    status: Status | None = None


class SessionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    pair_id: int
    number: int
    scheduled_at: UtcDatetime | None
    duration_minutes: int
    topic: str | None
    status: Status


def _check_ticked(value: list[str]) -> list[str]:
    value = list(dict.fromkeys(value))
    for theme in value:
        if theme != NONE_OF_THESE and not theme.startswith("topic-"):
            raise ValueError(f"{theme!r} is not a topic card id or 'none'")
    if NONE_OF_THESE in value and len(value) > 1:
        raise ValueError("'none' cannot be ticked together with a theme")
    return value


class ReflectionCreate(Strict):
    """One side's reflection. Answers per slot (``slots``) or as free ``{question: answer}``
    (``answers``: known prompts go to their slot, others to ``general``); ``themes`` are the topic
    cards the author ticks (or ``["none"]``); ``share=false`` keeps it as a draft to preview first."""

    author_role: Literal["junior", "senior"]
    author_id: DbId | None = None
    answers: dict[PromptKey, Answer] = Field(default_factory=dict, max_length=MAX_ANSWERS)
    slots: dict[Slot, Answer] = Field(default_factory=dict)
    themes: list[Ticked] = Field(default_factory=list, max_length=MAX_THEMES_TICKED)
    excluded: list[Annotated[int, Field(ge=0, le=10_000)]] = Field(default_factory=list, max_length=500)
    share: bool = True

    @field_validator("themes")
    @classmethod
    def _themes(cls, value: list[str]) -> list[str]:
        return _check_ticked(value)

    @model_validator(mode="after")
    def _not_all_blank(self) -> ReflectionCreate:
        texts = [*self.answers.values(), *(v for k, v in self.slots.items() if k != "private_note")]
        if not any(v.strip() for v in texts):
            raise ValueError("at least one answer must contain text")
        return self


class ReflectionUpdate(Strict):
    """Change a reflection before a summary is made: answers, ticked themes, excluded sentences, or
    share it after the preview. Fields left out stay as they are."""

    answers: dict[PromptKey, Answer] | None = Field(None, max_length=MAX_ANSWERS)
    slots: dict[Slot, Answer] | None = None
    themes: list[Ticked] | None = Field(None, max_length=MAX_THEMES_TICKED)
    excluded: list[Annotated[int, Field(ge=0, le=10_000)]] | None = Field(None, max_length=500)
    share: bool | None = None

    @field_validator("themes")
    @classmethod
    def _themes(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _check_ticked(value)


class ReflectionRead(BaseModel):
    """The author's own reflection, in full (private note included)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    session_id: int
    author_role: Literal["junior", "senior"]
    author_id: int | None
    answers: dict[str, str]
    slots: dict[str, str]
    themes: list[str]
    excluded: list[int]
    shared: bool
    locked: bool = Field(description="True once a summary was made from it: it can be deleted, not edited.")
    created_at: UtcDatetime
    updated_at: UtcDatetime | None


class PreviewSentence(BaseModel):
    index: int
    slot: Slot
    text: str = Field(description="As the partner would read it (names of others replaced).")
    hidden: Literal["confidential", "excluded"] | None


class ReflectionView(BaseModel):
    """A reflection as its partner sees it: only shared sentences, never the private note.
    For the author it is the preview: every sentence, and why a hidden one is hidden."""

    id: int
    session_id: int
    author_role: Literal["junior", "senior"]
    shared: bool
    themes: list[str]
    sentences: list[PreviewSentence]
    partner_sees: dict[str, list[str]]
