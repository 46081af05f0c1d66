"""Outcome kinds of goals: the words that decide, and the question clauses that do not."""

from __future__ import annotations

import pytest

from companion.generation.goals import kind_of, understand


@pytest.mark.parametrize(
    ("goal", "kind"),
    [
        # A question clause after a verb of knowing is the subject, not the outcome.
        ("Verstehen, warum Jüngere öfter Rückmeldung wollen", "understand"),
        ("Herausfinden, welche Tools Auszubildende wählen", "understand"),
        ("Gemeinsam verstehen, wie junge Kolleg:innen weniger Mails schreiben", "understand"),
        ("Understand why younger colleagues change jobs more often", "understand"),
        ("Find out together how new hires choose an employer", "understand"),
        # Without a question clause the kind words still count.
        ("Understand and try out Instagram together", "try"),
        ("Herausfinden, ob wir Kernarbeitszeiten brauchen", "decide"),
        ("Öfter Feedback im Team geben", "habit"),
        ("Entscheiden, welches Tool wir ausprobieren", "decide"),
        ("Eine Stellenanzeige für TikTok entwerfen", "produce"),
        ("Verstehen, was auf TikTok funktioniert", "understand"),
    ],
)
def test_kind_of(goal: str, kind: str) -> None:
    assert kind_of(goal) == kind


def test_the_goal_keeps_what_it_is_about() -> None:
    goal = understand("Verstehen, warum Jüngere öfter Rückmeldung wollen", "de")
    assert goal.kind == "understand"
    assert goal.about == "warum Jüngere öfter Rückmeldung wollen"
