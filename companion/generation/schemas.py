"""Input and output models of generation; both composers (LLM and offline) return these.

The names are part of the project's interface (services, storage, evals, CLI): keep them stable.
Everything a composer needs arrives in one :class:`GenerationContext`; everything it produces is one of
:class:`Agenda`, :class:`Preparation`, :class:`ReflectionPrompts` or :class:`ReflectionSummary`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from companion.generation.reflection_slots import (
    MAX_ANSWER_CHARS,
    MAX_ANSWERS,
    MAX_KEY_CHARS,
    MAX_QUOTE_CHARS,
    MAX_REFLECTIONS,
    MAX_THEMES_TICKED,
    NONE_OF_THESE,
    Slot,
)
from companion.retrieval.types import Passage

Language = Literal["de", "en"]
SessionFormat = Literal["one-to-one", "group", "peer", "project"]
Lead = Literal["junior", "senior", "both"]
Role = Literal["junior", "senior"]

# Length limits keep prompts bounded and reject pasted documents early (clear 4xx / exit 2).
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
GoalText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
AnswerText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_ANSWER_CHARS)]
KeyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KEY_CHARS)]
# A quoted whole sentence of a reflection: longer than a generated line may be.
QuoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUOTE_CHARS)]
LineText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]


class GenerationError(ValueError):
    """The request cannot be served as asked (maps to HTTP 4xx / CLI exit code 2)."""


class MissingReflectionsError(GenerationError):
    """A summary was requested for a session without stored reflections."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _join_list(value: object) -> object:
    """A free-text profile field given as a list (["Instagram", "TikTok"]) reads as one text."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v).strip() for v in value if str(v).strip()) or None
    return value


# Free-text profile fields: a string, or a list of strings joined with commas.
ProfileText = Annotated[ShortText | None, BeforeValidator(_join_list)]


class Participant(_Strict):
    """A junior or senior of the pair or group; everything but the name is optional.

    ``pronouns`` is free text ("sie/ihr", "er/ihm", "they/them", "keine – bitte Namen"); composers use
    it for third-person references and fall back to the name or neutral forms without it."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    pronouns: ShortText | None = None
    expertise: ProfileText = None
    role: ProfileText = None
    department: ProfileText = None


class ReflectionInput(_Strict):
    """One reflection: who wrote it, their answers (a slot name, or a question that is mapped to its
    slot, -> answer) and the themes they ticked after the session (topic card ids or ``"none"``)."""

    author_role: Role
    author: ShortText | None = Field(
        None,
        description="The writer's name, one of the pair's members; without it a summary names the "
        "writer only when their side has one person.",
    )
    answers: dict[KeyText, AnswerText] = Field(max_length=MAX_ANSWERS)
    themes: list[str] = Field(default_factory=list, max_length=MAX_THEMES_TICKED)
    truncated: bool = Field(False, description="Set when sentences were left out for length.")

    @field_validator("themes")
    @classmethod
    def _ticked_are_ids(cls, value: list[str]) -> list[str]:
        for theme in value:
            if theme != NONE_OF_THESE and not theme.startswith("topic-"):
                raise ValueError(f"ticked theme {theme!r} is not a topic card id or 'none'")
        return value


class GenerationContext(_Strict):
    """Everything a composer needs for one output. Goals, names and reflections are DATA, never
    instructions: composers quote them, the LLM composer passes them in a delimited data block."""

    language: Language
    format: SessionFormat = "one-to-one"
    topic: ShortText | None = Field(None, description="Free text, a topic card id or a topic card title.")
    goals: list[GoalText] = Field(default_factory=list, max_length=10)
    duration_minutes: int = Field(60, ge=30, le=120)
    session_number: int = Field(1, ge=1, le=100)
    total_sessions: int | None = Field(None, ge=1, le=100)
    juniors: list[Participant] = Field(default_factory=list, max_length=10)
    seniors: list[Participant] = Field(default_factory=list, max_length=10)
    previous_topics: list[ShortText] = Field(default_factory=list, max_length=50)
    reflections: list[ReflectionInput] = Field(default_factory=list, max_length=MAX_REFLECTIONS)
    # Filled by the context builder (companion.generation.context); callers normally leave them empty.
    passages: list[Passage] = Field(default_factory=list, max_length=24)
    topic_id: str | None = Field(None, description="Resolved topic card id (set by the context builder).")
    pattern_id: str | None = Field(
        None, description="Chosen session pattern id (set by the context builder)."
    )

    @model_validator(mode="after")
    def _session_within_programme(self) -> GenerationContext:
        if self.total_sessions is not None and self.session_number > self.total_sessions:
            raise ValueError(
                f"session_number {self.session_number} is after the last session ({self.total_sessions})"
            )
        return self

    @property
    def is_prepared(self) -> bool:
        """True once the context builder has chosen a pattern (and retrieved passages)."""
        return self.pattern_id is not None


