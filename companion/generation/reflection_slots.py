"""Reflection slots and the one set of limits that the API, the pages and the composers share.

A reflection is stored per *slot* (what the answer is about), never per question wording, so the summary
can file an answer without guessing from its words. Free ``{question: answer}`` input (CLI, API,
older stored reflections) is mapped: a slot name or a known prompt goes to its slot, anything else to
``general``. ``private_note`` is for the author only: it never reaches a composer, a summary, the
partner or a coordinator.
"""

from __future__ import annotations

import re
from typing import Literal

Slot = Literal[
    "learned",
    "surprised",
    "contributed",
    "next_step",
    "for_later",
    "about_the_session",
    "general",
    "private_note",
]
SLOTS: tuple[Slot, ...] = (
    "learned",
    "surprised",
    "contributed",
    "next_step",
    "for_later",
    "about_the_session",
    "general",
    "private_note",
)
SHARED_SLOTS: tuple[Slot, ...] = SLOTS[:-1]
FORM_SLOTS: tuple[Slot, ...] = tuple(s for s in SLOTS if s != "general")

# --- limits: one home, imported by sessions.schemas, generation.schemas, the pages and the composers ---
MAX_ANSWER_CHARS = 5000  # one answer (one slot)
MAX_KEY_CHARS = 300  # a free question key
MAX_ANSWERS = 20  # answers in one reflection
MAX_REFLECTIONS = 12  # reflections in one session: one per member, group sessions have at most 6
MAX_THEMES_TICKED = 6
# What the composers receive per reflection: whole sentences up to this budget, then a note.
COMPOSER_CHARS_PER_REFLECTION = 6000
MAX_QUOTE_CHARS = 1200  # one quoted sentence in a summary list (a longer sentence is shortened by words)

NONE_OF_THESE = "none"

LABELS: dict[str, dict[Slot, str]] = {
    "de": {
        "learned": "Was hast du heute gelernt oder neu verstanden?",
        "surprised": "Was hat dich überrascht?",
        "contributed": "Was hast du selbst eingebracht?",
        "next_step": "Was ist dein nächster Schritt (was, bis wann)?",
        "for_later": "Was möchtet ihr später vertiefen?",
        "about_the_session": "Wie war die Session für dich?",
        "general": "Weitere Gedanken",
        "private_note": "Private Notiz (nur für dich, wird nie geteilt)",
    },
    "en": {
        "learned": "What did you learn or newly understand today?",
        "surprised": "What surprised you?",
        "contributed": "What did you bring in yourself?",
        "next_step": "What is your next step (what, by when)?",
        "for_later": "What would you like to go deeper into later?",
        "about_the_session": "How was the session for you?",
        "general": "Further thoughts",
        "private_note": "Private note (only for you, never shared)",
    },
}

