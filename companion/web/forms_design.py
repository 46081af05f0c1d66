"""The matching page's forms as typed models (:mod:`companion.web.forms`): a matching run, a swap of two
juniors and the programme frame. Constraints are the matching and planning APIs' own."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from companion.i18n import N_
from companion.matching.schemas import MatchRequest, SwapRequest
from companion.planning.schemas import Cadence, FrameUpdate, GroupSessions
from companion.validation import DbId
from companion.web.forms import FormModel
from companion.web.forms_coordinator import Day

LABELS = (
    N_("At most juniors per senior"),
    N_("Not from the same department"),
    N_("Start"),
    N_("Cadence of pair sessions"),
    N_("Group sessions of all pairs"),
    N_("Session length (minutes)"),
    N_("Suggestion"),
)


def _ticked(value: object) -> object:
    """A checkbox sends its value ("yes") when ticked and nothing otherwise."""
    return value == "yes" if isinstance(value, str) else value


class MatchForm(FormModel):
    """The rules of a matching run."""

    form_id: ClassVar[str] = "match"
    labels: ClassVar[dict[str, str]] = {
        "max_per_senior": "At most juniors per senior",
        "avoid_same_department": "Not from the same department",
    }

    max_per_senior: int = Field(1, ge=1, le=10)
    avoid_same_department: Annotated[bool, BeforeValidator(_ticked)] = False

    def request(self) -> MatchRequest:
        return MatchRequest(
            max_juniors_per_senior=self.max_per_senior, avoid_same_department=self.avoid_same_department
        )


def _choice(value: object) -> object:
    """A swap choice "suggestion:junior" (the junior part may be missing) as a pair of ids."""
    if isinstance(value, list) and len(value) == 1:  # a select read like a list field
        value = value[0]
    if isinstance(value, str):
        first, _, second = value.partition(":")
        return [first, second] if second else [first]
    return value


Choice = Annotated[list[DbId], BeforeValidator(_choice), Field(min_length=1, max_length=2)]


class SwapForm(FormModel):
    """Exchange a junior of one suggestion with a junior of another."""

    form_id: ClassVar[str] = "swap"
    labels: ClassVar[dict[str, str]] = {"first": "Suggestion", "second": "Suggestion"}

    first: Choice
    second: Choice

    def request(self) -> SwapRequest:
        return SwapRequest(
            first=self.first[0],
            second=self.second[0],
            first_junior_id=self.first[1] if len(self.first) > 1 else None,
            second_junior_id=self.second[1] if len(self.second) > 1 else None,
        )


class FrameForm(FormModel):
    """Start, duration, cadence, group sessions and session length; an empty start clears it."""

    form_id: ClassVar[str] = "frame"
    labels: ClassVar[dict[str, str]] = {
        "start_date": "Start",
        "duration_months": "Duration (months)",
        "cadence": "Cadence of pair sessions",
        "group_sessions": "Group sessions of all pairs",
        "session_minutes": "Session length (minutes)",
    }

    start_date: Day | None = None
    duration_months: int | None = Field(None, ge=1, le=36)
    cadence: Cadence | None = None
    group_sessions: GroupSessions | None = None
    session_minutes: int | None = Field(None, ge=30, le=120)

    def update(self, sent: dict[str, Any]) -> FrameUpdate:
        fields = self.model_dump(exclude_none=True)
        if "start_date" in sent:
            fields["start_date"] = self.start_date  # an emptied start clears it
        return FrameUpdate.model_validate(fields)
