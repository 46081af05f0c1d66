"""What of a reflection the partner may read: discretion by design, decided per whole sentence.

* The private slot is never shared.
* A sentence its author marks as confidential ("vertraulich", "unter uns", "confidential", "I don't
  want that named" …) is never shared; a short marker sentence that points back ("Das bleibt unter
  uns.") takes the sentence before it along, and a bare marker ("Unter uns:") the rest of the answer.
* Sentences the author excluded in the preview are not shared.
* People who are not members of the pair are replaced by a neutral description: "Frau Brandner aus
  der Rechtsabteilung" becomes "eine Kollegin aus der Rechtsabteilung". Found are "Herr/Frau/Dr./
  Prof./Mr/Ms X" of anyone, names of other programme participants, and first names that a name
  dictionary knows (gender-guesser), optionally followed by a surname.

The author's preview, the summary composers (offline and LLM) and the evals all use :func:`shared_view`,
so what the preview shows is exactly what the partner can ever see.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from companion.generation.reflection_slots import (
    COMPOSER_CHARS_PER_REFLECTION,
    MAX_ANSWER_CHARS,
    SHARED_SLOTS,
    Slot,
)
from companion.generation.sentences import split_sentences

_CONFIDENTIAL = re.compile(
    r"vertraulich|unter uns|unter vier augen|nicht weiter(sagen|erzählen|geben)|bitte nicht (weiter|herum)|"
    r"zwischen uns beiden|nur zwischen uns|zwischen uns\s*[:.!)]|nur für dich\b|nicht für die runde|"
    r"für dich behalten|"
    r"im vertrauen|nicht nach außen|nicht nach aussen|soll(te)? niemand (wissen|erfahren)|"
    r"nicht (in die|für die) zusammenfassung|nicht zitieren|off the record|behalte? (das|es) für dich|"
    r"confidential|between (us|you and me|the two of us)|in confidence|keep (this|that|it) (to yourself|quiet|private)|"
    r"(don'?t|do not) (want|like) (that|this|it|them|him|her) (to be )?(named|shared|repeated|quoted|passed on)|"
    r"not for the summary|(don'?t|do not) (tell|share|repeat|pass on) (this|that|it)|not to be shared|"
    r"just between us|for your ears only",
    re.IGNORECASE,
)
_BACKREF = re.compile(r"^(das|dies(es)?|es|that|this|it|but|aber|und|and|i|ich)\b", re.IGNORECASE)
_MARKER = (
    r"(ganz |streng |absolut )?(vertraulich|unter uns|unter vier augen|im vertrauen|ab hier vertraulich|"
    r"zwischen uns( beiden)?|nur für dich|privat|persönlich|"
    r"(strictly )?confidential(ly)?|between us|just between us|off the record|private|personal)"
)
_BARE_MARKER = re.compile(rf"^{_MARKER}\s*[.!,–-]*$", re.IGNORECASE)
# "Vertraulich: …" / "Unter uns: …" opens a confidential passage up to the end of the paragraph.
_OPENING_MARKER = re.compile(rf"^{_MARKER}\s*:", re.IGNORECASE)

_TITLE = r"(?:Herrn?|Frau|Hr\.|Fr\.|Dr\.|Prof\.|Mr\.?|Mrs\.?|Ms\.?|Dr|Prof)"
_NAME = r"[A-ZÄÖÜ][\w'’\-]*[\w]"
_TITLED = re.compile(rf"\b({_TITLE}(?:\s+{_TITLE})*)\s+((?:{_NAME})(?:\s+{_NAME})?)(?!\w)")
_DATIVE = re.compile(
    r"(?:\b(?:mit|von|bei|aus|zu|nach|seit|gegenüber|außer|vom|zum|beim)\s+)$", re.IGNORECASE
)
_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüßéèáàíóúçëïñ'’\-]{2,}")
# An article, determiner or number right before a capitalised word (adjectives may stand between)
# makes it a noun: "eine zweite Chance", "drei Tage", "den Ton" — the name dictionary lists these
# words as male first names, and replacing them gave "eine ein Kollege".
_NOUN_BEFORE = re.compile(
    r"(?:^|\s)(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein\w*|mein\w*|dein\w*|"
    r"sein\w*|ihr\w*|unser\w*|eu[e]?r\w*|dies\w*|jed\w*|welch\w*|manch\w*|viele\w*|einige\w*|"
    r"mehrere\w*|alle\w*|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d+\.?|the|a|an|my|your|"
    r"our|his|her|their|this|that|two|three|four|five|several|many)\s+"
    r"(?:[a-zäöüß][\wäöüß\-]*\s+){0,2}$",
    re.IGNORECASE,
)
# Capitalised German words that a first-name dictionary also lists; never treated as names.
_NOT_NAMES = frozenset(
    [
        "Paris",
        "Mark",
        "Will",
        "Rose",
        "Ernst",
        "August",
        "Mai",
        "Juni",
        "Juli",
        "April",
        "Sonne",
        "Wolf",
        "Klein",
        "Lange",
        "Long",
        "Young",
        "Grant",
        "Art",
        "Hope",
        "Page",
        "Said",
        "Christ",
        "Jack",
        "Sky",
        "May",
        "Glück",
        "Heil",
        "Ende",
        "Wind",
        "Star",
        "Fee",
        "Engel",
        "Lust",
        "Kurz",
        "Hart",
        "Team",
        "Chef",
        "Leiter",
        "Senior",
        "Junior",
        "Bank",
        "Berg",
        "Burg",
        "Stern",
        "Rat",
        "Amt",
        "Dank",
        "Mode",
        "Mars",
        "Elf",
        "Anders",
        "Noch",
        "Gut",
        "Linde",
        "Sommer",
        "Winter",
        "Herbst",
        "Frühling",
        "Summer",
        "Bill",
        "Sunny",
        "Holiday",
        "Hardy",
        "Rich",
        "Faith",
        "Joy",
        "Grace",
        "Honey",
    ]
)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_GERMAN

    return frozenset(w.casefold() for w in (*STOPWORDS_GERMAN, *STOPWORDS_EN_PLUS))


def _is_function_word(word: str) -> bool:
    """ "Mein", "Will", "May" at a sentence start: stop words of either language are never names
    (the name dictionary lists some of them, and "Mein eigenes Profil" must stay as written)."""
    return word.casefold() in _function_words()


@lru_cache(maxsize=1)
def _names_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gender

    return gender.Detector(case_sensitive=False)


def first_name_gender(word: str) -> str | None:
    """ "female", "male" or None: only names the dictionary is sure about, never common words."""
    if word in _NOT_NAMES or not _WORD.fullmatch(word) or _is_function_word(word):
        return None
    found = _names_detector().get_gender(word)
    return found if found in ("male", "female") else None


def fold(text: str) -> str:
    """Case-, accent- and umlaut-insensitive form: "Dembélé" → "dembele", "Müller" → "muller"."""
    text = text.casefold().replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_confidential(sentence: str) -> bool:
    """Whether the author marked this sentence as confidential."""
    return bool(_CONFIDENTIAL.search(sentence))


def _describe(gender: str | None, lang: str, dative: bool, initial: bool = False) -> str:
    text = _description(gender, lang, dative)
    return text[0].upper() + text[1:] if initial else text


def _description(gender: str | None, lang: str, dative: bool) -> str:
    if lang == "en":
        return "a colleague"
    if gender == "female":
        return "einer Kollegin" if dative else "eine Kollegin"
    if gender == "male":
        return "einem Kollegen" if dative else "ein Kollege"
    return "einer Person" if dative else "eine Person"


@dataclass(frozen=True)
class People:
    """Who may be named (the pair's members) and who is known to be someone else (programme roster)."""

    members: tuple[str, ...] = ()
    others: tuple[str, ...] = ()

    def member_tokens(self) -> frozenset[str]:
        return frozenset(fold(t) for n in self.members for t in re.split(r"[\s,]+", n) if len(t) >= 2)

    def other_pattern(self) -> re.Pattern[str] | None:
        """Names of the programme's other participants in every inflected and transliterated form
        (the coordinator-side redaction rules), leaving parts they share with a member alone."""
        from companion.insights.anonymise import redactor

        member = self.member_tokens()
        names = [" ".join(p for p in re.split(r"[\s,]+", n) if fold(p) not in member) for n in self.others]
        return redactor([n for n in names if n.strip()])


def neutralise_names(sentence: str, people: People, lang: str = "de") -> str:
    """``sentence`` with every person who is not a pair member replaced by a neutral description."""
    members = people.member_tokens()
    done: list[str] = []

    def hold(text: str) -> str:  # a placeholder, so that a description is never read as a name
        done.append(text)
        return f"\ue000{len(done) - 1}\ue001"

    def titled(m: re.Match[str]) -> str:
        title, name = m.group(1), m.group(2)
        tokens = name.split()
        if len(tokens) == 2 and first_name_gender(tokens[0]) is None:
            # "Herr Schmidtbauer Feedback …": only a first name is followed by a surname
            tail = m.group(0)[m.group(0).rindex(tokens[1]) :]
            return titled_one(title, tokens[0], m.start()) + " " + tail
        if all(fold(t).rstrip("s") in members or fold(t) in members for t in name.split()):
            return m.group(0)
        return titled_one(title, name, m.start())

    def titled_one(title: str, name: str, start: int) -> str:
        if all(fold(t).rstrip("s") in members or fold(t) in members for t in name.split()):
            return f"{title} {name}"
        gender = "female" if re.match(r"(Frau|Fr\.|Mrs|Ms)", title) else None
        gender = "male" if re.match(r"(Herr|Hr\.|Mr\b|Mr\.)", title) else gender
        return hold(_describe(gender, lang, bool(_DATIVE.search(sentence[:start])), start == 0))

    text = _TITLED.sub(titled, sentence)
    pattern = people.other_pattern()
    if pattern is not None:
        text = pattern.sub(
            lambda m: hold(_describe(None, lang, bool(_DATIVE.search(text[: m.start()])), m.start() == 0)),
            text,
        )

    def first_names(m: re.Match[str]) -> str:
        word = m.group(1)
        if fold(word) in members or _NOUN_BEFORE.search(text[: m.start()]):
            return m.group(0)
        gender = first_name_gender(word)
        if gender is None:
            return m.group(0)
        return hold(_describe(gender, lang, bool(_DATIVE.search(text[: m.start()])), m.start() == 0))

    text = re.sub(rf"(?<!\w)({_WORD.pattern})(?:\s+{_NAME})?(?=[\s.,;:!?)“”\"']|$)", first_names, text)
    return re.sub("\ue000(\\d+)\ue001", lambda m: done[int(m.group(1))], text)


@dataclass(frozen=True)
class SharedSentence:
    """One sentence of a reflection as its partner would see it (``hidden`` says why not)."""

    index: int
    slot: Slot
    original: str
    text: str
    hidden: str | None = None  # None | "confidential" | "excluded"


def shared_view(
    slots: Mapping[str, str], lang: str, people: People = People(), excluded: Iterable[int] = ()
) -> list[SharedSentence]:
    """Every sentence of the shared slots in order, numbered, with the neutral-name text and why it is
    hidden (the private slot is not part of it at all)."""
    skip = set(excluded)
    out: list[SharedSentence] = []
    for slot in SHARED_SLOTS:
        answer = slots.get(slot)
        if not answer or not answer.strip():
            continue
        for paragraph in re.split(r"\n+", answer):
            out += _paragraph(paragraph, slot, lang, people, skip, len(out))
    return out


def _paragraph(
    paragraph: str, slot: Slot, lang: str, people: People, skip: set[int], start: int
) -> list[SharedSentence]:
    out: list[SharedSentence] = []
    rest_confidential = False
    for sentence in split_sentences(paragraph, lang):
        index = start + len(out)
        # "Privat: …" marks its own sentence as much as the rest of the paragraph.
        opening = bool(_OPENING_MARKER.match(sentence))
        confidential = rest_confidential or opening or is_confidential(sentence)
        if _BARE_MARKER.match(sentence) or opening:
            rest_confidential = True
        elif (
            confidential
            and not rest_confidential
            and len(sentence.split()) <= 14
            and _BACKREF.match(sentence)
            and out
            and out[-1].hidden is None
        ):
            out[-1] = SharedSentence(out[-1].index, slot, out[-1].original, out[-1].text, "confidential")
        hidden = "confidential" if confidential else ("excluded" if index in skip else None)
        out.append(SharedSentence(index, slot, sentence, neutralise_names(sentence, people, lang), hidden))
    return out


def shared_answers(
    view: list[SharedSentence], budget: int = COMPOSER_CHARS_PER_REFLECTION
) -> tuple[dict[str, str], bool]:
    """The visible sentences per slot, whole sentences only, within ``budget`` characters; True when
    sentences had to be left out for length."""
    out: dict[str, list[str]] = {}
    per_slot: dict[str, int] = {}
    used, truncated = 0, False
    for s in view:
        if s.hidden is not None:
            continue
        if used + len(s.text) > budget or per_slot.get(s.slot, 0) + len(s.text) > MAX_ANSWER_CHARS:
            truncated = True
            continue
        used += len(s.text) + 1
        per_slot[s.slot] = per_slot.get(s.slot, 0) + len(s.text) + 1
        out.setdefault(s.slot, []).append(s.text)
    return {slot: " ".join(parts) for slot, parts in out.items()}, truncated
