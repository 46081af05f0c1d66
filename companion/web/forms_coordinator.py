"""The coordinator's page forms as typed models (:mod:`companion.web.forms`). Field constraints are the
API schemas' own types (``companion.programmes.schemas``), so a page and the API refuse the same input."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, EmailStr, Field, field_validator

from companion.programmes.schemas import (
    Format,
    Goal,
    Language,
    Name,
    Pronouns,
    Role,
    ShortText,
    Tag,
)
from companion.validation import DbId, InputDate
from companion.web.forms import Commas, FormModel, Ids, Lines, Ticked

GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def _day(value: object) -> object:
    """Dates as the date picker sends them (2026-03-01) or as people in Germany type them (01.03.2026)."""
    if isinstance(value, str) and (m := GERMAN_DATE.match(value)):
        try:
            return date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return value  # 31.02.2026 stays text, so the model says the date could not be read
    return value


Day = Annotated[InputDate, BeforeValidator(_day)]
Cadence = Literal["monthly", "biweekly"]  # what the programme frame can plan (``planning.frame``)
FORMATS: tuple[str, ...] = ("one-to-one", "peer", "group", "project")
CADENCES: tuple[str, ...] = ("monthly", "biweekly")
LANGUAGES: tuple[str, ...] = ("de", "en")

PROGRAMME_LABELS = {
    "name": "Name",
    "language": "Language",
    "format": "Format",
    "cadence": "Cadence",
    "duration_months": "Duration (months)",
    "start_date": "Start date",
    "k_threshold": "Anonymity threshold k",
    "goals": "Goals",
}


class ProgrammeForm(FormModel):
    """A new programme (coordinator home)."""

    form_id: ClassVar[str] = "new"
    labels: ClassVar[dict[str, str]] = PROGRAMME_LABELS

    name: Name
    language: Language = "de"
    format: Format = "one-to-one"
    cadence: Cadence = "monthly"
    duration_months: int = Field(6, ge=1, le=36)
    start_date: Day | None = None
    k_threshold: int = Field(5, ge=3, le=100)
    goals: Annotated[list[Goal], Lines, Field(max_length=20)] = Field(default_factory=list)


class ProgrammeSettingsForm(ProgrammeForm):
    """The settings of an existing programme (same fields, its own ids on the programme page)."""

    form_id: ClassVar[str] = "settings"


class ParticipantForm(FormModel):
    """A new participant of the programme."""

    form_id: ClassVar[str] = "participant"
    labels: ClassVar[dict[str, str]] = {
        "display_name": "Name",
        "email": "E-mail",
        "role": "Role",
        "department": "Department",
        "pronouns": "Pronouns",
        "manager_id": "Manager",
    }

    display_name: ShortText
    email: EmailStr | None = Field(None, max_length=254)
    role: Role
    department: ShortText | None = None
    pronouns: Pronouns | None = None
    manager_id: DbId | None = None


class ParticipantEditForm(ParticipantForm):
    """A participant's edit page: no role (it is fixed), tags as comma-separated text; an emptied
    optional field clears the stored value."""

    form_id: ClassVar[str] = "edit"
    labels: ClassVar[dict[str, str]] = {
        **ParticipantForm.labels,
        "expertise": "Expertise",
        "interests": "Interests",
    }
    not_blank: ClassVar[frozenset[str]] = frozenset({"display_name"})

    display_name: ShortText | None = None  # type: ignore[assignment]  # absent: unchanged
    role: Role | None = None  # type: ignore[assignment]
    expertise: Annotated[list[Tag], Commas, Field(max_length=20)] = Field(default_factory=list)
    interests: Annotated[list[Tag], Commas, Field(max_length=20)] = Field(default_factory=list)


class PairForm(FormModel):
    """A new pair: one picker per role."""

    form_id: ClassVar[str] = "pair"
    labels: ClassVar[dict[str, str]] = {
        "name": "Name",
        "format": "Format",
        "junior_ids": "Juniors",
        "senior_ids": "Seniors",
    }

    name: ShortText | None = None
    format: Format | None = None
    junior_ids: Annotated[list[DbId], Ids, Field(min_length=1, max_length=4)]
    senior_ids: Annotated[list[DbId], Ids, Field(min_length=1, max_length=2)]


class PairEditForm(FormModel):
    """A pair's name and goals (an empty name leaves the name as it is)."""

    form_id: ClassVar[str] = "edit"
    labels: ClassVar[dict[str, str]] = {"name": "Name", "goals": "Goals"}

    name: ShortText | None = None
    goals: Annotated[list[Goal], Lines, Field(max_length=10)] = Field(default_factory=list)


class CoordinatorForm(FormModel):
    """A co-coordinator, by e-mail address."""

    form_id: ClassVar[str] = "coordinators"
    labels: ClassVar[dict[str, str]] = {"email": "E-mail"}

    email: EmailStr = Field(max_length=254)


class ConfirmForm(FormModel):
    """A confirmation box (delete, close a survey round): nothing happens without the tick."""

    form_id: ClassVar[str] = "delete"
    labels: ClassVar[dict[str, str]] = {"confirm": "Confirmation"}

    confirm: Annotated[bool, Ticked, Field(validate_default=True)] = False

    @field_validator("confirm")
    @classmethod
    def _ticked(cls, value: bool) -> bool:
        if not value:
            raise ValueError("tick the box to confirm")
        return value


def sent_fields(data: FormModel, sent: dict[str, Any]) -> dict[str, Any]:
    """The model's values of the fields that were in the form, so an emptied field becomes None
    (an edit form clears it) instead of being left out (which would keep the old value)."""
    return {name: getattr(data, name) for name in type(data).model_fields if name in sent}


class InviteForm(FormModel):
    """Which participant gets a fresh invite link."""

    form_id: ClassVar[str] = "invite"
    labels: ClassVar[dict[str, str]] = {"participant_id": "Participant"}

    participant_id: DbId


class LanguageForm(FormModel):
    """The coordinator pages' language switch: the language to read the pages in (anything else
    returns to the programme's own) and the page to go back to."""

    form_id: ClassVar[str] = "language"

    language: Annotated[str, Field(max_length=8)] = ""
    next: Annotated[str, Field(max_length=2000)] = "/coordinator"
