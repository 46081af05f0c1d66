"""Further wordings of the frame sentences every session of a kind has (getting to know each other,
ground rules, mood, the senior's and the junior's view, the way forward).

:mod:`~companion.generation.guidance_phrases` appends them to its sentences as ``|`` variants, and the
composer picks one by the pair's goals: the frame stays, but two pairs (or one pair with other goals)
do not read a form with the same words. ``{J}``/``{S}`` are names; ``_pl`` keys are the plural forms.
"""

from __future__ import annotations

from typing import Final

VARIANTS: Final[dict[str, dict[str, str]]] = {
    "de": {
        "close_p_out": "Am Ende steht, was herauskam ({text}); daraus wird ein nächster Schritt mit Namen "
        "und Datum.|Ihr sichert das Ergebnis ({text}) und legt fest, wer bis wann den nächsten Schritt geht.",
        "project_p": "{J} stellt den Stand seit dem letzten Treffen vor; {S} hält ihn gegen das, was das "
        "Unternehmen braucht.|Was ist seit dem letzten Mal entstanden? {J} zeigt es am echten Material, {S} "
        "fragt nach, was im Alltag trägt.",
        "project_p_pl": "{J} stellen den Stand seit dem letzten Treffen vor; {S} halten ihn gegen das, was "
        "das Unternehmen braucht.|Was ist seit dem letzten Mal entstanden? {J} zeigen es am echten "
        "Material, {S} fragen nach, was im Alltag trägt.",
        "project_q": "Woran hängt es gerade, und wer kann helfen?|Was ist seit dem letzten Treffen fertig "
        "geworden?",
        "open_p": "Ein kurzer Einstieg: Was ist seit dem letzten Treffen passiert, und was soll heute "
        "herauskommen?|Erst ankommen, dann das Ziel für heute in einem Satz festhalten.",
        "open_p_decide": "Ein kurzer Einstieg: Was muss bekannt sein, damit ihr heute entscheiden "
        "könnt?|Erst ankommen, dann klären, worüber heute entschieden wird.",
        "open_p_produce": "Ein kurzer Einstieg: Was soll am Ende als Entwurf vorliegen?|Erst ankommen, "
        "dann festhalten, welches Ergebnis ihr heute baut.",
        "open_p_try": "Ein kurzer Einstieg: Was wird heute selbst ausprobiert, und ist alles "
        "eingerichtet?|Erst ankommen, dann Gerät und Zugänge fürs Ausprobieren klären.",
        "first_meet_p": "Bevor es um Inhalte geht: {J} und {S} erzählen vom eigenen Weg bis heute und "
        "von dem, was außerhalb der Arbeit wichtig ist."
        "|Ein Gespräch ohne Jobtitel: "
        "Werdegang, ein prägender Moment und warum ihr beim Programm mitmacht.",
        "first_rules_p": "Ihr sprecht über eure Erwartungen aneinander und vereinbart, was vertraulich "
        "bleibt und wie oft ihr euch seht. Beide dürfen jederzeit sagen, wenn etwas nicht passt: Die "
        "Teilnahme ist freiwillig.|Erwartungen, Rhythmus, Absagen: Ihr haltet fest, was vertraulich unter "
        "euch bleibt, wie oft ihr euch trefft und dass beide jederzeit aussteigen dürfen, denn mitmachen "
        "ist freiwillig.",
        "mood_p": "Jede Seite sagt in zwei Sätzen, wie es bisher läuft und was gefehlt hat.|Ein ehrlicher "
        "Blick zurück: Was hat sich gelohnt, was war zäh, und was wünscht ihr euch anders?",
        "j_view_p": "{J} sagt, was das Programm für die eigene Entwicklung gebracht hat, was {J} über "
        "das Unternehmen gelernt hat und was {S} wissen sollte.|Jetzt ist {J} dran: was das Erklären "
        "gelehrt hat und welche offene Rückmeldung {S} mitnimmt.",
        "j_wish_p": "{J} sagt, was bisher zu kurz kam und worauf es in der zweiten Hälfte ankommen "
        "soll.|Aus Sicht von {J}: Welche Themen sind offen, und wo soll mehr umgesetzt werden?",
        "first_topics_p": "{J} bringt Themenideen ein; zusammen wählt ihr zwei oder drei, darunter "
        "mindestens eines zu Kultur oder Zusammenarbeit.|Gemeinsam sammelt ihr Themen für die nächsten "
        "Treffen; {J} schlägt vor, und mindestens ein Thema betrifft Menschen und Zusammenarbeit.",
    },
    "en": {
        "close_p_out": "At the end, what came out ({text}) becomes one next step with a name and a date.|"
        "You secure the result ({text}) and agree who takes the next step by when.",
        "project_p": "{J} presents where things stand since last time; {S} holds it against what the "
        "organisation needs.|What has been built since last time? {J} shows it on the real material, {S} "
        "asks what will hold up day to day.",
        "project_p_pl": "{J} present where things stand since last time; {S} hold it against what the "
        "organisation needs.|What has been built since last time? {J} show it on the real material, {S} "
        "ask what will hold up day to day.",
        "project_q": "What is holding things up, and who can help?|What got finished since the last session?",
        "open_p": "A short start: what happened since last time, and what should come out today?|Arrive "
        "first, then put today's aim into one sentence.",
        "open_p_decide": "A short start: what must be known so that you can decide today?|Arrive first, "
        "then clarify what gets decided today.",
        "open_p_produce": "A short start: what should exist as a draft at the end?|Arrive first, then note "
        "which result you build today.",
        "open_p_try": "A short start: what gets tried out today, and is everything set up?|Arrive first, "
        "then sort out device and access for trying it.",
        "first_meet_p": "Before any content: {J} and {S} tell how they got to where they are today and "
        "what moves them outside work.|A conversation without job titles: your paths, one formative "
        "moment and why you joined the programme.",
        "first_rules_p": "You talk about your expectations of each other and agree what stays "
        "confidential and how often you meet. Either of you may say at any time when something does not "
        "fit: taking part is voluntary.|Expectations, rhythm, cancellations: you note what stays "
        "confidential between you, how often you meet and that either of you may step out at any time, "
        "because taking part is voluntary.",
        "mood_p": "Each side says in two sentences how it has gone so far and what was missing.|An honest "
        "look back: what was worth it, what was slow, and what do you want to be different?",
        "j_view_p": "{J} says what the programme brought for their own development, what they learned "
        "about the organisation and what {S} should know.|Now it is {J}'s turn: what explaining taught "
        "them and which open feedback {S} takes away.",
        "j_wish_p": "{J} says what has fallen short so far and what should matter in the second half.|From "
        "{J}'s view: which topics are open, and where should more be put into practice?",
        "first_topics_p": "{J} brings topic ideas; together you choose two or three, at least one about "
        "culture or collaboration.|Together you collect topics for the next sessions; {J} suggests, and "
        "at least one topic is about people and collaboration.",
    },
}
