"""Input checks shared by every request body, form and path: ids, text and dates are refused with a
4xx *before* anything reaches the database, so a value the database cannot hold never becomes a 500.

- Ids are 1 … 2³¹−1 (the integer primary keys of SQLite and PostgreSQL alike).
- Text holds no control characters except tab and line breaks (PostgreSQL cannot store NUL at all;
  the others are invisible in pages and mails and only ever come from mistakes or attacks).
- Dates and times lie between 1900 and 2299 (after conversion to UTC), which every database stores
  and every session or programme falls in; a time without a zone is read as UTC.
- Bodies nest at most :data:`MAX_DEPTH` levels (the deepest real body has three).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field

MAX_ID = 2**31 - 1
MAX_DEPTH = 16
MIN_YEAR, MAX_YEAR = 1900, 2299
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

DbId = Annotated[int, Field(ge=1, le=MAX_ID, description="An id (1 … 2147483647)")]


def id_problem(name: str, value: Any) -> str | None:
    """Why ``value`` is not a usable id (None when it is one)."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID:
        return None
    return f"{name}: an id is a whole number between 1 and {MAX_ID}"


def parse_id(raw: Any) -> int | None:
    """A form value as an id, or None when it is not one (letters, signs, 20 digits …)."""
    text = str(raw or "").strip()
    if not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if id_problem("id", value) is None else None


def check_input(value: Any, depth: int = 0) -> None:
    """Raise ``ValueError`` for control characters anywhere in ``value`` (keys too) or nesting beyond
    :data:`MAX_DEPTH`."""
    if depth > MAX_DEPTH:
        raise ValueError(f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        if CONTROL.search(value):
            raise ValueError("text must not contain control characters (only tabs and line breaks)")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_input(key, depth + 1)
            check_input(item, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            check_input(item, depth + 1)


def _bounded_datetime(value: datetime) -> datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    try:
        utc = aware.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"a date between {MIN_YEAR} and {MAX_YEAR}") from None
    if not MIN_YEAR <= utc.year <= MAX_YEAR:
        raise ValueError(f"a date between {MIN_YEAR} and {MAX_YEAR}")
    return utc


def _bounded_date(value: date) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"a date between {MIN_YEAR} and {MAX_YEAR}")
    return value


def as_utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime (SQLite hands back naive ones; they were written in UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


InputDatetime = Annotated[datetime, AfterValidator(_bounded_datetime)]
InputDate = Annotated[date, AfterValidator(_bounded_date)]
UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]  # output: always ISO 8601 with an offset

__all__ = [
    "MAX_ID",
    "DbId",
    "InputDate",
    "InputDatetime",
    "UtcDatetime",
    "as_utc",
    "check_input",
    "id_problem",
    "parse_id",
]
