"""The reflection form's fields, independent of the page layout: one text per slot, ticked themes, and
the sentences excluded in the preview. Pages parse a submitted form into :class:`ReflectionForm`
(validation and limits in one place, the same limits as the API) and render :func:`fields`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from companion.generation.reflection_slots import (
    FORM_SLOTS,
    MAX_ANSWER_CHARS,
    MAX_THEMES_TICKED,
    NONE_OF_THESE,
    label,
)


class FormError(ValueError):
    """The form cannot be stored as submitted; ``key`` names the message to show."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class ReflectionForm(BaseModel):
    """What the reflection form submits."""

    slots: dict[str, str] = Field(default_factory=dict)
    themes: list[str] = Field(default_factory=list, max_length=MAX_THEMES_TICKED)
    excluded: list[int] = Field(default_factory=list)

    @classmethod
    def parse(cls, form: Any) -> ReflectionForm:
        """Read a form (Litestar ``FormMultiDict``); raises :class:`FormError` with a message key."""
        slots = {s: str(form.get(f"slot_{s}") or "").strip() for s in FORM_SLOTS}
        if any(len(v) > MAX_ANSWER_CHARS for v in slots.values()):
            raise FormError("reflection_too_long")
        themes = [str(t) for t in form.getall("themes", [])] if hasattr(form, "getall") else []
        if NONE_OF_THESE in themes:
            themes = [NONE_OF_THESE]
        excluded = [
            int(x)
            for x in (form.getall("exclude", []) if hasattr(form, "getall") else [])
            if str(x).isdigit()
        ]
        try:
            return cls(slots={k: v for k, v in slots.items() if v}, themes=themes, excluded=excluded)
        except ValidationError as exc:
            raise FormError("reflection_themes") from exc

    @property
    def has_shared_text(self) -> bool:
        return any(v for k, v in self.slots.items() if k != "private_note")


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
