"""Request and response models for programmes, participants and pairs."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    model_validator,
)

from companion.validation import DbId, InputDate, UtcDatetime, check_input

Language = Literal["de", "en"]
Format = Literal["one-to-one", "group", "peer", "project"]
Role = Literal["junior", "senior"]

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Goal = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Pronouns = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


def _split_tags(value: object) -> object:
    """A free-text profile field given as one string ("Instagram, TikTok") becomes a list."""
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]
    return value


# Expertise and interests: a list of tags, or one comma-separated string.
Tags = Annotated[list[Tag], BeforeValidator(_split_tags), Field(max_length=20)]

T = TypeVar("T")


class Strict(BaseModel):
    """Unknown fields are an error, so typos do not silently vanish; control characters and absurd
    nesting are refused before any field is read (``companion.validation``)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _clean_input(cls, data: Any) -> Any:
        check_input(data)
        return data


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int
    limit: int
    offset: int


class ProgrammeCreate(Strict):
    name: Name
    language: Language = "de"
    goals: list[Goal] = Field(default_factory=list, max_length=20)
    format: Format = "one-to-one"
    cadence: ShortText = "monthly"
    duration_months: int = Field(6, ge=1, le=36)
    start_date: InputDate | None = None
    k_threshold: int = Field(5, ge=3, le=100, description="Anonymity threshold for coordinator views.")


class ProgrammeUpdate(Strict):
    name: Name | None = None
    language: Language | None = None
    goals: list[Goal] | None = Field(None, max_length=20)
    format: Format | None = None
    cadence: ShortText | None = None
    duration_months: int | None = Field(None, ge=1, le=36)
    start_date: InputDate | None = None
    k_threshold: int | None = Field(None, ge=3, le=100)


class ProgrammeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    language: Language
    goals: list[str]
    format: Format
    cadence: str
    duration_months: int
    start_date: date | None
    k_threshold: int
    created_at: UtcDatetime


class ParticipantCreate(Strict):
    display_name: ShortText
    email: EmailStr | None = None
    role: Role
    department: ShortText | None = None
    pronouns: Pronouns | None = None
    manager_id: DbId | None = None
    expertise: Tags = Field(default_factory=list)
    interests: Tags = Field(default_factory=list)


class ParticipantUpdate(Strict):
    display_name: ShortText | None = None
    email: EmailStr | None = None
    department: ShortText | None = None
    pronouns: Pronouns | None = None
    manager_id: DbId | None = None
    expertise: Tags | None = None
    interests: Tags | None = None


class ParticipantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    programme_id: int
    display_name: str
    email: str | None
    role: Role
    department: str | None
    pronouns: str | None
    manager_id: int | None
    expertise: list[str]
    interests: list[str]


class PairCreate(Strict):
    junior_ids: list[DbId] = Field(min_length=1, max_length=4)
    senior_ids: list[DbId] = Field(min_length=1, max_length=2)
    format: Format | None = Field(None, description="Defaults to the programme's format.")
    name: ShortText | None = None
    goals: list[Goal] = Field(default_factory=list, max_length=10)


class PairUpdate(Strict):
    name: ShortText | None = None
    goals: list[Goal] | None = Field(None, max_length=10)


class PairRead(BaseModel):
    id: int
    programme_id: int
    name: str | None
    format: Format
    goals: list[str]
    junior_ids: list[int]
    senior_ids: list[int]
    created_at: UtcDatetime


class CoordinatorAdd(Strict):
    """Add an existing coordinator (by e-mail address) as a co-coordinator of a programme."""

    email: Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$"),
    ]


class CoordinatorRead(BaseModel):
    """A coordinator of a programme, as other coordinators of it see them."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    email: str
