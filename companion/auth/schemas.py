"""Request and response models of the sign-in API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from companion.programmes.schemas import Strict
from companion.validation import DbId, UtcDatetime


class InviteCreate(Strict):
    participant_id: DbId


class InviteRead(BaseModel):
    url: str
    participant_id: int
    expires_at: UtcDatetime


class TokenCreate(Strict):
    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)] | None = (
        None
    )


class TokenRead(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'; shown only once.")
    expires_at: UtcDatetime


class Me(BaseModel):
    kind: Literal["coordinator", "participant"]
    id: int
    name: str
    language: str
    programme_id: int | None
    role: str | None
    pair_ids: list[int]


class SignInRead(BaseModel):
    """One of the caller's active sign-ins (browser session) or API tokens; the secret is never shown."""

    id: int
    kind: Literal["session", "api"]
    label: str | None
    created_at: UtcDatetime
    expires_at: UtcDatetime
    current: bool = Field(description="True for the sign-in this request uses.")
