"""Typed page forms: one pydantic model per form, one :func:`submit` that reads the posted form into it.

A controller never picks values out of the form by hand. It calls ``await submit(request, Model, lang)``
and gets a :class:`Submission`: either ``data`` (the validated model) or ``errors`` — one
:class:`FieldError` per bad field, worded by :mod:`companion.web.form_messages` — plus ``values``, the
input as typed, so a refused form is shown again with everything still filled in. The page then shows
the errors in a summary at the top (``partials/_error_summary.html``) that links to each field; the
field itself carries ``aria-invalid`` and ``aria-describedby`` (:class:`FormState`).

Field ids follow one rule, :func:`field_id` (``pair`` + ``junior_ids`` → ``pair-junior-ids``), so
summary links, labels and tests agree.

A repeating group of numbered inputs (``date_1``, ``topic_1``, ``date_2`` …) is one list field of
:class:`FormRow` s marked :class:`Numbered`; :func:`read` collects its inputs, the model validates the
rows, and an error in a row names the input it came from (``date_2``), so the summary links to it.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from litestar import Request
from markupsafe import Markup, escape
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator

from companion.i18n import N_
from companion.validation import check_input, parse_id
from companion.web.form_messages import describe, option, say

M = TypeVar("M", bound="FormModel")


def field_id(form_id: str, name: str) -> str:
    """The page id of a form's field (or of the form itself when ``name`` is empty)."""
    return f"{form_id}-{(name or 'form').replace('_', '-')}"


