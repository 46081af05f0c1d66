"""The mail pages' forms as typed models (:mod:`companion.web.forms`): the sign-in address and the
choice of optional mails."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import EmailStr, Field

from companion.notifications.models import OPTIONAL_KINDS
from companion.web.forms import FormModel, Ticked

Choice = Annotated[bool, Ticked]


class SigninForm(FormModel):
    """The address a sign-in link goes to (if it belongs to someone)."""

    form_id: ClassVar[str] = "signin"
    labels: ClassVar[dict[str, str]] = {"email": "E-mail address"}

    email: EmailStr = Field(max_length=254)

    @property
    def address(self) -> str:
        """The address as accounts store it (normalised, lower case)."""
        return str(self.email).lower()


class MailChoicesForm(FormModel):
    """Which optional mails a participant wants (a ticked box sends "on"; sign-in links always come)."""

    form_id: ClassVar[str] = "mails"
    labels: ClassVar[dict[str, str]] = {
        "calendar": "Calendar invitations when a session is planned, moved or cancelled",
        "reminder": "A reminder before each session, with the agenda and your preparation questions",
        "reflection": "The reflection questions after each session",
        "nudge": "A friendly note when your pair hasn't met for a while",
    }

    calendar: Choice = False
    reminder: Choice = False
    reflection: Choice = False
    nudge: Choice = False

    def choices(self) -> dict[str, bool]:
        return {kind: bool(getattr(self, kind)) for kind in OPTIONAL_KINDS}


assert tuple(MailChoicesForm.model_fields) == OPTIONAL_KINDS
