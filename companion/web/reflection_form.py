"""The reflection forms as typed models (:mod:`companion.web.forms`), independent of the page layout:
:class:`ReflectionForm` — one text per slot (``slot_<slot>``) and the ticked themes — and
:class:`ShareForm` — the sentences excluded in the preview. The limits are the API's own
(``generation.reflection_slots``); messages name a slot by the label the page shows. :func:`fields`
renders the textareas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, ClassVar

from pydantic import BeforeValidator, Field

from companion.generation.reflection_slots import (
    FORM_SLOTS,
    MAX_ANSWER_CHARS,
    MAX_THEMES_TICKED,
    NONE_OF_THESE,
    label,
)
from companion.i18n import N_
from companion.web.forms import FieldError, FormModel, form_error
from companion.web.i18n import text

LABELS = (N_("Themes"), N_("Sentences not to share"))

Answer = Annotated[str, Field(max_length=MAX_ANSWER_CHARS)] | None


def _none_alone(value: object) -> object:
    """ "None of these" ticked with other themes means none of them."""
    if isinstance(value, list) and NONE_OF_THESE in value:
        return [NONE_OF_THESE]
    return value


class ReflectionForm(FormModel):
    """What the reflection form submits: a text per slot (all optional, but at least one besides the
    private note, see :meth:`refused`) and up to :data:`MAX_THEMES_TICKED` themes."""

    form_id: ClassVar[str] = "reflection"
    labels: ClassVar[dict[str, str]] = {"themes": "Themes"}

    slot_learned: Answer = None
    slot_surprised: Answer = None
    slot_contributed: Answer = None
    slot_next_step: Answer = None
    slot_for_later: Answer = None
    slot_about_the_session: Answer = None
    slot_private_note: Answer = None
    themes: Annotated[
        list[Annotated[str, Field(max_length=80)]],
        BeforeValidator(_none_alone),
        Field(max_length=MAX_THEMES_TICKED),
    ] = Field(default_factory=list)

    @classmethod
    def label_text(cls, key: str, lang: str) -> str:
        if key.startswith("slot_"):
            return label(key.removeprefix("slot_"), lang)
        return super().label_text(key, lang)

    @property
    def slots(self) -> dict[str, str]:
        """The answered slots."""
        return {s: v for s in FORM_SLOTS if (v := getattr(self, f"slot_{s}"))}

    @property
    def has_shared_text(self) -> bool:
        return any(v for k, v in self.slots.items() if k != "private_note")

    def refused(self, lang: str) -> list[FieldError]:
        """The rule across the fields: something to share besides the private note."""
        if self.has_shared_text:
            return []
        return [form_error(self.form_id, text("reflection_empty", lang), f"slot_{FORM_SLOTS[0]}")]


assert [f"slot_{s}" for s in FORM_SLOTS] == [n for n in ReflectionForm.model_fields if n.startswith("slot_")]


class ShareForm(FormModel):
    """Share after the preview, without the sentences (by their number) the author ticked."""

    form_id: ClassVar[str] = "share"
    labels: ClassVar[dict[str, str]] = {"exclude": "Sentences not to share"}

    exclude: Annotated[list[Annotated[int, Field(ge=0, le=10_000)]], Field(max_length=500)] = Field(
        default_factory=list
    )


@dataclass(frozen=True)
class Field_:
    """One textarea of the form: its slot, label, current value and limit."""

    slot: str
    name: str
    label: str
    value: str
    private: bool
    maxlength: int = MAX_ANSWER_CHARS


def fields(lang: str, values: Mapping[str, str] | None = None) -> list[Field_]:
    """The form's textareas in order (private note last), prefilled with ``values``."""
    values = values or {}
    return [
        Field_(s, f"slot_{s}", label(s, lang), str(values.get(s, "")), s == "private_note")
        for s in FORM_SLOTS
    ]


__all__ = ["LABELS", "ReflectionForm", "ShareForm", "fields"]