# Known prompt wordings (the offline composer's reflection prompts, both languages) and their slot.
# Exact wordings first; the patterns below catch the generated, topic-specific variants.
_KNOWN: dict[str, Slot] = {
    "Wo konntest du als Fachperson der Session dein Wissen gut einbringen, und wo nicht?": "contributed",
    "Welchen nächsten Schritt habt ihr vereinbart, und was brauchst du dafür?": "next_step",
    "Was würdest du beim nächsten Mal anders vorbereiten?": "about_the_session",
    "Was hast du heute neu verstanden oder selbst ausprobiert?": "learned",
    "Welche deiner Annahmen hat sich verändert?": "surprised",
    "Welche Erfahrung oder welchen Kontext hast du eingebracht?": "contributed",
    "Was probierst du bis zur nächsten Session konkret aus?": "next_step",
    "Wie hast du das Gespräch auf Augenhöhe erlebt?": "about_the_session",
    "Was hast du über Erwartungen und Arbeitsweisen jenseits der Technik gelernt?": "learned",
    "Wie hast du euer erstes Treffen erlebt, und was brauchst du für die nächsten?": "about_the_session",
    "Welche der gesammelten Themen möchtest du am liebsten zeigen?": "for_later",
    "Was habt ihr für das nächste Treffen vereinbart?": "next_step",
    "Wie hast du euer erstes Treffen erlebt?": "about_the_session",
    "Welches Thema interessiert dich am meisten, und warum?": "for_later",
    "Was möchtest du nach der Programmlaufzeit anders machen als heute?": "next_step",
    "Was nimmst du aus dem ganzen Programm mit, über dich und über das Unternehmen?": "learned",
    "Was hat in euren Treffen besonders gut funktioniert, und was würdest du ändern?": "about_the_session",
    "Welche Empfehlung soll die Koordination für die nächste Runde bekommen?": "about_the_session",
    "Möchtest du den Austausch fortsetzen, und in welcher Form?": "next_step",
    "Was machst du heute anders als vor dem Programm?": "learned",
    "What did you learn today about the senior's view and experience?": "learned",
    "Where could you bring in your knowledge as the session's expert, and where not?": "contributed",
    "What context did the senior share that helps you?": "learned",
    "Which next step did you agree on, and what do you need for it?": "next_step",
    "What would you prepare differently next time?": "about_the_session",
    "What did you newly understand or try yourself today?": "learned",
    "Which of your assumptions has changed?": "surprised",
    "Which experience or context did you bring in?": "contributed",
    "What will you try before the next session, concretely?": "next_step",
    "How did you experience the conversation at eye level?": "about_the_session",
    "What did you learn about expectations and ways of working beyond the technology?": "learned",
    "How did you experience your first meeting, and what do you need for the next ones?": "about_the_session",
    "Which of the topics you collected would you most like to show?": "for_later",
    "What did you learn about the senior's working day that surprised you?": "surprised",
    "What did you agree for the next meeting?": "next_step",
    "How did you experience your first meeting?": "about_the_session",
    "Which topic interests you most, and why?": "for_later",
    "What would you like to do differently at the end of the programme than today?": "next_step",
    "What do you take away from the whole programme, about yourself and the organisation?": "learned",
    "What worked particularly well in your meetings, and what would you change?": "about_the_session",
    "Which recommendation should the coordinators get for the next round?": "about_the_session",
    "Would you like to continue the exchange, and in what form?": "next_step",
    "What do you do differently today than before the programme?": "learned",
    "Which perspective of the junior changed your thinking most?": "surprised",
    # the plain wordings people (and the CLI examples) use most
    "Was hast du heute gelernt?": "learned",
    "Was hast du gelernt?": "learned",
    "Was hast du heute neu verstanden?": "learned",
    "Was hast du neu verstanden?": "learned",
    "Was nimmst du mit?": "learned",
    "Was hat dich überrascht?": "surprised",
    "Was hast du eingebracht?": "contributed",
    "Welchen nächsten Schritt habt ihr vereinbart?": "next_step",
    "Was ist dein nächster Schritt?": "next_step",
    "Was probierst du bis zur nächsten Session aus?": "next_step",
    "Was probierst du aus?": "next_step",
    "Welche Themen möchtest du vertiefen?": "for_later",
    "Wie war die Session?": "about_the_session",
    "What did you learn today?": "learned",
    "What did you learn?": "learned",
    "What did you newly understand?": "learned",
    "What surprised you?": "surprised",
    "What did you bring in?": "contributed",
    "What is your next step?": "next_step",
    "Which next step did you agree on?": "next_step",
    "What will you try before the next session?": "next_step",
    "What will you try?": "next_step",
    "Which topics would you like to go deeper into?": "for_later",
    "How was the session?": "about_the_session",
}
# Variants with a topic ("Was hast du heute zum Thema „X“ … gelernt?") or with the people ("… die
# Erfahrung von Petra …", "… deines Gegenübers …"; stored reflections still carry "des Seniors").
_VARIANTS: tuple[tuple[re.Pattern[str], Slot], ...] = (
    (re.compile(r"^Was hast du heute über die Sicht und die Erfahrung .+ gelernt\?$"), "learned"),
    (re.compile(r"^Welchen Kontext (?:.+ nimmst du mit|hat .+ geteilt), der dir weiterhilft\?$"), "learned"),
    (re.compile(r"^Was hast du über den Arbeitsalltag .+ erfahren, das dich überrascht hat\?$"), "surprised"),
    (re.compile(r"^Welche Perspektive .+ hat dein Denken am stärksten verändert\?$"), "surprised"),
    (
        re.compile(r"^Was hast du heute zum Thema .+ (gelernt|neu verstanden oder selbst ausprobiert)\?$"),
        "learned",
    ),
    (
        re.compile(
            r"^What did you (learn today about .+ from the senior's point of view|newly understand or try yourself today about .+)\?$"
        ),
        "learned",
    ),
)


