"""Request and response models of the evaluation API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["pre", "pulse_first", "pulse_mid", "post"]
AnswerValue = int | str | dict[str, int]


class SurveySubmit(BaseModel):
    """A participant's answers: question id -> 1–5, a choice, a text, or {topic id: 1–5}; ``themes``:
    per free-text question the theme ids the respondent agrees to have counted anonymously."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerValue] = Field(default_factory=dict, max_length=20)
    themes: dict[str, list[str]] = Field(default_factory=dict, max_length=10)


class ThemeOption(BaseModel):
    id: str
    label: str


class QuestionRead(BaseModel):
    id: str
    type: str
    text: str
    help: str | None = None
    options: list[ThemeOption] = Field(default_factory=list)
    themes: list[ThemeOption] = Field(default_factory=list)


class SurveyStatus(BaseModel):
    """Where a survey stands for the signed-in participant."""

    kind: Kind
    title: str
    state: Literal["due", "answered", "upcoming", "closed"]
    available_from: date | None
    when: str


class MySurvey(SurveyStatus):
    """A survey with its questions in the programme's language and the participant's own answers."""

    intro: str
    questions: list[QuestionRead]
    answers: dict[str, Any]
    themes: dict[str, list[str]]
    updated_at: datetime | None


class RoundRead(BaseModel):
    """A survey round as the coordinator sees it: participation, and aggregates once closed."""

    kind: Kind
    title: str
    state: Literal["open", "closed"]
    opened_early_at: datetime | None
    closed_at: datetime | None
    invited: dict[str, int]
    respondents: dict[str, dict[str, Any]]
    results: dict[str, Any] | None


class EvaluationRead(BaseModel):
    programme_id: int
    k: int
    rounds: list[RoundRead]