class SourceRef(_Strict):
    """A knowledge card a result drew on."""

    card_id: str = Field(min_length=1, max_length=80)
    title: str = Field(min_length=1, max_length=200)


class AgendaItem(_Strict):
    """One time-boxed part of a session."""

    title: str = Field(min_length=1, max_length=160)
    minutes: int = Field(ge=1, le=120)
    lead: Lead
    purpose: str = Field(min_length=1, max_length=600)
    prompts: list[LineText] = Field(min_length=1, max_length=3)
    contributors: list[str] = Field(default_factory=list, max_length=20, description="Group sessions only.")


class Agenda(_Strict):
    """A session agenda whose items add up to the session's duration."""

    title: str = Field(min_length=1, max_length=200)
    language: Language
    duration_minutes: int = Field(ge=30, le=120)
    items: list[AgendaItem] = Field(min_length=2, max_length=12)
    principles: list[SourceRef] = Field(default_factory=list, description="Principle cards applied.")
    sources: list[SourceRef] = Field(default_factory=list)
    generated_by: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _items_fill_the_session(self) -> Agenda:
        total = sum(item.minutes for item in self.items)
        if total != self.duration_minutes:
            raise ValueError(f"agenda items add up to {total} minutes, not {self.duration_minutes}")
        return self


class Preparation(_Strict):
    """Preparation for both sides: questions to think about and what to bring."""

    title: str = Field(min_length=1, max_length=200)
    language: Language
    junior_questions: list[LineText] = Field(min_length=1, max_length=10)
    senior_questions: list[LineText] = Field(min_length=1, max_length=10)
    junior_to_bring: list[LineText] = Field(default_factory=list, max_length=8)
    senior_to_bring: list[LineText] = Field(default_factory=list, max_length=8)
    sources: list[SourceRef] = Field(default_factory=list)
    generated_by: str = Field(min_length=1, max_length=200)


class ReflectionPrompts(_Strict):
    """Questions each side answers after a session."""

    language: Language
    junior_prompts: list[LineText] = Field(min_length=1, max_length=8)
    senior_prompts: list[LineText] = Field(min_length=1, max_length=8)
    sources: list[SourceRef] = Field(default_factory=list)
    generated_by: str = Field(min_length=1, max_length=200)


class SummarySection(_Strict):
    """The shared sentences one side wrote in one slot, in their order (whole sentences only)."""

    role: Role
    slot: Slot
    sentences: list[QuoteText] = Field(min_length=1, max_length=30)


class ReflectionSummary(_Strict):
    """A summary of the stored reflections of one session.

    ``themes`` are the session's topic card and the themes the participants ticked (only these
    count for the coordinator); ``suggested_themes`` are a composer's suggestions, never counted.
    """

    language: Language
    summary: str = Field(min_length=1, max_length=1500)
    junior_learnings: list[QuoteText] = Field(default_factory=list, max_length=10)
    senior_learnings: list[QuoteText] = Field(default_factory=list, max_length=10)
    themes: list[str] = Field(default_factory=list, max_length=8, description="Topic card ids (taxonomy).")
    next_steps: list[QuoteText] = Field(default_factory=list, max_length=8)
    follow_up_topics: list[QuoteText] = Field(default_factory=list, max_length=6)
    sections: list[SummarySection] = Field(default_factory=list, max_length=16)
    suggested_themes: list[str] = Field(default_factory=list, max_length=8)
    notes: list[LineText] = Field(default_factory=list, max_length=4)
    generated_by: str = Field(min_length=1, max_length=200)

    @field_validator("themes", "suggested_themes")
    @classmethod
    def _themes_are_ids(cls, value: list[str]) -> list[str]:
        for theme in value:
            if not theme.startswith("topic-"):
                raise ValueError(f"theme {theme!r} is not a topic card id")
        return value


GenerationResult = Agenda | Preparation | ReflectionPrompts | ReflectionSummary
