"""Request and response models for sessions and reflections."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from companion.programmes.schemas import Strict
from companion.validation import DbId, InputDatetime, UtcDatetime

Status = Literal["planned", "held", "cancelled"]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
PromptKey = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Answer = Annotated[str, StringConstraints(max_length=5000)]


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


class ReflectionCreate(Strict):
    author_role: Literal["junior", "senior"]
    author_id: DbId | None = None
    answers: dict[PromptKey, Answer] = Field(min_length=1, max_length=20)

    @field_validator("answers")
    @classmethod
    def _not_all_blank(cls, value: dict[str, str]) -> dict[str, str]:
        if not any(v.strip() for v in value.values()):
            raise ValueError("at least one answer must contain text")
        return value


class ReflectionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    session_id: int
    author_role: Literal["junior", "senior"]
    author_id: int | None
    answers: dict[str, str]
    created_at: UtcDatetime
