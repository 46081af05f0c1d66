"""Request and response models of matching suggestions and participants' matching preferences."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from companion.programmes.schemas import Format, Strict, Tag

Slot = Literal[
    "mon-am", "mon-pm", "tue-am", "tue-pm", "wed-am", "wed-pm", "thu-am", "thu-pm", "fri-am", "fri-pm"
]
SuggestionStatus = Literal["proposed", "accepted", "rejected", "superseded"]


class MatchRequest(Strict):
    """The rules of a matching run."""

    max_juniors_per_senior: int = Field(
        1, ge=1, le=10, description="Each senior gets at most this many juniors (groups: 3 or 4)."
    )
    avoid_same_department: bool = Field(False, description="Never pair people from the same department.")


class Member(BaseModel):
    id: int
    name: str
    department: str | None = None


class SuggestionRead(BaseModel):
    """One suggested pair or group with its explanation in the requested language."""

    id: int
    run_id: int
    juniors: list[Member]
    seniors: list[Member]
    score: float
    status: SuggestionStatus
    pair_id: int | None
    explanation: str
    reasons: list[dict[str, Any]]


class RunRead(BaseModel):
    """A matching run: its rules, suggestions and who could not be matched (and why, in short)."""

    id: int
    programme_id: int
    format: Format
    max_juniors_per_senior: int
    avoid_same_department: bool
    created_at: datetime
    suggestions: list[SuggestionRead]
    unmatched_juniors: list[Member]
    unmatched_seniors: list[Member]
    private_preferences_honoured: int = Field(
        description="How many private 'rather not with' wishes of the people in this run were honoured "
        "(never who stated them)."
    )
    total_score: float


class SwapRequest(Strict):
    """Exchange a junior of one suggestion with a junior of another (one-to-one: the only ones)."""

    first: int = Field(ge=1)
    second: int = Field(ge=1)
    first_junior_id: int | None = Field(None, ge=1)
    second_junior_id: int | None = Field(None, ge=1)


class AcceptRequest(Strict):
    """Which suggestions to accept; none named: every open suggestion of the newest run."""

    suggestion_ids: list[int] | None = Field(None, max_length=500)


class AcceptResult(BaseModel):
    suggestion_id: int
    pair_id: int | None
    error: str | None = None
    code: str | None = None


class PreferencesUpdate(Strict):
    """What a participant states for matching (only they see it)."""

    expertise: list[Tag] | None = Field(None, max_length=20)
    interests: list[Tag] | None = Field(None, max_length=20)
    availability: list[Slot] | None = Field(None, max_length=10)
    formats: list[Format] | None = Field(None, max_length=4)
    rather_not: list[int] | None = Field(
        None, max_length=20, description="Participant ids you would rather not be paired with (private)."
    )


class PreferencesRead(BaseModel):
    expertise: list[str]
    interests: list[str]
    availability: list[str]
    formats: list[str]
    rather_not: list[int]
    candidates: list[Member] = Field(description="People of the other role you may name in rather_not.")
