"""The evaluation questionnaires: what each survey asks each side, in German and English.

Four surveys follow the programme's arc (seed: evaluate with feedback from both sides, what was learned,
what worked, what to change; metrics: satisfaction of both sides, concrete skills, a relationship,
wanting to continue):

* ``pre`` — self-assessment at the start: what I want to learn, confidence on my chosen topics (1–5).
* ``pulse_first`` / ``pulse_mid`` — a short pulse after the first sessions and at the mid-point:
  satisfaction, "is this worth my time", how the relationship works.
* ``post`` — the end survey: the seed metrics, what I learned, confidence on the same topics again,
  what worked and what to change.

Free text is read only by its author; next to each text question respondents may tick themes, and only
those ticks are counted for the coordinator (at least k respondents per theme).

Members of a Tandem and of a group answer the same questions (their answers are counted together), so
the German wording names neither kind ("bei euch", "euer Mentoring").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

KINDS = ("pre", "pulse_first", "pulse_mid", "post")
SIDES = ("junior", "senior")
QType = Literal["scale", "choice", "text", "topics"]
T = tuple[str, str]  # (de, en)

SCALE_VALUES = (1, 2, 3, 4, 5)
SCALE_ANCHORS: T = ("1 = gar nicht … 5 = voll und ganz", "1 = not at all … 5 = completely")
MAX_TEXT = 2000
MAX_TOPICS = 3

CHOICES: dict[str, tuple[tuple[str, T], ...]] = {
    "yes_partly_no": (("yes", ("ja", "yes")), ("partly", ("teilweise", "partly")), ("no", ("nein", "no"))),
    "yes_maybe_no": (("yes", ("ja", "yes")), ("maybe", ("vielleicht", "maybe")), ("no", ("nein", "no"))),
}

# Themes a respondent may tick next to a free-text answer (stable ids, used in exports).
LEARNING_THEMES: dict[str, T] = {
    "ai_tools": ("KI-Werkzeuge und Automatisierung", "AI tools and automation"),
    "social_media": ("Social Media und digitale Kommunikation", "Social media and digital communication"),
    "new_tools": ("Neue Werkzeuge im Arbeitsalltag", "New tools at work"),
    "remote_work": ("Remote- und hybride Zusammenarbeit", "Remote and hybrid work"),
    "team_culture": ("Teamkultur und Zusammenarbeit", "Team culture and collaboration"),
    "feedback": ("Feedback geben und annehmen", "Giving and taking feedback"),
    "generations": ("Erwartungen der jüngeren Generation", "Expectations of younger colleagues"),
    "leadership_view": ("Blick auf Führung und Entscheidungen", "How leadership and decisions work"),
    "career": ("Karriere und Entwicklung", "Career and development"),
    "mentoring_skills": ("Wissen vermitteln und moderieren", "Passing on knowledge and facilitating"),
    "confidence": ("Selbstvertrauen im Gespräch mit Führung", "Confidence when talking to leaders"),
}
EXPERIENCE_THEMES: dict[str, T] = {
    "structure": ("Struktur und Agenda der Sessions", "Structure and agenda of the sessions"),
    "preparation": ("Vorbereitung", "Preparation"),
    "time": ("Zeit und Terminfindung", "Time and scheduling"),
    "relationship": ("Vertrauen und Beziehung", "Trust and relationship"),
    "eye_level": ("Augenhöhe", "Eye level"),
    "topics": ("Themenwahl", "Choice of topics"),
    "both_learn": ("Lernen in beide Richtungen", "Learning both ways"),
    "support": ("Begleitung durch die Koordination", "Support from the coordination"),
}
THEME_SETS: dict[str, dict[str, T]] = {"learning": LEARNING_THEMES, "experience": EXPERIENCE_THEMES}


@dataclass(frozen=True)
class Question:
    """One question; ``label`` may differ by side (junior, senior)."""

    id: str
    type: QType
    label: dict[str, T]
    help: T | None = None
    choices: str | None = None  # key of CHOICES for type "choice"
    themes: str | None = None  # key of THEME_SETS for type "text"

    def text(self, role: str, lang: str) -> str:
        """The question as the respondent of ``role`` reads it in ``lang``."""
        pair = self.label.get(role) or self.label["any"]
        return pair[1] if lang == "en" else pair[0]

    def options(self, lang: str) -> list[tuple[str, str]]:
        """(value, label) of a choice question."""
        return [
            (value, label[1] if lang == "en" else label[0]) for value, label in CHOICES[self.choices or ""]
        ]


def _any(de: str, en: str) -> dict[str, T]:
    return {"any": (de, en)}


WANT_TO_LEARN = Question(
    "want_to_learn",
    "text",
    {
        "junior": (
            "Was möchtest du in diesem Programm lernen – auch über dich als Mentor:in?",
            "What do you want to learn in this programme – also about yourself as a mentor?",
        ),
        "senior": (
            "Was möchtest du in diesem Programm lernen?",
            "What do you want to learn in this programme?",
        ),
    },
    themes="learning",
)
CONFIDENCE = Question(
    "confidence",
    "topics",
    {
        "junior": (
            "Wie sicher fühlst du dich, diese Themen zu vermitteln?",
            "How confident do you feel passing on these topics?",
        ),
        "senior": (
            "Wie sicher fühlst du dich in diesen Themen?",
            "How confident do you feel in these topics?",
        ),
    },
    help=(
        "Wähle bis zu drei Themen, um die es bei euch geht, und schätze dich ein "
        "(1 = unsicher, 5 = sehr sicher).",
        "Pick up to three topics of your pair and rate yourself (1 = unsure, 5 = very confident).",
    ),
)
SATISFACTION = Question(
    "satisfaction",
    "scale",
    _any("Wie zufrieden bist du mit eurem Mentoring?", "How satisfied are you with your pair?"),
)
WORTH_TIME = Question(
    "worth_time", "scale", _any("Ist das Programm deine Zeit wert?", "Is the programme worth your time?")
)
RELATIONSHIP = Question(
    "relationship",
    "scale",
    _any(
        "Wie gut klappt die Zusammenarbeit – könnt ihr offen miteinander sprechen?",
        "How well does the relationship work – can you talk openly with each other?",
    ),
)
PULSE_NOTE = Question(
    "pulse_note",
    "text",
    _any("Möchtest du noch etwas festhalten? (optional)", "Anything else you want to note? (optional)"),
    themes="experience",
)

QUESTIONS: dict[str, tuple[Question, ...]] = {
    "pre": (WANT_TO_LEARN, CONFIDENCE),
    "pulse_first": (SATISFACTION, WORTH_TIME, RELATIONSHIP, PULSE_NOTE),
    "pulse_mid": (SATISFACTION, WORTH_TIME, RELATIONSHIP, PULSE_NOTE),
    "post": (
        SATISFACTION,
        Question(
            "skills_learned",
            "choice",
            _any("Hast du konkrete Fähigkeiten gelernt?", "Did you learn concrete skills?"),
            choices="yes_partly_no",
        ),
        Question(
            "learned",
            "text",
            _any(
                "Was hast du gelernt? Nenne eine Sache, die du seitdem anders machst.",
                "What did you learn? Name one thing you now do differently.",
            ),
            themes="learning",
        ),
        CONFIDENCE,
        Question(
            "relationship_formed",
            "choice",
            _any(
                "Ist eine Beziehung entstanden, die über das Programm hinaus trägt?",
                "Has a relationship formed that lasts beyond the programme?",
            ),
            choices="yes_partly_no",
        ),
        Question(
            "continue_wanted",
            "choice",
            _any("Möchtest du weitermachen?", "Do you want to continue?"),
            choices="yes_maybe_no",
        ),
        Question(
            "worked_well",
            "text",
            _any("Was hat gut funktioniert?", "What worked well?"),
            themes="experience",
        ),
        Question(
            "change",
            "text",
            _any("Was würdest du ändern?", "What would you change?"),
            themes="experience",
        ),
    ),
}


@dataclass(frozen=True)
class Survey:
    """Title and introduction of one survey kind."""

    title: T
    intro: T
    questions: tuple[Question, ...] = field(default_factory=tuple)


SURVEYS: dict[str, Survey] = {
    "pre": Survey(
        ("Selbsteinschätzung zum Start", "Self-assessment at the start"),
        (
            "Zwei kurze Fragen, bevor es richtig losgeht. Am Ende fragen wir noch einmal – so siehst du, "
            "was sich verändert hat.",
            "Two short questions before things really start. We ask again at the end, so you can see "
            "what has changed.",
        ),
        QUESTIONS["pre"],
    ),
    "pulse_first": Survey(
        ("Kurzer Puls nach den ersten Sessions", "Quick pulse after the first sessions"),
        (
            "Drei Fragen, eine Minute: Wie läuft es bisher?",
            "Three questions, one minute: how is it going so far?",
        ),
        QUESTIONS["pulse_first"],
    ),
    "pulse_mid": Survey(
        ("Puls zur Halbzeit", "Mid-point pulse"),
        (
            "Halbzeit! Wie läuft es bei euch gerade?",
            "Half-way! How is your pair doing right now?",
        ),
        QUESTIONS["pulse_mid"],
    ),
    "post": Survey(
        ("Abschlussbefragung", "End-of-programme survey"),
        (
            "Danke fürs Mitmachen! Was hat das Programm dir gebracht, und was sollen wir beim nächsten Mal "
            "anders machen?",
            "Thank you for taking part! What did the programme give you, and what should we do "
            "differently next time?",
        ),
        QUESTIONS["post"],
    ),
}


def question(kind: str, qid: str) -> Question | None:
    """The question ``qid`` of survey ``kind``, or None."""
    return next((q for q in QUESTIONS.get(kind, ()) if q.id == qid), None)


def theme_label(set_key: str | None, theme: str, lang: str) -> str:
    """A theme's label in ``lang`` (the id when unknown)."""
    pair = THEME_SETS.get(set_key or "", {}).get(theme)
    return theme if pair is None else (pair[1] if lang == "en" else pair[0])


def pick(pair: T, lang: str) -> str:
    """The German or English text of a (de, en) pair."""
    return pair[1] if lang == "en" else pair[0]
