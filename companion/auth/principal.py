"""Who is making a request: a coordinator or a participant (with the pairs they belong to)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["coordinator", "participant"]


@dataclass(frozen=True)
class Principal:
    """The signed-in person. Participants carry their programme, role and pair ids so that guards
    decide pair access without another query."""

    kind: Kind
    id: int
    name: str
    language: str = "de"
    programme_id: int | None = None
    role: str | None = None
    pair_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_coordinator(self) -> bool:
        return self.kind == "coordinator"

    @property
    def is_participant(self) -> bool:
        return self.kind == "participant"

    def in_pair(self, pair_id: int) -> bool:
        """True when this is a participant and a member of ``pair_id``."""
        return self.is_participant and pair_id in self.pair_ids
