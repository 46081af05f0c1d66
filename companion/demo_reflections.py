"""What the demo pairs' members wrote after their first session (German, per reflection-form slot)."""

from __future__ import annotations

# Every pair also ticked what young people expect of work: once the members have signed in
# themselves (what makes a pair count, companion.insights.evidence), the coordinator's theme view has
# one theme that three pairs share (the demo programme's k is 3).
SHARED_THEME = "topic-young-talent-expectations"

# What the members wrote after their pair's first session, per slot of the reflection form: each
# pair about its own first topic, with its author; in the group one member and in the project Lea
# (whose first session the page tests use) have not written yet; and one private
# note that only its author ever sees (so the demo shows attribution, "noch ausstehend" and privacy).
REFLECTIONS: list[list[tuple[str, dict[str, str]]]] = [
    [
        (
            "jonas",
            {
                "learned": "Wie Angebote in der Geschäftsführung vorbereitet und freigegeben werden und warum "
                "Haftungsfragen dabei so viel Gewicht haben.",
                "contributed": "Ich habe gezeigt, wie ich mit einem KI-Assistenten einen Angebotsentwurf gliedere.",
                "next_step": "Bis zur nächsten Session schreibe ich eine kurze Anleitung mit drei Prompts, die "
                "Frau Brandt behalten kann.",
                "private_note": "Am Anfang war ich nervös, vor der Geschäftsführerin etwas vorzuführen.",
            },
        ),
        (
            "gf",
            {
                "learned": "Ein KI-Assistent gliedert einen Angebotsentwurf in wenigen Minuten; die fachliche "
                "Prüfung bleibt bei uns.",
                "surprised": "Wie selbstverständlich Jonas neue Werkzeuge ausprobiert, bevor jemand eine "
                "Anleitung geschrieben hat.",
                "next_step": "Ich teste zwei Wochen lang einen Assistenten für Besprechungsprotokolle und "
                "berichte in der nächsten Session.",
            },
        ),
    ],
    [
        (
            "mia",
            {
                "learned": "Welche Schritte in der Produktion vor dem ersten Arbeitstag feststehen müssen, vom "
                "Schichtplan bis zur Sicherheitsunterweisung.",
                "next_step": "Bis Monatsende sammle ich, was neue Kolleg:innen in ihrer ersten Woche am "
                "häufigsten fragen.",
            },
        ),
        (
            "noah",
            {
                "learned": "Für Neue ist die Schichtübergabe der schwierigste Moment, weil dort niemand Zeit für "
                "Fragen hat.",
                "contributed": "Ich habe erzählt, wie mein eigener Start in der Logistik lief und was mir "
                "gefehlt hat.",
            },
        ),
        (
            "pl",
            {
                "learned": "Die Jüngeren wünschen sich für die ersten Wochen eine feste Ansprechperson, nicht "
                "nur eine Mappe.",
                "next_step": "Im nächsten Meisterkreis frage ich, wer eine Patenschaft für neue Kolleg:innen "
                "übernimmt.",
            },
        ),
    ],
    [
        (
            "gf",
            {
                "surprised": "Unser LinkedIn-Auftritt wirkt auf Jüngere wie eine Pressemitteilung.",
                "learned": "Ein kurzer, persönlicher Beitrag erreicht mehr als eine polierte Anzeige.",
                "next_step": "Im Oktober veröffentliche ich einen ersten eigenen Beitrag, den Lea vorher "
                "gegenliest.",
            },
        ),
    ],
]
