"""The evaluation's page forms as typed models (:mod:`companion.web.forms`).

A survey's inputs are named after its questions (``q_<id>``, ``theme_<id>``, and the numbered rows
``topic_<n>`` / ``rating_<n>`` of the topics question), so each survey kind gets its own model, built
once from its questionnaire: a scale answer is one of 1–5, a choice one of its options, a text at most
:data:`MAX_TEXT` characters, a theme one of its set. Every question stays optional; which answers make
a submission (at least one) is the service's rule (``services.validate_answers``).
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BeforeValidator, Field, create_model

from companion.evaluation.questions import CHOICES, MAX_TEXT, MAX_TOPICS, SCALE_VALUES, SURVEYS, THEME_SETS
from companion.evaluation.schemas import SurveySubmit
from companion.i18n import N_
from companion.web.forms import FormModel, FormRow, Numbered
from companion.web.forms_coordinator import ConfirmForm

# Labels the survey forms name in their messages (msgids; listed so extraction finds them).
LABELS = (N_("Answer"), N_("Keywords"), N_("Topic"), N_("Rating"), N_("Topics"))


def _number(value: object) -> object:
    """A radio button or option sends its value as text; "3" is the rating 3."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value


Scale = Annotated[Literal[1, 2, 3, 4, 5], BeforeValidator(_number)]
assert SCALE_VALUES == (1, 2, 3, 4, 5)  # the Literal above spells them out for the type checker
TopicId = Annotated[str, Field(pattern=r"^topic-[a-z0-9-]{1,60}$")]


class TopicRating(FormRow):
    """One row of the topics question: a topic and how confident I feel in it. A row with only one of
    the two is not counted (the end survey preselects the start survey's topics unrated)."""

    topic: TopicId | None = None
    rating: Scale | None = None


class SurveyForm(FormModel):
    """Base of the per-kind survey models (:func:`survey_form`)."""

    form_id: ClassVar[str] = "survey"
    kind: ClassVar[str] = ""

    def submission(self) -> SurveySubmit:
        """The answers as the evaluation service takes them (the same as the JSON API's)."""
        answers: dict[str, Any] = {}
        themes: dict[str, list[str]] = {}
        for q in SURVEYS[self.kind].questions:
            value = getattr(self, f"q_{q.id}", None)
            if q.type == "topics":
                rated = {row.topic: row.rating for row in value or [] if row.topic and row.rating}
                if rated:
                    answers[q.id] = rated
            elif value is not None:
                answers[q.id] = value
            ticked = getattr(self, f"theme_{q.id}", None)
            if ticked:
                themes[q.id] = list(ticked)
        return SurveySubmit(answers=answers, themes=themes)


@cache
def survey_form(kind: str) -> type[SurveyForm]:
    """The form model of survey ``kind``: one typed field per question (and per theme set)."""
    fields: dict[str, Any] = {}
    labels: dict[str, str] = {}
    for q in SURVEYS[kind].questions:
        name = f"q_{q.id}"
        if q.type == "scale":
            fields[name] = (Scale | None, None)
            labels[name] = "Answer"
        elif q.type == "choice":
            options = tuple(value for value, _ in CHOICES[q.choices or ""])
            fields[name] = (Literal[options] | None, None)
            labels[name] = "Answer"
        elif q.type == "text":
            fields[name] = (Annotated[str, Field(max_length=MAX_TEXT)] | None, None)
            labels[name] = "Answer"
        else:
            rows = Annotated[
                list[TopicRating],
                Numbered(topic="topic_{n}", rating="rating_{n}"),
                Field(max_length=MAX_TOPICS),
            ]
            fields[name] = (rows, Field(default_factory=list))
            labels |= {name: "Topics", f"{name}.topic": "Topic", f"{name}.rating": "Rating"}
        if q.themes:
            themes = tuple(THEME_SETS[q.themes])
            fields[f"theme_{q.id}"] = (list[Literal[themes]], Field(default_factory=list))  # type: ignore[valid-type]
            labels[f"theme_{q.id}"] = "Keywords"
    model = create_model(f"SurveyForm_{kind}", __base__=SurveyForm, **fields)
    model.kind = kind
    model.labels = labels
    return model


class CloseRoundForm(ConfirmForm):
    """Closing a survey round publishes its results for good: only with the ticked box."""

    form_id: ClassVar[str] = "close"
