"""Word lists and patterns the deterministic evaluators use, in German and English.

Kept apart from the composers on purpose: the evals must not reuse the code they judge (for example
``companion.generation.safety``), or a blind spot there would become a blind spot here too.
Patterns are matched case-insensitively against text from which the user's own words (quoted goals,
reflection sentences) have been removed where that matters; see :mod:`evals.textutil`.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE | re.UNICODE


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), _F)


def _words(text: str) -> list[str]:
    return text.split()


# Commanding or condescending phrasing toward the junior or the senior (eye level). Each entry is a
# phrase the seeds or the knowledge cards name as a warning sign, or an obvious relative of one.
TOP_DOWN = _any(
    # "Erklär mir mal ...", "Erklären Sie mir ...": the senior orders an explanation (seed 003, Fehler 2).
    r"\berklär(?:e|en\s+sie|t)?\s+(?:\w+\s+){0,3}?(?:mir|uns)\s+(?:mal|kurz|schnell|eben)\b",
    r"\berklär(?:e|en\s+sie)?\s+mir\b",
    r"\b(?:zeig|bring)\w*\s+mir\s+(?:mal|kurz|schnell|eben)\b",
    r"\bmein(?:e|em|en)?\s+(?:junior\w*|azubi\w*|praktikant\w*|nachwuchs\w*|mitarbeiter\w*)\s+"
    r"(?:soll|muss|hat\s+\w+\s+zu|kann\s+mir)\b",
    r"\b(?:der|die|das|ein|eine)\s+junior\w*\s+(?:soll|muss)\s+(?:mir|uns|dem\s+senior\w*|der\s+senior\w*)\b",
    r"\bjunior\w*\s+(?:soll|muss)\s+(?:\w+\s+){0,5}?(?:erklär|beibring|vorführ|vortrag)\w*",
    r"\b(?:der|die)\s+senior\w*\s+(?:entscheidet|bestimmt|ordnet\s+an|gibt\s+vor)\b",
    r"\b(?:prüf|bewert|benot|kontrollier)\w*\s+(?:den|die)\s+junior\w*",
    r"\bdu\s+(?:musst|hast\s+zu)\b(?!\s+(?:nicht|kein))",
    r"\bsie\s+müssen\s+endlich\b",
    r"\bgefälligst\b",
    r"\bohne\s+widerrede\b",
    r"\bhör\s+(?:gut|genau)\s+zu\b",
    r"\bfür\s+dummies\b",
    r"\b(?:selbst|sogar)\s+(?:du|sie)\s+(?:verstehst|verstehen|kannst|können|schaffst|schaffen)\b",
    r"\b(?:du|sie|er|der\s+senior|die\s+seniorin)\s+(?:hast|haben|hat)\s+(?:doch\s+)?keine\s+ahnung\b",
    r"\bzu\s+alt\s+(?:für|um)\b",
    r"\b(?:ok(?:ay)?,?|alte[rn]?|typisch(?:e[rn]?)?)\s+boomer\w*\b",
    r"\bdinosaurier\b",
    r"\bewig\s*gestrig\w*\b",
    r"\bvon\s+gestern\b",
    r"\bgrünschnab\w*\b",
    r"\bfrischling\w*\b",
    r"\bjunges\s+gemüse\b",
    r"\bdie\s+jugend\s+von\s+heute\b",
    # English
    r"\bexplain\s+(?:\w+\s+){0,4}?to\s+me\b",
    r"\bexplain\s+me\b",
    r"\b(?:just|simply|quickly)\s+(?:show|tell|explain|teach)\s+me\b",
    r"\bmy\s+(?:junior|intern|trainee|apprentice|subordinate)s?\s+(?:should|must|has\s+to|have\s+to|needs\s+to|"
    r"need\s+to|is\s+going\s+to|will)\b",
    r"\bthe\s+junior\s+(?:must|has\s+to|needs\s+to|shall|should)\s+(?:\w+\s+){0,4}?(?:explain|teach|present|brief)\w*",
    r"\bthe\s+senior\s+(?:decides|dictates|orders|instructs)\b",
    r"\b(?:grade|grades|test|tests|examine|examines|assess|assesses)\s+the\s+junior\b",
    r"\byou\s+must\b(?!\s+not)",
    r"\bdo\s+as\s+(?:i\s+say|you(?:'re|\s+are)\s+told)\b",
    r"\blisten\s+(?:up|carefully)\b",
    r"\bfor\s+dummies\b",
    r"\beven\s+you\s+(?:can|could|will)\b",
    r"\b(?:you|they|he|she)\s+(?:have|has)\s+no\s+(?:idea|clue)\b",
    r"\bclueless\b",
    r"\btoo\s+old\s+(?:for|to)\b",
    r"\bout\s+of\s+touch\b",
    r"\bstuck\s+in\s+the\s+past\b",
    r"\bdinosaurs?\b",
    r"\bkids\s+these\s+days\b",
    r"\b(?:whippersnappers?|greenhorns?)\b",
    r"\b(?:ok(?:ay)?,?|typical)\s+boomers?\b",
)

# fmt: off

# The junior brings or shows their expertise (eye level in preparation questions).
JUNIOR_EXPERT = _any(
    r"\bzeig", r"\bbeispiel", r"\bdemo\b", r"\berfahrung", r"\balltag", r"\bsicht\b", r"\bmitbring",
    r"\beinbring", r"\bnutzt\b", r"\bverwendest\b", r"\bexpert", r"\bfachperson", r"\bempfiehl",
    r"\bmentor", r"feedback", r"rückmeld", r"\bshow", r"\bexample", r"\bexperience", r"\bday-to-day\b",
    r"\beveryday\b", r"\bdaily\b", r"\bview\b", r"\bperspective", r"\bbring", r"\byou\s+use\b",
    r"\brecommend",
)

# The senior learns, understands, tries or revises an assumption (senior as learner).
LEARNER = _any(
    r"versteh", r"verstanden", r"ausprobier", r"\blern", r"gelernt", r"\bneu", r"neugierig", r"annahme",
    r"überrasch", r"veränder", r"\banders\b", r"mitnehm", r"\bnimmst\b", r"erfahren\b", r"understand",
    r"understood", r"\btry", r"\btried\b", r"\blearn", r"\bnew", r"curious", r"assumption", r"surpris",
    r"\bchang", r"differently", r"take\s*-?\s*away", r"discover",
)

# The senior shares context or experience (dialogue).
EXPERIENCE = _any(
    r"erfahrung", r"kontext", r"einordn", r"erzähl", r"\bteil(?:t|en|st)\b", r"berufsweg", r"laufbahn",
    r"karriere", r"hintergr", r"geschichte", r"arbeitswelt", r"strategi", r"entscheidung", r"weitergeb",
    r"\bbereich", r"berufsleben", r"geprägt", r"experience", r"context", r"\bshar(?:e|es|ed|ing)\b",
    r"career", r"background", r"\bstor(?:y|ies)\b", r"working\s+world", r"strateg", r"decision",
    r"pass\s+on", r"\byour\s+area\b", r"working\s+life", r"shaped",
)

# A non-technical angle: culture, expectations, ways of working, leadership, people.
NON_TECHNICAL = _any(
    r"kultur", r"erwart", r"zusammenarbeit", r"arbeitsweise", r"arbeitswelt", r"\bführung",
    r"\bwerte\b", r"\bmenschen\b", r"nicht-technisch", r"jenseits\s+der\s+technik", r"generation",
    r"\bhaltung\b", r"vertrauen", r"\bsinn\b", r"vielfalt", r"diversit", r"inklusi", r"miteinander",
    r"teamgeist", r"culture", r"\bexpect", r"collaborat", r"ways?\s+of\s+working", r"working\s+world",
    r"leadership", r"\bvalues\b", r"\bpeople\b", r"non-technical",
    r"beyond\s+the\s+(?:technology|tool)", r"\btrust\b", r"purpose", r"diversity", r"inclusi",
    r"working\s+together",
)

# A concrete next step in the closing item.
NEXT_STEP = _any(
    r"nächste[nrs]?\s+(?:schritt|treffen|termin|session|mal|thema)", r"\bbis\s+wann\b",
    r"\bbis\s+zu[mr]\b", r"\bab\s+wann\b", r"vereinbar", r"festhalten", r"festlegen", r"\btermin",
    r"kalender", r"vorhaben", r"wer\s+bereitet", r"wie\s+es\s+weitergeht",
    r"next\s+(?:step|meeting|session|time|date|topic)", r"\bby\s+when\b", r"\bfrom\s+when\b",
    r"before\s+(?:you|we)\s+(?:next\s+)?meet", r"\bagree", r"\bcommit", r"calendar", r"who\s+prepares",
    r"what\s+happens\s+next", r"\bdeadline\b",
)

# A first session: getting to know each other, and expectations.
FIRST_SESSION = (
    _any(r"kennenlern", r"einander\s+kennen", r"vorstell", r"getting\s+to\s+know", r"get\s+to\s+know",
         r"know\s+each\s+other", r"introduc"),
    _any(r"erwartung", r"expectation"),
)

# A final session: looking back, and how things continue.
FINAL_SESSION = (
    _any(r"rückblick", r"zurückblick", r"zurückschau", r"bilanz", r"retrospektiv", r"gelernt", r"mitnimmt",
         r"mitnehm", r"look(?:ing)?\s+back", r"retrospective", r"taking\s+stock", r"learn(?:ed|t)",
         r"takes?\s+away"),
    _any(r"fortsetz", r"weitergeh", r"empfehl", r"weitermach", r"continu", r"recommend", r"carry\s+on",
         r"what\s+happens\s+next", r"going\s+forward"),
)

# fmt: on

# Instructions aimed at a model. Used both to find injected text in the inputs and to make sure the
# output does not carry any of it.
INJECTION = _any(
    r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}?\b(?:instruction|prompt|rule|above|previous|"
    r"prior|system|guideline)s?\b",
    r"\b(?:ignorier\w*|vergiss|vergesst|missachte\w*|überschreib\w*)\b.{0,40}?\b(?:anweisung\w*|instruktion\w*|"
    r"regel\w*|prompt\w*|vorherig\w*|obig\w*|bisherig\w*)",
    r"\bsystem\s*-?\s*prompt\b",
    r"\byou\s+are\s+now\b",
    r"\bdu\s+bist\s+(?:jetzt|nun|ab\s+sofort)\b",
    r"\b(?:respond|answer|reply)\s+only\b",
    r"\bantworte\s+(?:nur|ausschließlich)\b",
    r"\b(?:print|reveal|show|output)\s+(?:your|the)\s+(?:system\s+)?(?:prompt|instructions)\b",
    r"\bgib\s+(?:deine|die)\s+(?:anweisungen|instruktionen|systemanweisung\w*)\b",
    r"\bjailbreak\b",
    r"\bdeveloper\s+mode\b",
    r"</?\s*(?:system|assistant|instructions?|pair_data|session|knowledge)\s*>",
    r"\[/?(?:inst|system)\]",
)

# fmt: off

# Stop words for the language detector. Words spelled the same in both languages (in, was, also, so,
# an, am, will, war, man, hat, die as an English verb ...) are left out so they cannot tip the balance.
STOP_DE = frozenset(_words("""
    aber als auch auf aus bei beim bis bist dafür damit dann das dass dein deine deinem deinen deiner
    dem den denn der des diese diesem dieser dieses du eigene eigenen ein eine einem einen einer eines
    es etwas euch euer eure eurem euren für gemeinsam gibt haben hast heute hier ich ihr ihre ihrem
    ihren im ist jetzt kann kannst kein keine können mehr mich mir mit möchte möchtest nach nicht noch
    nur ob oder schon sehr sein seine seiner selbst sich sie sind soll sollte sowie statt und uns unser
    unsere vom von warum weil welche welchen welcher welches wem wen wenn wer werden wie willst wir
    wird wo wurde zu zum zur zwischen über
"""))

STOP_EN = frozenset(_words("""
    about after and any are as at be been before being between but by can could did do does don't done
    each for from has have he her his how how's if into is it it's its just like made make me more my
    next not of on only or other our out own she should some than that the their them then there these
    they this those to today together up us want wants we were what what's when where which who why
    with would you your yours
"""))

# Meta words a summary may use around what the reflections say (who said it, that it is a next step).
SCAFFOLD = frozenset(_words("""
    agree agreed austausch beide beiden both concrete conversation darin date exchange gelernt genannt
    gespräch hebt hervor highlight highlights junior junior-seite keinen konkret konkreten konkreter
    learned learning learnings learnt lernt lernte liegen meeting meetings mentee mention mentions
    mentor mentorin möchte möchten named nennt next nächste nächsten nächster nächstes plan plans
    reflection reflections reflexion reflexionen said says schritt schritte seite seiten senior
    senior-seite session sessions side sides sitzung step steps summary termin thema theme themen
    themes there topic topics touch treffen vereinbaren vereinbart vorkommen want wants wichtig wollen
    yet zusammenfassung nimmt nehmen takes take away weitere further herrn
"""))

# fmt: on