def _lines(value: object) -> object:
    """A textarea with one entry per line becomes a list of the non-empty lines."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def _commas(value: object) -> object:
    """A text field with comma-separated entries ("Instagram, TikTok") becomes a list."""
    if isinstance(value, str):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    return value


def _ids(value: object) -> object:
    """Ticked boxes or chosen options carrying ids; anything that is not an id is refused by the model."""
    if isinstance(value, list):
        return [parse_id(v) or v for v in value]
    return value


def _ticked(value: object) -> object:
    """A checkbox sends its value ("on" by default, or the ``value`` it names) when ticked, nothing
    otherwise (then the field's default, False, applies)."""
    if isinstance(value, str):
        return True if value.strip().lower() in ("on", "yes", "true", "1") else value
    return value


Lines = BeforeValidator(_lines)
Commas = BeforeValidator(_commas)
Ids = BeforeValidator(_ids)
Ticked = BeforeValidator(_ticked)


@dataclass(frozen=True)
class Numbered:
    """Marks a ``list[Row]`` field as a repeating group of numbered inputs:
    ``Numbered(date="date_{n}", topic_id="topic_{n}")`` reads one row per number that any of the inputs
    carries (rows left wholly empty are dropped), each with its ``number``; the row model
    (a :class:`FormRow`) validates the values."""

    names: tuple[tuple[str, str], ...]

    def __init__(self, **names: str) -> None:
        object.__setattr__(self, "names", tuple(names.items()))

    def input_name(self, field: str, number: int) -> str:
        """The input of row field ``field`` in row ``number`` (``date`` in row 2 → ``date_2``)."""
        return dict(self.names).get(field, self.names[0][1]).format(n=number)

    def numbers(self, keys: typing.Iterable[str]) -> list[int]:
        """The row numbers found among the posted input names, in order."""
        patterns = [
            re.compile("^" + re.escape(p).replace(r"\{n\}", r"(\d{1,3})") + "$") for _, p in self.names
        ]
        found = {int(m[1]) for key in keys for pat in patterns if (m := pat.match(key))}
        return sorted(found)

    def rows(self, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The group's rows from flat values; a row without any filled-in input is left out."""
        rows = []
        for n in self.numbers(values):
            row = {f: values[p.format(n=n)] for f, p in self.names if p.format(n=n) in values}
            if any(str(v).strip() for v in row.values()):
                rows.append({"number": n, **row})
        return rows


def _blank_is_missing(data: Any, keep: frozenset[str] = frozenset()) -> Any:
    """Empty text counts as "not given": the field reports "please fill in" or takes its default."""
    if isinstance(data, dict):
        check_input(data)
        return {k: v for k, v in data.items() if k in keep or not (isinstance(v, str) and not v.strip())}
    return data


class FormRow(BaseModel):
    """One row of a :class:`Numbered` group: its ``number`` and the row's fields (blank = not given)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    not_blank: ClassVar[frozenset[str]] = frozenset()  # fields where an emptied input means "remove"

    number: int

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: Any) -> Any:
        return _blank_is_missing(data, cls.not_blank)


class FormModel(BaseModel):
    """Base of every page form. ``form_id`` prefixes the field ids; ``labels`` name the fields in
    messages (English msgids, see :mod:`companion.web.form_messages`). Empty text counts as "not
    given", so a required field reports "please fill in" and an optional one takes its default."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    form_id: ClassVar[str] = "form"
    labels: ClassVar[dict[str, str]] = {}
    # Optional fields that must not be emptied when they are sent (an edit form's name).
    not_blank: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: Any) -> Any:
        return _blank_is_missing(data, cls.not_blank)

    @classmethod
    def label_text(cls, key: str, lang: str) -> str:
        """The label that messages name the field ``key`` by (``items.date`` for a row's input), in
        ``lang``: the msgid of :attr:`labels` translated."""
        return say(cls.labels.get(key) or cls.labels.get(key.split(".")[0], "Form"), lang)

    @classmethod
    def anchor(cls, name: str) -> str:
        """The id of the field ``name`` on the page."""
        return field_id(cls.form_id, name)


@dataclass(frozen=True)
class FieldError:
    """A message for one field (or, with ``field`` empty, for the whole form)."""

    form_id: str
    field: str
    message: str

    @property
    def anchor(self) -> str:
        return field_id(self.form_id, self.field)


@dataclass
class Submission(Generic[M]):
    """What :func:`submit` found: the model, or the errors; always the values as typed."""

    form_id: str
    data: M | None = None
    errors: list[FieldError] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.errors


def _is_list(annotation: Any) -> bool:
    """True for ``list[...]`` fields, also inside ``Annotated`` and ``| None``."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return origin is list


def _group(model: type[FormModel], name: str) -> Numbered | None:
    info = model.model_fields.get(name)
    return next((m for m in info.metadata if isinstance(m, Numbered)), None) if info else None


def read(model: type[FormModel], form: Any) -> dict[str, Any]:
    """The model's fields from a posted form, named as on the page: every value of a list field, the
    last one otherwise, and each input of a numbered group (unknown names such as the CSRF token are
    left behind)."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        group = _group(model, name)
        if group is not None:
            for n in group.numbers(form.keys()):
                for _, pattern in group.names:
                    if (key := pattern.format(n=n)) in form:
                        raw = form.get(key)
                        values[key] = "" if raw is None else str(raw)
            continue
        one_text = any(m in (Lines, Commas) for m in info.metadata)  # a list typed into one field
        if _is_list(info.annotation) and not one_text:
            got = list(form.getall(name, [])) if hasattr(form, "getall") else form.get(name, [])
            values[name] = [str(v) for v in (got if isinstance(got, list) else [got])]
        elif name in form:
            raw = form.get(name)
            values[name] = "" if raw is None else str(raw)
    return values


def shape(model: type[FormModel], values: Mapping[str, Any]) -> dict[str, Any]:
    """What the model validates: the values as read, with each numbered group gathered into its rows."""
    shaped = dict(values)
    for name in model.model_fields:
        if (group := _group(model, name)) is not None:
            shaped[name] = group.rows(values)
    return shaped


def validate(model: type[M], values: Mapping[str, Any], lang: str) -> Submission[M]:
    """Validate ``values`` into ``model``; bad values become :class:`FieldError` s in ``lang``."""
    form_id = model.form_id
    shaped = shape(model, values)
    try:
        return Submission(form_id, data=model.model_validate(shaped), values=dict(values))
    except ValidationError as exc:
        return Submission(form_id, errors=field_errors(model, exc, lang, shaped), values=dict(values))


def _where(
    model: type[FormModel], loc: tuple[int | str, ...], shaped: Mapping[str, Any]
) -> tuple[str, str, int | None]:
    """The input an error is about (as named on the page), the key of its label and the row number: a
    row's error names the row's input (``date_2``, label key ``items.date``, row 2), any other the
    field itself."""
    name = str(loc[0]) if loc else ""
    group = _group(model, name)
    if group is None or len(loc) < 2 or not isinstance(loc[1], int):
        return name, name, None
    rows = shaped.get(name) or []
    number = int(rows[loc[1]]["number"]) if loc[1] < len(rows) else loc[1]
    part = str(loc[2]) if len(loc) > 2 else group.names[0][0]
    return group.input_name(part, number), f"{name}.{part}", number


def field_errors(
    model: type[FormModel], exc: ValidationError, lang: str, shaped: Mapping[str, Any] | None = None
) -> list[FieldError]:
    """One message per input (the first problem is enough to fix it), in the fields' order."""
    found: dict[str, FieldError] = {}
    order: dict[str, int] = {}
    fields = list(model.model_fields)
    for error in exc.errors():
        name, key, number = _where(model, error["loc"], shaped or {})
        if name not in found:
            label = model.label_text(key, lang)
            label = label if number is None else f"{label} {number}"  # a row's input: "Datum 3"
            found[name] = FieldError(model.form_id, name, describe(error, label, lang))
            head = key.split(".")[0]
            order[name] = fields.index(head) if head in fields else len(fields)
    return sorted(found.values(), key=lambda e: order[e.field])


async def submit(request: Request[Any, Any, Any], model: type[M], lang: str) -> Submission[M]:
    """Read the posted form of ``request`` into ``model`` (the one entry point of every page form).
    Messages are in the page's language: ``lang`` unless a coordinator switched the page language."""
    from companion.web.i18n import page_language

    return validate(model, read(model, await request.form()), page_language(request, lang))


def form_error(form_id: str, message: str, field: str = "") -> FieldError:
    """An error that comes from a rule rather than a field's format (e.g. a reporting line)."""
    return FieldError(form_id, field, message)


@dataclass
class FormState:
    """What a page needs to show forms after a refused submission: the errors (for the summary and
    the fields) and the values as typed. Templates use it as ``form_state``."""

    errors: Sequence[FieldError] = ()
    values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    lang: str = "de"

    @classmethod
    def of(cls, submission: Submission[Any] | None, lang: str, extra: Sequence[FieldError] = ()) -> FormState:
        if submission is None:
            return cls(list(extra), {}, lang)
        return cls([*submission.errors, *extra], {submission.form_id: submission.values}, lang)

    @property
    def title(self) -> str:
        return say(N_("There is a problem"), self.lang)

    @property
    def hint(self) -> str:
        return say(N_("Please check the marked fields; nothing was saved yet."), self.lang)

    def option(self, kind: str, code: str | None) -> str:
        """A choice's label instead of its code (format, cadence, role, language)."""
        return option(kind, code, self.lang)

    def sent(self, form_id: str) -> bool:
        """True when ``form_id`` is the form that was just refused (its values replace the defaults)."""
        return form_id in self.values

    def value(self, form_id: str, name: str, default: Any = "") -> Any:
        """The typed value of a field of the refused form, else ``default`` (the stored value)."""
        if form_id in self.values:
            got = self.values[form_id].get(name)
            return "" if got is None else got
        return default

    def chosen(self, form_id: str, name: str, option: Any, default: bool = False) -> bool:
        """Whether ``option`` was ticked/selected in the refused form (``default`` otherwise)."""
        if form_id in self.values:
            got = self.values[form_id].get(name)
            options = got if isinstance(got, list) else [got]
            return str(option) in [str(o) for o in options]
        return default

    def anchor(self, form_id: str, name: str) -> str:
        """The page id of a field (what a ``<label for>`` names)."""
        return field_id(form_id, name)

    def message(self, form_id: str, name: str) -> str | None:
        for e in self.errors:
            if e.form_id == form_id and e.field == name:
                return e.message
        return None

    def attrs(self, form_id: str, name: str) -> Markup:
        """``id`` (always) and, when the field is refused, ``aria-invalid`` + ``aria-describedby``."""
        anchor = escape(field_id(form_id, name))
        if self.message(form_id, name) is None:
            return Markup(f'id="{anchor}"')
        return Markup(f'id="{anchor}" aria-invalid="true" aria-describedby="{anchor}-error"')

    def error(self, form_id: str, name: str) -> Markup:
        """The field's message beside it (the element ``aria-describedby`` points at), or nothing."""
        message = self.message(form_id, name)
        if message is None:
            return Markup("")
        return Markup(
            f'<span class="field-error" id="{escape(field_id(form_id, name))}-error">{escape(message)}</span>'
        )
