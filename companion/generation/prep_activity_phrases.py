"""The question and the thing to bring per activity mode and side (see
:mod:`companion.generation.prep_activity`), in German and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Lines:
    """What one side of one mode asks itself and brings (``bring`` may be empty)."""

    question: str
    bring: str


# {act}: the activity titles, quoted and joined; {J}/{S}: the sides' names. A ``lead`` variant is for
# the side that leads the activity, ``other`` for the side that does not (or for both, when both lead).
LINES: Final[dict[str, dict[tuple[str, str], Lines]]] = {
    "de": {
        ("experiment", "junior"): Lines(
            "Für {act}: Welchen Tipp gibst du für den Versuch mit, und woran erkennt ihr beim nächsten "
            "Treffen, ob er geklappt hat?",
            "",
        ),
        ("experiment", "senior"): Lines(
            "Für {act}: Wann genau in den nächsten Tagen kannst du es ausprobieren, und was könnte "
            "dazwischenkommen?",
            "Für {act}: den Kalender der nächsten zwei Wochen, um gleich einen festen Zeitpunkt zu wählen",
        ),
        ("show", "junior"): Lines(
            "Für {act}: Welches echte Beispiel zeigst du, und an welcher Stelle gibst du an {S} ab?",
            "Für {act}: ein echtes Beispiel auf dem eigenen Gerät, das du zeigen kannst",
        ),
        ("show", "senior"): Lines(
            "Für {act}: Was möchtest du dabei selbst in die Hand nehmen, und was soll danach ohne Hilfe "
            "klappen?",
            "Für {act}: ein Gerät mit den nötigen Zugängen, damit du selbst ausprobieren kannst",
        ),
        ("rehearse", "junior"): Lines(
            "Für {act}: Welche echte Situation nimmst du als Übungsfall, und was soll sich danach bei {S} "
            "ändern?",
            "Für {act}: eine konkrete Situation, die du in zwei, drei Sätzen schildern kannst",
        ),
        ("rehearse", "senior"): Lines(
            "Für {act}: An welcher Situation aus deinem Alltag möchtest du üben, und was soll dabei "
            "anders laufen als sonst?",
            "Für {act}: eine Situation aus den letzten Wochen, an der ihr üben könnt",
        ),
        ("write", "junior"): Lines(
            "Für {act}: Welche Formulierung oder welches gelungene Beispiel aus deinem Umfeld taugt als "
            "Vorlage?",
            "Für {act}: ein, zwei gelungene Beispiele als Vorlage",
        ),
        ("write", "senior"): Lines(
            "Für {act}: Welcher echte Text oder Anlass aus deinem Bereich soll auf den Tisch, und wer "
            "liest ihn später?",
            "Für {act}: den echten Text oder Anlass, um den es gehen soll",
        ),
        ("map", "junior"): Lines(
            "Für {act}: Welche Beobachtungen aus deinem Arbeitsalltag gehören dazu, auch kleine?",
            "Für {act}: eigene Beobachtungen der letzten Wochen, kurz notiert",
        ),
        ("map", "senior"): Lines(
            "Für {act}: Was aus deinem Bereich gehört dazu, das man von außen nicht sieht?",
            "Für {act}: was es dazu im eigenen Bereich schon gibt, etwa Zahlen, Listen oder Abläufe",
        ),
        ("talk", "junior"): Lines(
            "Für {act}: Welche eigene Erfahrung möchtest du erzählen, und was willst du von {S} dazu wissen?",
            "",
        ),
        ("talk", "senior"): Lines(
            "Für {act}: Welche Erfahrung aus deiner Laufbahn passt dazu, und was möchtest du dabei von {J} lernen?",
            "Für {act}: eine Episode aus dem eigenen Bereich, die dazu passt",
        ),
    },
    "en": {
        ("experiment", "junior"): Lines(
            "For {act}: which tip do you give for the attempt, and how will you tell at the next meeting "
            "whether it worked?",
            "",
        ),
        ("experiment", "senior"): Lines(
            "For {act}: when exactly in the coming days can you try it, and what might get in the way?",
            "For {act}: your calendar for the next two weeks, to pick a fixed time straight away",
        ),
        ("show", "junior"): Lines(
            "For {act}: which real example will you show, and at which point do you hand over to {S}?",
            "For {act}: a real example on your own device that you can show",
        ),
        ("show", "senior"): Lines(
            "For {act}: what would you like to do with your own hands, and what should work without help "
            "afterwards?",
            "For {act}: a device with the access you need, so that you can try it yourself",
        ),
        ("rehearse", "junior"): Lines(
            "For {act}: which real situation will you use to practise, and what should change for {S} "
            "afterwards?",
            "For {act}: a concrete situation you can describe in two or three sentences",
        ),
        ("rehearse", "senior"): Lines(
            "For {act}: which situation from your day-to-day would you like to practise on, and what "
            "should go differently from usual?",
            "For {act}: a situation from the last few weeks that you can practise on",
        ),
        ("write", "junior"): Lines(
            "For {act}: which wording or good example from your circle could serve as a template?",
            "For {act}: one or two good examples as a template",
        ),
        ("write", "senior"): Lines(
            "For {act}: which real text or occasion from your area should be on the table, and who will "
            "read it later?",
            "For {act}: the real text or occasion it is about",
        ),
        ("map", "junior"): Lines(
            "For {act}: which observations from your working day belong in it, small ones included?",
            "For {act}: your own observations of the last few weeks, briefly noted",
        ),
        ("map", "senior"): Lines(
            "For {act}: what from your area belongs in it that cannot be seen from outside?",
            "For {act}: what already exists in your area, such as figures, lists or processes",
        ),
        ("talk", "junior"): Lines(
            "For {act}: which experience of your own would you like to tell, and what do you want to know "
            "from {S}?",
            "",
        ),
        ("talk", "senior"): Lines(
            "For {act}: which experience from your career fits, and what would you like to learn from {J}?",
            "For {act}: an episode from your own area that fits",
        ),
    },
}
