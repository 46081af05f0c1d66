"""The English base sentences of the goal-driven offline agenda and preparation.

:mod:`~companion.generation.guidance_phrases` merges them with the lines by kind of goal
(:mod:`~companion.generation.guidance_phrases_kinds`) and further wordings
(:mod:`~companion.generation.guidance_variants`) into its table ``G``, and explains the
placeholders (``{J}``, ``{S}``, ``{topic}`` …) and the ``_pl`` and ``|`` conventions.
"""

from __future__ import annotations

from typing import Final

EN: Final[dict[str, str]] = {
    "goal_label": "Goal",
    "goals_label": "Goals for today",
    "own_words": "in your own words",
    "later_label": "For a later session",
    "q": "“{}”",
    "out_understand": "two sentences in which you say what you now see differently",
    "out_try": "a first attempt of your own and an idea of what to change on the second",
    "out_decide": "a decision with its reasons, or the one piece of information still missing for it",
    "out_produce": "a first draft and the name of who finishes it",
    "out_habit": "one small habit that starts tomorrow, and a date to check on it",
    "out_connect": "the names of the people you bring together, and who makes the first contact",
    "outcome": "Outcome: {text}.",
    "kq_understand": "What surprises you in the example, and what matches your own experience?|"
    "How would you notice in your own area that it is the same there?|"
    "Which question on this have you long wanted to ask someone younger?",
    "kq_try": "What do you try yourself first, and what do you need for it?|"
    "Where did you hesitate while trying, and why?|"
    "What would you do differently on the second attempt?",
    "kq_decide": "What speaks for it in your view, and what against?|"
    "Which information is still missing to decide, and who can get it?|"
    "Who needs a say in the decision so that it holds?",
    "kq_produce": "What must the draft contain at least to be useful day to day?|"
    "Who will read or use the result, and what does that person expect?|"
    "Which part of the draft is done today, and which is not?",
    "kq_habit": "In which situation next week do you try the new habit for the first time?|"
    "What has kept you from doing it differently so far?|"
    "How will your team notice that something has changed?",
    "kq_connect": "Whom from your circles should you bring together, and why that person?|"
    "Which door can you open that would otherwise stay closed?|"
    "What would both sides gain from the contact?",
    "ctxq": "What has been tried on this so far, and with what result?|"
    "Who is involved in this in your organisation, and who decides?|"
    "Which figures or experiences from your area exist on this already?",
    "close_understand": "What will you do with what you saw in {act} before you next meet?",
    "close_try": "Where will you try it a second time before you next meet, on your own?",
    "close_decide": "Who tells whom about the decision, and by when?",
    "close_produce": "Who finishes the draft, and by when?",
    "close_habit": "From when does the new habit apply, and when do you check on it together?",
    "close_connect": "Who makes the first contact, and by when?",
    "close_card": "Agree: {text}. Who takes on what, and by when?",
    "j_wish_t": "What {J} would like for the second half",
    "j_wish_p": "{J} says which topics are open, where more should be put into practice and how the "
    "role of mentor feels so far.",
    "j_wish_p_pl": "{J} say which topics are open, where more should be put into practice and how the "
    "role of mentor feels so far.",
    "gen_understand_t": "Change of perspective: how it looks from the other side",
    "gen_understand": "{J} shows a real example from their own day-to-day and how it looks to younger "
    "colleagues; {S} asks questions and notes what is surprising.",
    "gen_understand_pl": "{J} show real examples from their own day-to-day and how it looks to younger "
    "colleagues; {S} ask questions and note what is surprising.",
    "gen_try_t": "Trying it yourself, with guidance",
    "gen_try": "{S} tries it on their own device or on a real task; {J} guides without taking over "
    "the mouse.",
    "gen_try_pl": "{S} try it on a real task; {J} guides without taking over the mouse.",
    "gen_decide_t": "Weigh it up and decide",
    "gen_decide": "Together you collect what speaks for and against it; {J} brings in how younger "
    "colleagues see it, {S} the conditions in the organisation.",
    "gen_produce_t": "Build a first draft together",
    "gen_produce": "{J} sketches a first draft and {S} adds what the organisation needs from it; you "
    "work on the real material, not on an example.",
    "gen_habit_t": "Change one small habit",
    "gen_habit": "{S} describes a typical week; together you look for the one place where a small "
    "change has the most effect, and {J} tells how younger colleagues handle it.",
    "gen_connect_t": "Bring people together",
    "gen_connect": "You work out whom to bring together and why; {J} names colleagues from their own "
    "circles, {S} opens doors in the organisation.",
    "open_t": "Arrive and set today's aim",
    "open_t_tech": "Arrive: what was tried since last time",
    "open_t_culture": "Arrive: what you noticed since you last met",
    "open_p": "Arrive and pick up the thread from last time; then it is clear what you work towards today.",
    "open_p_decide": "Arrive and note what should be decided today and what needs to be on the table for it.",
    "open_p_produce": "Arrive and agree what should exist as a draft at the end of the hour.",
    "open_p_try": "Arrive and agree what will be tried today, and on which device.",
    "open_p_habit": "Arrive and tell where the old habit showed up since last time, and where it "
    "already went differently.",
    "open_p_connect": "Arrive and note whom you want to bring together today, and why.",
    "open_q_prev": "What came of what you planned after {prev}?",
    "open_q_1": "What have you noticed or tried on the topic since you last met?",
    "open_q_2": "How will you know at the end that this session was worth it?",
    "ctx_t": "How things stand for {S} today",
    "ctx_t_pl": "How things stand for {S} today",
    "ctx_p": "{S} describes the situation in their own area: who is involved, what has been tried and "
    "which figures or experiences exist. {J} listens and asks.",
    "ctx_p_pl": "{S} describe the situation in their areas: who is involved, what has been tried and "
    "which figures or experiences exist. {J} listen and ask.",
    "stories_t": "Two stories: how you experienced it yourselves",
    "stories_p": "Each side tells an experience of their own, {J} from starting work or from friends, "
    "{S} from their own career; then you look for what is alike and what is not.",
    "nontech_t": "The non-technical angle: what changes for people and collaboration",
    "nontech_p": "Beyond the tool: what changes for expectations, trust and leadership in {S}'s team?",
    "nontech_q": "{head}: what does this mean for your team",
    "nontech_point": "Talking point: {text}",
    "peer_t": "Switching sides: {S} teaches",
    "peer_p": "In the peer format both learn: {S} shows {J} something from their own field that {J} "
    "needs for their own development.",
    "peer_p_exp": "In the peer format both learn: {S} shows {J} something from their own field ({exp}) "
    "that {J} needs for their own development.",
    "peer_q_j": "What would you like {S} to show you today?",
    "peer_q_s": "Which experience from your career helps {J} most right now?",
    "group_round": "In turn, {J} each bring an example of their own.",
    "project_t": "Where the project stands",
    "project_p": "{J} shows what has been built since the last meeting; {S} checks it against what the "
    "organisation needs.",
    "project_p_pl": "{J} show what has been built since the last meeting; {S} check it against what "
    "the organisation needs.",
    "project_q": "What is done, what is stuck, and who needs support with what?",
    "project_ctx_t": "What putting it into practice needs here",
    "project_ctx_p": "{S} puts into context what an introduction needs here, such as data protection, "
    "the works council, budget or customer requirements, and shares experience from earlier roll-outs.",
    "project_ctx_p_pl": "{S} put into context what an introduction needs here, such as data protection, "
    "the works council, budget or customer requirements, and share experience from earlier roll-outs.",
    "close_t": "Agree who does what by when",
    "close_t_decide": "Record the decision and the next steps",
    "close_t_produce": "Hand over the draft and the next steps",
    "close_t_try": "What you will try before next time",
    "close_p": "What you worked out today becomes one concrete step with a name and a date.",
    "close_q_out": "Who takes care of this, and by when: {text}",
    "close_q_next": "Which date do you put in the calendar for the next session, and with which topic?",
    "close_q_later": "Which of the open goals do you take on first?",
    "first_meet_t": "Getting to know each other: more than job titles",
    "first_meet_p": "{J} and {S} talk about their paths, what brought them here and something personal "
    "beyond the job description.",
    "first_meet_q_topic": "Topic {topic}: what do you personally connect with it?",
    "first_rules_t": "Ground rules: what stays between you",
    "first_rules_p": "You share your expectations and agree what stays confidential, how often you meet, how you move a date and "
    "that either of you may say at any time when something does not fit: taking part is voluntary.",
    "first_rules_q1": "What stays between us, and what may we tell our teams?",
    "first_rules_q2": "Who suggests a new date when something comes up?",
    "first_topics_t": "Topics for the next sessions",
    "first_topics_p": "{J} suggests topics; together you choose two or three, at least one about "
    "culture or collaboration, not only technology.",
    "first_topics_p_pl": "{J} suggest topics; together you choose two or three, at least one about "
    "culture or collaboration, not only technology.",
    "mood_t": "Half-time check",
    "mood_p": "Both give a short, honest verdict, for example on a scale from 1 to 10, and say what is "
    "missing for the next number up.",
    "progress_t": "Where you stand on your goals",
    "progress_p": "Goal by goal: what is reached, what is stuck and what you drop.",
    "progress_q": "What brought you closest to one of your goals?",
    "s_view_t": "What {S} has put into practice",
    "s_view_p": "{S} reports what runs differently in their own work since the start and where it "
    "still sticks; {J} says what of it reaches the team.",
    "s_view_p_pl": "{S} report what runs differently in their own work since the start and where it "
    "still sticks; {J} says what of it reaches the team.",
    "j_view_t": "What {J} takes away",
    "j_view_p": "{J} tells what teaching taught them, about leadership, the organisation and their own "
    "role, and gives {S} open feedback.",
    "j_view_p_pl": "{J} tell what teaching taught them, about leadership, the organisation and their "
    "own roles, and give {S} open feedback.",
    "plan_t": "Plan the second half",
    "plan_p": "Adjust topics, rhythm or format and fix the next session with its topic.",
    "retro_close_t": "How it goes on after the programme",
    "retro_close_p": "You note what stays, which recommendation the coordinators get and whether and "
    "how you continue, and agree on a next date if you do: both sides should have gained something.",
    "retro_q_rec": "Which recommendation do you give the coordinators for the next round?",
    "retro_q_go_on": "Do you want to keep meeting, and in what form?",
    "prep_title": "Preparing {session} – {topic}",
    "prep_s_decide": "What needs to be on the table so that you can decide today?",
    "bring_s_decide": "What is known for the decision: costs, people involved, deadlines",
    "no_card": "The knowledge base has no card on {topic}; the agenda follows your goals and the "
    "general patterns.",
}
