"""The participant's session forms as typed models (:mod:`companion.web.forms`): topic, date and
duration, cancel/plan again, and planning the next session. Constraints are the session API's own."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from companion.i18n import N_
from companion.sessions.schemas import Topic
from companion.validation import InputDatetime
from companion.web.forms import FormModel

# Labels the session forms name in their messages (msgids; listed so extraction finds them).
LABELS = (N_("Topic"), N_("Your own topic"), N_("Date"), N_("Duration"), N_("Status"))


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
