"""Request and response models of the evaluation API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, field_validator

Kind = Literal["pre", "pulse_first", "pulse_mid", "post"]
# Strict: a JSON true is not a rating of 1, and "4" is not 4.
AnswerValue = StrictInt | StrictStr | dict[str, StrictInt]


class SurveySubmit(BaseModel):
    """A participant's answers: question id -> 1–5, a choice, a text, or {topic id: 1–5}; ``themes``:
    per free-text question the theme ids the respondent agrees to have counted anonymously."""

    model_config = ConfigDict(extra="forbid")

    answers: dict[str, AnswerValue] = Field(default_factory=dict, max_length=20)
    themes: dict[str, list[str]] = Field(default_factory=dict, max_length=10)

    @field_validator("answers", mode="before")
    @classmethod
    def _no_booleans(cls, value: Any) -> Any:
        # JSON true/false would otherwise pass as the ratings 1 and 0.
        if isinstance(value, dict):
            inner = [v for x in value.values() for v in (x.values() if isinstance(x, dict) else [x])]
            if any(isinstance(v, bool) for v in inner):
                raise ValueError("answers are numbers 1–5, choices or texts, not true/false")
        return value


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
