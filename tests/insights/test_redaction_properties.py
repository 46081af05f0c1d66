"""Property tests (hypothesis): redaction holds for German names in the forms people really type —
genitive -s, without accents, umlauts transliterated, lower case, first or last name alone, initials,
"Herr/Frau/Dr. X" of anyone — and for e-mail-like strings and phone numbers."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.generation.discretion import People, fold, neutralise_names
from companion.insights import anonymise as an

FIRST = ["Helga", "Jürgen", "Zoë", "Ousmane", "Anaïs", "Björn", "Sören", "Aylin", "Łukasz", "Renée", "Jonas"]
LAST = ["Brandt", "Dembélé", "Müller", "Quinterra", "Öztürk", "Weiß", "Schäfer", "Nguyễn", "Groß", "Kühn"]
TEMPLATES = [
    "Ich fand {x} Feedback hilfreich.",
    "{x} hat erzählt, wie es früher war.",
    "Mit {x} war das Gespräch offen.",
    "Die Art von {x} hat mich überrascht.",
    "{x} Idee war gut.",
    "Wir haben über {x} gesprochen, ohne Namen zu nennen.",
]


def _translit(word: str) -> str:
    return "".join({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}.get(c, c) for c in word)


@st.composite
def mentions(draw: st.DrawFn) -> tuple[str, str, str]:
    """A full name and one way of writing it in a sentence."""
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    base = draw(st.sampled_from([first, last, f"{first} {last}"]))
    form = draw(st.sampled_from(["as is", "genitive", "no accents", "translit", "lower", "apostrophe"]))
    written = {
        "as is": base,
        "genitive": base + "s",
        "no accents": an.strip_accents(base),
        "translit": _translit(base),
        "lower": base.lower(),
        "apostrophe": base + "’s",
    }[form]
    return f"{first} {last}", written, draw(st.sampled_from(TEMPLATES)).format(x=written)


@settings(max_examples=300, deadline=None)
@given(mentions())
def test_inflected_and_transliterated_names_are_redacted(case: tuple[str, str, str]) -> None:
    name, _written, sentence = case
    out = an.redact(sentence, [name])
    for part in name.split():
        for variant in an.spellings(part):
            assert fold(variant) not in fold(out), (sentence, out)
    assert an.NAME_TOKEN in out


@settings(max_examples=200, deadline=None)
@given(mentions())
def test_partner_never_reads_another_participants_name(case: tuple[str, str, str]) -> None:
    name, _, sentence = case
    out = neutralise_names(sentence, People(members=("Mia Keller",), others=(name,)))
    for part in name.split():
        assert fold(an.strip_accents(part)) not in fold(an.strip_accents(out)), (sentence, out)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Herr", "Frau", "Dr.", "Prof.", "herr", "frau", "Herrn", "Frau Dr.", "Mr", "Ms"]),
    st.from_regex(r"[A-ZÄÖÜ]?[a-zäöüß]{3,12}", fullmatch=True),
)
def test_titled_names_of_anyone_are_redacted(title: str, surname: str) -> None:
    out = an.redact(f"Das hat {title} {surname} gestern erklärt.", [])
    assert surname not in out and an.NAME_TOKEN in out


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"[a-z]{2,8}(\.[a-z]{2,8})?", fullmatch=True),
    st.sampled_from(["@firma.example", "@firma", "@", " (at) firma (punkt) de", "@mail.firma.co.uk"]),
)
def test_email_like_strings_with_or_without_domain(local: str, domain: str) -> None:
    out = an.redact(f"Schreib an {local}{domain} bis Freitag.", [])
    # The local part must not survive as a word of its own; as a mere substring it may ("ta" in
    # "Freitag"), and the rest of the sentence stays. A local part that is itself a word of the
    # sentence ("an", "bis") may appear exactly as often as the sentence has it.
    word = re.compile(rf"(?<![\w.]){re.escape(local)}(?![\w])")
    assert len(word.findall(out)) == len(word.findall("Schreib an bis Freitag.")), out
    assert "[E-Mail]" in out and out.endswith("bis Freitag.")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["+49 170 1234567", "0170/1234567", "0049 (0)89 123 45 67", "089-12345678"]))
def test_phone_numbers_are_redacted_but_dates_are_not(phone: str) -> None:
    out = an.redact(f"Ruf {phone} an, Termin am 12.03.2025.", [])
    assert "[Telefon]" in out and "12.03.2025" in out and phone not in out


def test_initials_of_participants() -> None:
    out = an.redact("H. B. und HB waren da, hb nicht.", ["Helga Brandt"])
    assert out == "[Name] und [Name] waren da, hb nicht."