# Free wordings (an HR form of its own, an API client): the slot by what the question asks, in this
# order, so that "Was möchtest du beim nächsten Mal besprechen?" is a topic for later, not a next step,
# and "Was hast du gelernt, das dich überrascht hat?" a surprise. Never the private note: only its own
# key files an answer there. Anything else stays "general" (shared, but no learning or next step).
_CUE_TEXT: tuple[tuple[str, Slot], ...] = (
    (r"überrasch|erstaunt|annahme|surpris|unexpected|assumption", "surprised"),
    (
        r"besprechen|vertiefen|aufgreifen|offen geblieben|offene fragen?|später|"
        r"worüber\b.*\b(?:sprechen|reden)|\bdiscuss|talk about next|go deeper|deeper into|follow up on|left open|open questions?|for later",
        "for_later",
    ),
    (
        r"nächste[nr]? schritt|vornehmen|vorgenommen|nimmst du dir\b.*\bvor\b|vereinbart|umsetzen|"
        r"probierst du\b.*\baus\b|bis zum nächsten (?:mal|treffen)|"
        r"ab morgen|anders machen|"
        r"next step|will you (?:try|do|change)|going to|plan to|commit|agreed?\b|before the next|"
        r"from tomorrow",
        "next_step",
    ),
    (r"eingebracht|beigetragen|beitragen|einbringen|contribut|bring in|brought in", "contributed"),
    (
        r"gelernt|verstanden|mitgenommen|nimmst du\b.*\bmit\b|erkenntnis|einsicht|\baha|"
        r"\blearn|understood|understand|take away|takeaway|insight",
        "learned",
    ),
    (
        r"erlebt|wie war|wie lief|atmosphäre|augenhöhe|vorbereiten|"
        r"how was|how did .* go|experience the|\bfeel|\bfelt|atmosphere|eye level|prepare",
        "about_the_session",
    ),
)
_CUES = tuple((re.compile(pattern, re.IGNORECASE), slot) for pattern, slot in _CUE_TEXT)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


_BY_KEY: dict[str, Slot] = {_key(q): s for q, s in _KNOWN.items()}
for _lang in LABELS.values():
    for _slot, _label in _lang.items():
        _BY_KEY[_key(_label)] = _slot


# A generated prompt about one goal ends with the goal as a label: "… (Ziel: „…“)". The goal's own
# words must not decide the slot ("Besprechen, wie …" is no question for later).
_GOAL_LABEL = re.compile(r"\s*\((?:Ziel|Goal)\b[^:()]*:\s.*\)\s*$", re.DOTALL)


def slot_of(question: str) -> Slot:
    """The slot of a question key: a slot name, a known prompt (either language) or ``general``."""
    stripped = _GOAL_LABEL.sub("", question.strip())
    if stripped in SLOTS:
        return stripped
    found = _BY_KEY.get(_key(stripped))
    if found is not None:
        return found
    for pattern, slot in _VARIANTS:
        if pattern.match(" ".join(stripped.split())):
            return slot
    for cue, slot in _CUES:
        if cue.search(stripped):
            return slot
    return "general"


def to_slots(answers: dict[str, str]) -> dict[str, str]:
    """Free ``{question: answer}`` filed per slot; several answers for one slot are kept in order,
    separated by a blank line. Empty answers are dropped."""
    out: dict[str, list[str]] = {}
    for question, answer in answers.items():
        if answer and answer.strip():
            out.setdefault(slot_of(question), []).append(answer.strip())
    return {slot: "\n\n".join(parts) for slot, parts in out.items()}


def label(slot: str, lang: str) -> str:
    """The form label of a slot in ``lang`` (German for an unknown language)."""
    return LABELS.get(lang, LABELS["de"]).get(slot, slot)  # type: ignore[call-overload,unused-ignore]
