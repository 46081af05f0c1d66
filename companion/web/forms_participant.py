"""The participant's session forms as typed models (:mod:`companion.web.forms`): topic, date and
duration, cancel/plan again, and planning the next session. Constraints are the session API's own."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from companion.i18n import N_
from companion.matching.schemas import Slot
from companion.planning.schemas import PlanItemEdit, PlanUpdate
from companion.programmes.schemas import Format, Tag
from companion.sessions.schemas import Topic
from companion.validation import DbId, InputDatetime
from companion.web.forms import Commas, FormModel, FormRow, Ids, Numbered
from companion.web.forms_coordinator import Day

# Labels the session forms name in their messages (msgids; listed so extraction finds them).
LABELS = (
    N_("Topic"),
    N_("Your own topic"),
    N_("Date"),
    N_("Duration"),
    N_("Status"),
    N_("What I know well (comma-separated)"),
    N_("What I want to learn (comma-separated)"),
    N_("When I am usually free"),
    N_("Formats that suit me"),
    N_("Rather not with (private)"),
    N_("Sessions"),
    N_("Minutes"),
)


class TopicForm(FormModel):
    """A topic from the list or one typed by the pair (the typed one wins); none clears the topic."""

    form_id: ClassVar[str] = "topic"
    labels: ClassVar[dict[str, str]] = {"topic": "Topic", "free_topic": "Your own topic"}

    topic: Topic | None = None
    free_topic: Topic | None = None

    @property
    def chosen(self) -> str | None:
        return self.free_topic or self.topic


class ScheduleForm(FormModel):
    """Another date (a ``datetime-local`` value, read as UTC like everywhere on these pages) and/or
    another duration."""

    form_id: ClassVar[str] = "schedule"
    labels: ClassVar[dict[str, str]] = {"scheduled_at": "Date", "duration_minutes": "Duration"}

    scheduled_at: InputDatetime | None = None
    duration_minutes: int | None = Field(None, ge=30, le=120)


class StatusForm(FormModel):
    """Cancel a planned session or plan a cancelled one again (held is its own button)."""

    form_id: ClassVar[str] = "status"
    labels: ClassVar[dict[str, str]] = {"status": "Status"}

    status: Literal["planned", "cancelled"]


class PlanForm(FormModel):
    """The pair's next session; the date is optional."""

    form_id: ClassVar[str] = "plan"
    labels: ClassVar[dict[str, str]] = {"scheduled_at": "Date"}

    scheduled_at: InputDatetime | None = None


class PreferencesForm(FormModel):
    """A participant's private matching wishes: tags as comma-separated text, the rest ticked boxes."""

    form_id: ClassVar[str] = "prefs"
    labels: ClassVar[dict[str, str]] = {
        "expertise": "What I know well (comma-separated)",
        "interests": "What I want to learn (comma-separated)",
        "availability": "When I am usually free",
        "formats": "Formats that suit me",
        "rather_not": "Rather not with (private)",
    }

    expertise: Annotated[list[Tag], Commas, Field(max_length=20)] = Field(default_factory=list)
    interests: Annotated[list[Tag], Commas, Field(max_length=20)] = Field(default_factory=list)
    availability: Annotated[list[Slot], Field(max_length=10)] = Field(default_factory=list)
    formats: Annotated[list[Format], Field(max_length=4)] = Field(default_factory=list)
    rather_not: Annotated[list[DbId], Ids, Field(max_length=20)] = Field(default_factory=list)


class TopicPlanRow(FormRow):
    """One session of the topic plan as the pair edits it; an emptied topic removes the topic (a
    retrospective), an emptied date or duration leaves it as it is."""

    not_blank: ClassVar[frozenset[str]] = frozenset({"topic_id"})

    number: int = Field(ge=1, le=60)
    topic_id: str | None = Field(None, max_length=80)
    date: Day | None = None
    duration_minutes: int | None = Field(None, ge=30, le=120)


class TopicPlanForm(FormModel):
    """The topic plan's table: per session number ``date_<n>``, ``topic_<n>`` and ``minutes_<n>``."""

    form_id: ClassVar[str] = "topic-plan"
    labels: ClassVar[dict[str, str]] = {
        "items": "Sessions",
        "items.number": "Sessions",
        "items.date": "Date",
        "items.topic_id": "Topic",
        "items.duration_minutes": "Minutes",
    }

    items: Annotated[
        list[TopicPlanRow],
        Numbered(date="date_{n}", topic_id="topic_{n}", duration_minutes="minutes_{n}"),
        Field(min_length=1, max_length=60),
    ]

    def update(self) -> PlanUpdate:
        return PlanUpdate(items=[PlanItemEdit.model_validate(row.model_dump()) for row in self.items])
