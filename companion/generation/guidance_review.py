"""Sentences that follow a goal's outcome kind outside the core activity: the review block of a final
session or check-in, a goal-specific question for getting to know each other and for the ground rules,
what each side prepares and brings, and what each side reflects on afterwards.

Keys are ``<use>_<kind>`` with the kinds of :mod:`~companion.generation.goals`; ``|`` separates
variants that the goal's text picks (one pair always reads the same, two pairs with other goals read
differently). ``{J}``/``{S}`` are the names of the junior and senior side. Goals never fill a verb
slot here: the review block shows the goal as a labelled line before these sentences.
"""

from __future__ import annotations

from typing import Final

from companion.generation.guidance_phrases import variant

R: Final[dict[str, dict[str, str]]] = {
    "de": {
        "rev_t_understand": "Was ihr heute anders seht als zu Beginn",
        "rev_t_try": "Was vom Ausprobieren geblieben ist",
        "rev_t_decide": "Die Entscheidung im Rückblick",
        "rev_t_produce": "Was aus dem Entwurf geworden ist",
        "rev_t_habit": "Die neue Gewohnheit im Alltagstest",
        "rev_t_connect": "Welche Kontakte entstanden sind",
        "rev_p_understand": "Ihr vergleicht eure Vermutungen vom Anfang mit dem, was ihr jetzt wisst; "
        "{J} sagt, was {S} heute anders erklärt als früher.",
        "rev_p_try": "{S} zeigt kurz, was seitdem ohne Hilfe klappt und wo es noch hakt; {J} gibt einen "
        "Tipp für den nächsten Schritt allein.",
        "rev_p_decide": "Ihr schaut, ob die Entscheidung gefallen ist, wie sie im Team angekommen ist und "
        "was ihr heute anders abwägen würdet.",
        "rev_p_produce": "Ihr legt das Ergebnis auf den Tisch: Wird es genutzt, wer pflegt es weiter, und "
        "was fehlt noch?",
        "rev_p_habit": "{S} erzählt, in welchen Wochen die neue Gewohnheit gehalten hat und wann nicht; "
        "{J} sagt, was davon im Team sichtbar ist.",
        "rev_p_connect": "Ihr geht die Kontakte durch, die ihr geknüpft habt, und entscheidet, welche ihr "
        "weiter pflegt und wer sich darum kümmert.",
        "rev_q_understand": "Welche Vermutung vom Anfang hat sich als falsch herausgestellt?|"
        "Was würdest du heute einer Kollegin erklären, die neu dazukommt?",
        "rev_q_try": "Was machst du inzwischen allein, ohne nachzufragen?|"
        "Wo bist du beim Ausprobieren hängen geblieben, und was hilft dir weiter?",
        "rev_q_decide": "Würdet ihr heute wieder so entscheiden?|"
        "Wer hat die Folgen der Entscheidung zuerst gespürt?",
        "rev_q_produce": "Wer nutzt das Ergebnis heute, und was sagen sie dazu?|"
        "Was an dem Entwurf würdet ihr heute anders machen?",
        "rev_q_habit": "In welcher Woche ist die Gewohnheit gekippt, und warum?|"
        "Was hilft dir, dabei zu bleiben, wenn es stressig wird?",
        "rev_q_connect": "Welcher Kontakt hat sich schon ausgezahlt, für wen?|"
        "Wen stellt ihr einander als Nächstes vor?",
        # first session: one question about the main goal while getting to know each other
        "meet_q_understand": "Wo bist du zuletzt auf die Frage gestoßen, die euch als Ziel beschäftigt?|"
        "Was vermutest du heute, woran es liegt?",
        "meet_q_try": "Was hast du dazu schon einmal selbst versucht?|"
        "Was traust du dir dabei schon zu, und was noch nicht?",
        "meet_q_decide": "Wer wartet bei euch auf diese Entscheidung?|"
        "Was wäre für dich eine gute Entscheidung?",
        "meet_q_produce": "Für wen soll das Ergebnis am Ende nützlich sein?|"
        "Was gibt es dazu schon, woran ihr anknüpfen könnt?",
        "meet_q_habit": "In welcher Situation der letzten Woche hättest du es gern anders gemacht?|"
        "Was hat bisher verhindert, dass sich etwas ändert?",
        "meet_q_connect": "Wen kennst du im Unternehmen, der dazu passt?|"
        "Welche Verbindung fehlt dir im Unternehmen am meisten?",
        "rules_q_understand": "Welche echten Beispiele aus dem Team dürfen wir ansehen, und wie machen wir sie unkenntlich?",
        "rules_q_try": "Auf welchem Gerät und mit welchen Zugängen dürfen wir ausprobieren?",
        "rules_q_decide": "Wer erfährt von der Entscheidung, bevor sie fällt?",
        "rules_q_produce": "Wem zeigen wir den Entwurf, bevor er fertig ist?",
        "rules_q_habit": "Wie sagst du mir, wenn ich in alte Muster falle?",
        "rules_q_connect": "Wen dürfen wir ansprechen, und in wessen Namen?",
        # the senior side's context in a regular session, by what the main goal wants (understand: the
        # general wording of guidance_phrases)
        "ctx_p_try": "{S} beschreibt den echten Vorgang aus dem eigenen Bereich, an dem ausprobiert werden soll, und welche Zugänge "
        "es gibt; {J} fragt nach, bis klar ist, wo es losgeht.",
        "ctx_p_try_pl": "{S} beschreiben den echten Vorgang aus den eigenen Bereichen, an dem ausprobiert werden soll, und welche "
        "Zugänge es gibt; {J} fragt nach, bis klar ist, wo es losgeht.",
        "ctx_p_decide": "{S} legt den Kontext offen: wer mitentscheidet, was es kosten darf und bis wann entschieden sein "
        "muss; {J} fragt nach, was davon verhandelbar ist.",
        "ctx_p_decide_pl": "{S} legen den Kontext offen: wer mitentscheidet, was es kosten darf und bis wann entschieden "
        "sein muss; {J} fragt nach, was davon verhandelbar ist.",
        "ctx_p_produce": "{S} erzählt aus dem eigenen Bereich, wer das Ergebnis nutzen wird, welche Vorgaben gelten und wer es "
        "freigibt; {J} notiert, was der Entwurf leisten muss.",
        "ctx_p_produce_pl": "{S} erzählen aus den eigenen Bereichen, wer das Ergebnis nutzen wird, welche Vorgaben gelten und wer es "
        "freigibt; {J} notiert, was der Entwurf leisten muss.",
        "ctx_p_habit": "{S} beschreibt eine typische Woche im eigenen Bereich und wo die alte Gewohnheit auftaucht; {J} fragt "
        "nach, was sie bisher am Leben hält.",
        "ctx_p_habit_pl": "{S} beschreiben eine typische Woche in den eigenen Bereichen und wo die alte Gewohnheit auftaucht; {J} "
        "fragt nach, was sie bisher am Leben hält.",
        "ctx_p_connect": "{S} erzählt aus eigener Erfahrung, wer im Unternehmen dazu etwas zu sagen hat und welche Verbindungen "
        "fehlen; {J} fragt nach, wer zuerst angesprochen werden sollte.",
        "ctx_p_connect_pl": "{S} erzählen aus eigener Erfahrung, wer im Unternehmen dazu etwas zu sagen hat und welche Verbindungen "
        "fehlen; {J} fragt nach, wer zuerst angesprochen werden sollte.",
        # peer sessions: what of the senior side's own field serves the main goal
        "peer_q_understand": "Welches Hintergrundwissen aus deinem Fach hilft {J}, das Thema einzuordnen?",
        "peer_q_try": "Welchen Handgriff aus deinem Fach kann {J} gleich selbst ausprobieren?",
        "peer_q_decide": "Wie wägst du in deinem Fach Entscheidungen dieser Art ab?",
        "peer_q_produce": "Welche Erfahrung mit ähnlichen Ergebnissen kannst du {J} mitgeben?",
        "peer_q_habit": "Wie hast du selbst einmal eine Gewohnheit geändert, und was hat geholfen?",
        "peer_q_connect": "Wen aus deinem Netzwerk könntest du {J} vorstellen?",
        # preparation: what each side thinks about and brings, by the goal's kind
        "prep_j_understand": "Welches Beispiel aus deinem Alltag zeigt am besten, wie Jüngere das sehen?",
        "prep_j_try": "Was soll am Ende der Session ohne deine Hilfe klappen, und in welchen Schritten kommt ihr "
        "dahin?",
        "prep_j_decide": "Welche Erfahrungen aus deinem Umfeld sprechen für oder gegen die Entscheidung?",
        "prep_j_produce": "Welche Vorlage oder welches gelungene Beispiel bringst du für den Entwurf mit?",
        "prep_j_habit": "Wie lösen Jüngere das in ihrem Alltag, und was davon ist übertragbar?",
        "prep_j_connect": "Wen aus deinem Umfeld könntest du vorstellen, und was hätten beide davon?",
        "prep_s_understand": "Wo bist du zuletzt auf das Thema gestoßen, und was hat dich dabei gewundert?",
        "prep_s_try": "Was möchtest du nach der Session allein können?",
        "prep_s_produce": "Wer soll mit dem Ergebnis arbeiten, und was muss es dafür leisten?",
        "prep_s_habit": "In welcher Situation der letzten Woche hättest du es gern anders gemacht?",
        "prep_s_connect": "Welche Tür im Unternehmen kannst du öffnen, die sonst verschlossen bliebe?",
        "bring_j_understand": "Ein echtes Beispiel aus dem eigenen Alltag, das zeigt, wie Jüngere es erleben",
        "bring_j_try": "Eine kurze Schritt-für-Schritt-Anleitung, die {S} behalten kann",
        "bring_j_decide": "Zwei Beispiele aus anderen Unternehmen, eines dafür und eines dagegen",
        "bring_j_produce": "Eine Vorlage oder ein gelungenes Beispiel als Ausgangspunkt",
        "bring_j_habit": "Ein Werkzeug oder eine Routine, die dir selbst hilft",
        "bring_j_connect": "Zwei Namen aus deinem Umfeld, die dazu passen",
        "bring_s_understand": "Eine Situation aus dem eigenen Bereich, die du nicht ganz verstehst",
        "bring_s_produce": "Was es dazu schon gibt: alte Fassungen, Vorgaben, Freigabewege",
        "bring_s_habit": "Den eigenen Kalender der letzten zwei Wochen",
        "bring_s_connect": "Eine Liste der Menschen im Unternehmen, die dafür entscheiden oder mitreden",
        # reflection prompts: one question per goal, by what the goal wants
        "refl_j_understand": "Was hat sich heute für dieses Ziel geklärt, und was hast du dabei selbst gelernt?",
        "refl_s_understand": "Was hast du heute verstanden, das du vorher anders gesehen hast?",
        "refl_j_try": "Was hast du eingebracht, damit es ohne deine Hilfe klappt, und wo hakt es noch?",
        "refl_s_try": "Was hast du beim Ausprobieren gelernt, und was traust du dir jetzt allein zu?",
        "refl_j_decide": "Welche Sicht der Jüngeren hast du in die Entscheidung eingebracht, und was fehlt noch?",
        "refl_s_decide": "Was fehlt noch für die Entscheidung, und welchen nächsten Schritt macht ihr dafür?",
        "refl_j_produce": "Was hast du zum Entwurf beigetragen, und was sollte noch besser werden?",
        "refl_s_produce": "Was ist vom Entwurf schon brauchbar, und was ist dein nächster Schritt damit?",
        "refl_j_habit": "Was hast du eingebracht, damit die neue Gewohnheit im Alltag trägt?",
        "refl_s_habit": "Wann im Alltag probierst du die neue Gewohnheit zum ersten Mal aus?",
        "refl_j_connect": "Wen könntest du mit {S} zusammenbringen, und was wäre dein nächster Schritt dafür?",
        "refl_s_connect": "Welchen nächsten Schritt gehst du: Wen sprichst du als Erstes an, und bis wann?",
        "refl_j_final": "Was hast du bei diesem Ziel über das Programm gelernt, und was bleibt offen?",
        "refl_s_final": "Wie weit bist du mit diesem Ziel gekommen, und welchen nächsten Schritt gehst du allein?",
    },
    "en": {
        "rev_t_understand": "What you see differently than at the start",
        "rev_t_try": "What stayed from trying it out",
        "rev_t_decide": "The decision in hindsight",
        "rev_t_produce": "What became of the draft",
        "rev_t_habit": "The new habit in everyday use",
        "rev_t_connect": "Which contacts came about",
        "rev_p_understand": "You compare your assumptions from the start with what you know now; {J} says "
        "what {S} explains differently today.",
        "rev_p_try": "{S} briefly shows what now works without help and where it still sticks; {J} gives a "
        "tip for the next step alone.",
        "rev_p_decide": "You look at whether the decision was made, how the team took it and what you "
        "would weigh differently today.",
        "rev_p_produce": "You put the result on the table: is it used, who keeps it up to date, and what "
        "is still missing?",
        "rev_p_habit": "{S} tells in which weeks the new habit held and when it did not; {J} says what of "
        "it the team can see.",
        "rev_p_connect": "You go through the contacts you made and decide which you keep up and who takes "
        "care of them.",
        "rev_q_understand": "Which assumption from the start turned out to be wrong?|"
        "What would you explain today to a colleague who is new?",
        "rev_q_try": "What do you now do alone, without asking?|"
        "Where did you get stuck trying, and what helps you on?",
        "rev_q_decide": "Would you decide the same way today?|Who felt the consequences of the decision first?",
        "rev_q_produce": "Who uses the result today, and what do they say?|"
        "What would you do differently in the draft today?",
        "rev_q_habit": "In which week did the habit slip, and why?|What helps you stick with it when it "
        "gets busy?",
        "rev_q_connect": "Which contact has already paid off, and for whom?|Whom do you introduce to each "
        "other next?",
        "meet_q_understand": "Where did you last run into the question your goal is about?|"
        "What is your hunch today about why it is so?",
        "meet_q_try": "What have you already tried yourself?|What do you already feel able to do, and what "
        "not yet?",
        "meet_q_decide": "Who is waiting for this decision?|What would a good decision be for you?",
        "meet_q_produce": "Whom should the result be useful for in the end?|What already exists that you "
        "can build on?",
        "meet_q_habit": "In which situation last week would you have liked to act differently?|"
        "What has kept things from changing so far?",
        "meet_q_connect": "Whom do you know in the organisation who fits this?|Which connection in the "
        "organisation do you miss most?",
        "rules_q_understand": "Which real examples from the team may we look at, and how do we anonymise them?",
        "rules_q_try": "On which device and with which access may we try things out?",
        "rules_q_decide": "Who hears about the decision before it is made?",
        "rules_q_produce": "Whom do we show the draft before it is finished?",
        "rules_q_habit": "How do you tell me when I fall back into old patterns?",
        "rules_q_connect": "Whom may we approach, and on whose behalf?",
        "ctx_p_try": "{S} describes the real task from their own area it will be tried on and which access exists; {J} asks "
        "until it is clear where to start.",
        "ctx_p_try_pl": "{S} describe the real task from their own areas it will be tried on and which access exists; {J} asks "
        "until it is clear where to start.",
        "ctx_p_decide": "{S} lays open the context: who else decides, what it may cost and by when it must be decided; "
        "{J} asks what of it is negotiable.",
        "ctx_p_decide_pl": "{S} lay open the context: who else decides, what it may cost and by when it must be decided; "
        "{J} asks what of it is negotiable.",
        "ctx_p_produce": "{S} tells from their own area who will use the result, which rules apply and who approves it; {J} "
        "notes what the draft must do.",
        "ctx_p_produce_pl": "{S} tell from their own areas who will use the result, which rules apply and who approves it; {J} "
        "notes what the draft must do.",
        "ctx_p_habit": "{S} describes a typical week in their own area and where the old habit shows up; {J} asks what keeps "
        "it alive.",
        "ctx_p_habit_pl": "{S} describe a typical week in their own areas and where the old habit shows up; {J} asks what "
        "keeps it alive.",
        "ctx_p_connect": "{S} tells from experience who in the organisation has a say in this and which connections are "
        "missing; {J} asks whom to approach first.",
        "ctx_p_connect_pl": "{S} tell from experience who in the organisation has a say in this and which connections are "
        "missing; {J} asks whom to approach first.",
        "peer_q_understand": "Which background from your field helps {J} to place the topic?",
        "peer_q_try": "Which technique from your field can {J} try right away?",
        "peer_q_decide": "How do you weigh decisions of this kind in your field?",
        "peer_q_produce": "Which experience with similar results can you pass on to {J}?",
        "peer_q_habit": "How did you once change a habit yourself, and what helped?",
        "peer_q_connect": "Whom from your network should {J} get to know?",
        "prep_j_understand": "Which example from your day-to-day best shows how younger people see it?",
        "prep_j_try": "What should {S} be able to do alone at the end, and in which steps do you get there?",
        "prep_j_decide": "Which experiences around you speak for or against the decision?",
        "prep_j_produce": "Which template or good example do you bring for the draft?",
        "prep_j_habit": "How do younger people handle this day to day, and what of it carries over?",
        "prep_j_connect": "Whom around you could you introduce, and what would both gain?",
        "prep_s_understand": "Where did you last come across the topic, and what puzzled you?",
        "prep_s_try": "What would you like to be able to do alone after the session?",
        "prep_s_produce": "Who will work with the result, and what must it do for them?",
        "prep_s_habit": "In which situation last week would you have liked to act differently?",
        "prep_s_connect": "Which door in the organisation can you open that would otherwise stay closed?",
        "bring_j_understand": "A real example from your own day-to-day that shows how younger people experience it",
        "bring_j_try": "A short step-by-step guide that {S} can keep",
        "bring_j_decide": "Two examples from other organisations, one for and one against",
        "bring_j_produce": "A template or a good example to start from",
        "bring_j_habit": "A tool or routine that helps you yourself",
        "bring_j_connect": "Two names from your circle who fit this",
        "bring_s_understand": "A situation from your own area that you do not fully understand",
        "bring_s_produce": "What already exists: old versions, rules, approval paths",
        "bring_s_habit": "Your own calendar of the last two weeks",
        "bring_s_connect": "A list of the people in the organisation who decide or have a say",
        "refl_j_understand": "What became clearer about this goal today, and what did you learn yourself?",
        "refl_s_understand": "What did you understand today that you saw differently before?",
        "refl_j_try": "What did you bring in so that it works without your help, and where does it still stick?",
        "refl_s_try": "What did you learn by trying it yourself, and what do you now feel able to do alone?",
        "refl_j_decide": "Which view of younger colleagues did you bring into the decision, and what is still missing?",
        "refl_s_decide": "What is still missing for the decision, and what is your next step towards it?",
        "refl_j_produce": "What did you contribute to the draft, and what should still get better?",
        "refl_s_produce": "What in the draft is already usable, and what is your next step with it?",
        "refl_j_habit": "What did you bring in so that the new habit holds in everyday work?",
        "refl_s_habit": "When in your working day will you try the new habit for the first time?",
        "refl_j_connect": "Whom could you bring together with {S}, and what is your next step for it?",
        "refl_s_connect": "Which next step will you take: whom will you approach first, and by when?",
        "refl_j_final": "What did you learn about this goal over the programme, and what remains open?",
        "refl_s_final": "How far have you come with this goal, and which next step will you take alone?",
    },
}


def review(lang: str, key: str, seed: str = "", **values: str) -> str:
    """The sentence ``key`` of ``lang`` filled in; of its ``|`` variants the one ``seed`` picks.
    An unknown key gives ""."""
    text = R[lang].get(key)
    if text is None:
        return ""
    return variant(lang, text, seed, values)
