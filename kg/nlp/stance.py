"""What an attributed actor says: the act and the side taken (the claim: kg.nlp.claims).

A stance trigger states its own act (`lehnt ab`: rejection, oppose); a reporting
verb (`sagte`, `erklärte`) takes its act from what is reported: a stance verb or
phrase in the quotation or reported clause, a modal (`müsse`: demand, `wir
werden`: commitment, `wolle` of the speaker's side: proposal), a condition (`nur,
wenn …`: demand), and the verdict of its evaluative words (kg.nlp.verdicts). The
side is always relative to the claim phrased positively, so `nicht zustimmen`
is oppose and a negated objection (`keine Vorbehalte`) is support.

Two frames override the words: a feared consequence of something missing (`ohne X
drohe …`, `sonst …`, `wenn X nicht …, dann …`) is for X, however grim the
consequence; a warning is against what it warns of (`warnte vor X`, `warnte davor,
X zu tun`, `warnte, X drohe`) unless it is such a frame (`warnte, dass ohne X …`).
A verdict named with `nennen`/`bezeichnen` is a rejection; with `sagen` an assertion.
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.german import (CONDITIONS, CONTRAST, COORDINATORS, DEONTIC, FINITE, FIRST_PERSON,
                           FIRST_POSSESSIVES, FUTURE_AUX, NEGATION_LIMITERS, OPEN_QUESTIONS, PERSONAL_SUBJECTS, PURPOSES,
                           SELF_OR_ANYONE, SPEAKER_PRONOUNS, WOULD)
from kg.nlp.article_actors import Mention
from kg.nlp.scope import attributive, prohibition_polarity
from kg.nlp.claim_frame import QUOTES
from kg.nlp.frames import consequence_frame
from kg.nlp.cues import in_pp, noun_trigger, verb_trigger
from kg.nlp.sentence_view import Hit, SentenceView, clause_of
from kg.nlp.verdicts import flip, negation_before, predicative_verdict, verdict_of

NEEDED = resources.word_class("needed")
NAMING = resources.word_class("naming")
WARNING = resources.word_class("warning")
COURTS = tuple(sorted(resources.word_class("court")))
GOVERNING = resources.word_class("governing")
EXPECTING = resources.word_class("expecting")
SCARE_QUOTE = 4  # words: a quoted name pinned on something, not a quoted statement


def act_of(v: SentenceView, hit: Hit, holder: Mention | None = None) -> tuple[str, int]:
    """Act and polarity: the trigger's own, or for reporting verbs what is reported. A court
    finds rather than acts: its rulings are assertions (a prohibition against what it
    forbids), only what it says must be done is a demand."""
    act, pol = _act_of(v, hit, holder)
    if holder is None or not (holder.actor or "").lower().endswith(COURTS):
        return act, pol
    if act == "demand" and _forbids(v, hit, holder):
        return "assertion", -1
    return ("demand" if act == "demand" else "assertion"), pol


def _forbids(v: SentenceView, hit: Hit, holder: Mention | None) -> bool:
    """`dürften nicht abgewiesen werden`: a ruling that forbids."""
    content = _content_indices(v, hit, holder) if hit.trigger.report else v.seg_tokens(v.segs[hit.i])
    return any(v.toks[i].lemma_ == "dürfen" for i in content) and _negated(v, content)


def _act_of(v: SentenceView, hit: Hit, holder: Mention | None = None) -> tuple[str, int]:
    trig = hit.trigger
    if trig.report:
        return _reported(v, hit, holder)
    if v.toks[hit.i].lemma_ in WARNING or _phrase_words(v, hit) & WARNING:  # `warnte`, `schlug Alarm`
        return _warning(v, hit, holder)
    seg_toks = v.seg_tokens(v.segs[hit.i])
    own = _phrase_words(v, hit)
    neg = _negated(v, [i for i in seg_toks if v.toks[i].lower_ not in own]) or \
        (hit.evidence == "noun" and negation_before(v, hit.i)) or \
        _companion_negated(v, seg_toks, own)  # `hat keine Bedenken`
    act, pol = flip(trig, neg, noun=hit.evidence == "noun")
    if act in ("support", "rejection") and hit.evidence in ("verb", "phrase") and _future(v, seg_toks):
        act = "commitment"  # `wird dem Vorschlag nicht zustimmen`: an announced vote
    if hit.evidence == "modal" and pol > 0 and _undoes(v, hit.i):
        pol = -1  # `will das Gesetz kippen`: a plan against it
    if hit.evidence != "noun" and act in ("commitment", "demand", "proposal") and pol > 0:
        reported = _content_indices(v, hit, holder)
        content = [j for j in reported if v.segs[j] != v.segs[hit.i]]
        inner = [verb_trigger(v, j, v.toks[j]) for j in content if v.toks[j].tag_.startswith("VV")]
        if any(h and h.trigger.polarity < 0 and (h.trigger.act == "commitment" or h.evidence == "phrase"
                                                 or (h.trigger.act == "rejection" and _zu_infinitive(v, h.i)))
               for h in inner) or _against(v, reported + seg_toks):
            pol = -1  # demanding to stop something, or to vote against it, opposes it
        elif act == "demand" and content and _negated(v, content) and not any(h and h.trigger.polarity < 0
                                                                              for h in inner):
            pol = prohibition_polarity(v, content)  # `forderte, dass es keine X geben dürfe`
    return act, pol


def _zu_infinitive(v: SentenceView, i: int) -> bool:
    """`abzulehnen`, `zu verzichten`: the direct complement of a demand or announcement."""
    return v.toks[i].tag_ == "VVIZU" or (i > 0 and v.toks[i - 1].tag_ == "PTKZU")


def _companion_negated(v: SentenceView, seg_toks: list[int], own: set[str]) -> bool:
    """`hat keine Bedenken`: a negation right before a phrase's own word (which the rule for
    negated objections would otherwise skip); `hält wenig von` has its negation built in."""
    neg = resources.negations() - own
    return any(v.toks[j - 1].lower_ in neg for j in seg_toks
               if j and v.toks[j].lower_ in own and v.toks[j].lower_ not in resources.negations())


def _undoes(v: SentenceView, modal: int) -> bool:
    """Does the infinitive a modal governs take something back (`kippen`, `ablehnen`, `stoppen`)?
    Not when a second one says what comes instead (`abschaffen und durch „X“ ersetzen`)."""
    end = next((j for j in range(modal + 1, len(v.toks)) if v.toks[j].text in (",", ";", ".", ":")
                and not v.mask[j]), len(v.toks))
    verbs = [resources.verbs().get(v.toks[i].lemma_) for i in range(modal + 1, end) if v.toks[i].tag_ == "VVINF"]
    return bool(verbs) and all(t and t.polarity < 0 and not t.report for t in verbs)


def _against(v: SentenceView, idx: list[int]) -> bool:
    """`dagegen vorzugehen`, `werde dagegen kämpfen`: the pronominal `dagegen` of an action
    (right before its verb) -- not the contrastive `Die SPD dagegen fordert …`; `gegen X zu
    protestieren`: a clause of action that opens with `gegen`."""
    for i in idx:
        if _against_clause(v, i):
            return True
        if v.toks[i].lower_ != "dagegen":
            continue
        nxt = [t for t in v.toks[i + 1:i + 3] if not t.is_punct]
        if nxt and (nxt[0].tag_ in ("VVINF", "VVIZU", "VVPP", "PTKZU", "VAINF")
                    or (len(nxt) > 1 and nxt[0].tag_ == "PTKZU" and nxt[1].tag_.startswith("VV"))):
            return True
    return False


def _against_clause(v: SentenceView, i: int) -> bool:
    """`…, gegen die Schließung zu protestieren`, `…, gemeinsam gegen X zu streiken`: `gegen`
    in a zu-infinitive clause, not after a noun whose complement it is (`Verstöße gegen X zu
    ahnden`, `eine Klage gegen X einzureichen`)."""
    if v.toks[i].lower_ != "gegen" or (i and v.toks[i - 1].tag_ in ("NN", "NE")):
        return False  # `Verstöße gegen X zu ahnden`: the noun's complement
    rest = [j for j in v.seg_tokens(v.segs[i]) if j > i]
    return bool(rest) and _zu_infinitive(v, rest[-1] if not v.toks[rest[-1]].is_punct else rest[-2])


def _phrase_words(v: SentenceView, hit: Hit) -> set[str]:
    """The companions of a multi-word trigger (`hält wenig von`): part of its meaning, not a negation."""
    if hit.evidence != "phrase":
        return set()
    entries = resources.phrases().get(v.toks[hit.i].lemma_, [])
    return {c.lower() for comps, trig in entries if trig == hit.trigger for c in comps}


def _warning(v: SentenceView, hit: Hit, holder: Mention | None) -> tuple[str, int]:
    """`warnte vor X`, `warnte davor, X zu tun`, `warnte, X drohe`: against the thing warned of;
    `warnte, ohne X drohe …` or `…, sonst …`: for the thing whose absence is feared; a
    warning that states a duty (`dürfe nicht scheitern`) is for what the duty protects."""
    content = _content_indices(v, hit, holder)
    own = {v.toks[i].lower_ for i in v.seg_tokens(v.segs[hit.i])}
    if consequence_frame(v, content):
        return "commitment", 1
    if own & {"vor", "davor"}:
        return "commitment", -1
    main = [i for i in content if not v.subordinate(v.segs[i]) or v.toks[v.seg_tokens(v.segs[i])[0]].text == ","]
    if not content:
        return "commitment", hit.trigger.polarity
    if {v.toks[i].lemma_ for i in main} & DEONTIC:
        return "commitment", 1
    return "commitment", -1


def _reported(v: SentenceView, hit: Hit, holder: Mention | None) -> tuple[str, int]:
    """What a reporting verb reports; a negative verdict named (`nannte … „Fehler“`,
    `sprach von „Wortbruch“`) is a rejection."""
    content = _content_indices(v, hit, holder)  # once: both steps read it, nothing changes it between
    act, pol = _reported_content(v, hit, holder, content)
    if act == "assertion" and pol < 0 and hit.evidence != "continuation" and v.toks[hit.i].lemma_ in NAMING:
        return "rejection", pol
    if content and v.toks[content[0]].tag_ == "PTKANT" and v.toks[content[0]].lemma_.lower() == "nein":
        return "rejection", -1  # `„Nein“, sagte …`: a refusal
    if pol > 0 and act == "assertion" and _contrast(v, content):
        return act, -1  # `sinnvoll dort, wo …, nicht aber flächendeckend`
    if act == "assertion" and v.toks[hit.i].lemma_ in EXPECTING and _addressee(v, content):
        return "demand", pol  # `erwartet, dass die Regierung handelt`, not `erwartet, dass die Preise steigen`
    return act, pol


def _naming(v: SentenceView, hit: Hit, holder: Mention | None) -> tuple[str, int] | None:
    """`nannte die Forderung „einen Offenbarungseid“`: a naming verb's predicate judges its
    object, so the verdict wins over a stance noun that is only the thing named; a short
    quoted name without a known verdict (`nannte den Plan „Planwirtschaft“`) is the
    reporter's sign of a label the speaker pins on it, a rejection."""
    taken = set(range(v.local(holder), v.pos[holder.end - 1] + 1)) if holder is not None else set()
    seg = [i for i in v.seg_tokens(v.segs[hit.i]) if i != hit.i and i not in taken and not v.toks[i].is_punct]
    for i in range(max(seg + [hit.i]) + 1, len(v.toks)):  # the quoted name after it, a segment of its own
        if not v.mask[i] and not v.toks[i].is_punct:
            break
        if not v.toks[i].is_punct:
            seg.append(i)
    verdict = verdict_of(v, seg)
    if verdict:
        return verdict.act, verdict.polarity
    name = _quoted_name(v, hit.i)
    return ("rejection", -1) if name and len(name) <= SCARE_QUOTE else None


def _quoted_name(v: SentenceView, after: int) -> list[int]:
    """The words of the first quotation after a token, up to its closing mark."""
    marks = [i for i in range(after + 1, len(v.toks)) if v.toks[i].text in QUOTES]
    if len(marks) < 2:
        return []
    return [i for i in range(marks[0] + 1, marks[1]) if not v.toks[i].is_punct]


def _contrast(v: SentenceView, idx: list[int]) -> bool:
    """A restriction that takes back the general case (`nicht aber`, `aber nicht`)."""
    words = [v.toks[i].lower_ for i in idx]
    return any(pair in CONTRAST for pair in zip(words, words[1:]))


def _reported_content(v: SentenceView, hit: Hit, holder: Mention | None, content: list[int]) -> tuple[str, int]:
    """What a reporting verb reports (`content`, its _content_indices): a stance word, a
    modal, negation, evaluation."""
    own = _own_words(v, hit, holder)
    if v.toks[hit.i].lemma_ in NAMING and hit.evidence != "continuation":
        named = _naming(v, hit, holder)
        if named:
            return named
    for i in own:
        noun = noun_trigger(v.toks[i], i) if not in_pp(v, i) else None
        if noun and noun.trigger.act != "proposal":
            return flip(noun.trigger, _negated(v, own), noun=True)
    if consequence_frame(v, content):  # `dann erreichen wir das`, `sonst stünden uns Optionen offen`: a threat
        threat = {v.toks[i].lower_ for i in content} & FIRST_PERSON or \
            getattr(verdict_of(v, content), "act", None) == "commitment"
        return ("commitment" if threat else "assertion"), 1
    own_eval = verdict_of(v, own)
    if own_eval:
        return own_eval.act, own_eval.polarity
    found = _inner_act(v, content) or _modal_act(v, content, holder)
    if found:
        return found
    evaluation = verdict_of(v, content)
    if evaluation:
        return evaluation.act, evaluation.polarity
    return "assertion", -1 if _negated(v, content) else 1


def _inner_act(v: SentenceView, content: list[int]) -> tuple[str, int] | None:
    """A stance verb of the speaker's own in what is reported (`wir lehnen ab`, `man werde
    sich dagegen stellen`), not a third party's act the speaker only reports."""
    by_segment: dict[int, list[int]] = {}  # grouped once: a long clause made this quadratic
    for j in content:
        by_segment.setdefault(v.segs[j], []).append(j)
    for i in content:
        if v.subordinate(v.segs[i]):
            continue
        inner = verb_trigger(v, i, v.toks[i])
        same = by_segment[v.segs[i]]
        if inner and v.toks[i].tag_ == "VVPP" and not any(v.toks[j].tag_.startswith("VA") for j in same):
            continue  # `sieht den Kern bestätigt`: a result, not an act
        if inner and _zu_infinitive(v, i):
            continue  # `…, das Abkommen zu unterzeichnen`: the complement of another clause's verb
        if inner and not inner.trigger.report and inner.evidence != "modal" and _speaker_clause(v, same):
            act, pol = flip(inner.trigger, _negated(v, same), noun=inner.evidence == "noun")
            if act in ("support", "rejection") and inner.evidence != "noun" and _future(v, same):
                act = "commitment"  # `man werde sich dagegen stellen`: an announced action
            if v.toks[i].tag_ == "VVIMP":
                act = "demand"  # `„Stoppt die Kürzungen!“`: told to others
            return act, pol
    return None


def _modal_act(v: SentenceView, content: list[int], holder: Mention | None) -> tuple[str, int] | None:
    """Duties (`müsse`), conditions (`nur, wenn`), plans (`solle`, `wolle`) and announced
    actions (`werde`, `man würde`) in what is reported."""
    main = [i for i in content if not v.subordinate(v.segs[i])]
    lemmas = [v.toks[i].lemma_.lower() for i in main]
    words = {v.toks[i].lower_ for i in main}
    if "dürfen" in lemmas and _negated(v, main):
        return "demand", prohibition_polarity(v, main)  # `dürfe keine X geben`, `dürfe nicht scheitern`
    if "müssen" in lemmas or ("brauchen" in lemmas and FIRST_PERSON & words) or NEEDED & set(lemmas):
        return "demand", -1 if predicative_verdict(v, main) < 0 or _ends(v, main) else 1
    if "nur" in words and {v.toks[i].lower_ for i in content} & CONDITIONS:
        return "demand", 1  # `könne es nur geben, wenn …`: a condition
    if main and v.toks[main[0]].text.lower() == "nur" and "können" in lemmas:
        return "demand", 1  # `Nur die EU könne darüber verhandeln`: a claim to sole say
    if "sollen" in lemmas and not FIRST_PERSON & words:
        return ("demand" if _addressee(v, main) else "proposal"), 1  # `die Länder sollten zahlen`
    if any(v.toks[i].tag_ == "VVIMP" for i in main):
        return "demand", -1 if _negated(v, main) else 1  # `„Stoppt die Kürzungen!“`
    if (FUTURE_AUX & words and (SELF_OR_ANYONE & words
                                                 or (_future(v, main) and not _inanimate_subject(v, main)))) or \
            (_would(v, main) and SELF_OR_ANYONE & words):
        announced = _announcing(v, main)
        against = _negated(v, announced) or _ends(v, content) or _against(v, main) or \
            predicative_verdict(v, main) < 0
        return "commitment", -1 if against else 1  # `man werde die Risiken prüfen`: the object is no verdict
    if "wollen" in lemmas and (PERSONAL_SUBJECTS & words or _own_side(v, main, holder)):
        return "proposal", -1 if _negated(v, main) or predicative_verdict(v, main) < 0 else 1
    return None


def _announcing(v: SentenceView, idx: list[int]) -> list[int]:
    """The clauses that announce (hold `werden`/`würde`): `Die Preise sind nicht mehr zu stemmen,
    also werden wir handeln` -- the negation of the first clause is not the announcement's."""
    segs = {v.segs[i] for i in idx if v.toks[i].lower_ in FUTURE_AUX | WOULD}
    return [i for i in idx if v.segs[i] in segs] if segs else idx


def _addressee(v: SentenceView, idx: list[int]) -> bool:
    """Is the subject of a reported `sollen` an actor told what to do (a named actor, a
    pronoun, a state organ or party body: `die Regierung solle handeln`), not a plan's
    thing (`das Gesetz solle im Mai kommen`)?"""
    finite = next((i for i in idx if v.toks[i].tag_ in FINITE), None)
    before = [i for i in idx if finite is not None and i < finite]
    if any(v.local(m) in before for m in v.mentions) or any(v.toks[i].tag_ == "PPER" for i in before):
        return True
    heads = {v.toks[i].lemma_.lower() for i in before if v.toks[i].tag_ == "NN"}
    return bool(heads & (resources.state_organs() | GOVERNING | set(resources.collectives())))


def _speaker_clause(v: SentenceView, idx: list[int]) -> bool:
    """Is the speaker the subject of this reported clause (`wir halten fest`, `man werde`,
    `er lehne ab`, `ihm fehle jedes Verständnis`) rather than a third party (`die
    Arbeitgeber hätten kein Angebot vorgelegt`, whose act the speaker only reports)?"""
    words = {v.toks[j].lower_ for j in idx}
    if words & SPEAKER_PRONOUNS:
        return True
    return not any(v.toks[j].tag_ in ("NN", "NE") and j < next((k for k in idx if v.toks[k].tag_ in FINITE), j)
                   and not v.toks[j - 1].tag_ in ("APPR", "APPRART") for j in idx if j > 0)


def _own_side(v: SentenceView, idx: list[int], holder: Mention | None) -> bool:
    """Is the subject of this reported clause the speaker's own side -- the speaker, their
    party, or an unnamed government or party body (`Die Regierung wolle …, sagte der
    Minister`)? Then its plan is the speaker's proposal, not a third party's reported."""
    finite = next((i for i in idx if v.toks[i].tag_ in FINITE), None)
    if finite is None or holder is None:
        return False
    before = [i for i in idx if i < finite]
    named = [m for m in v.mentions if v.local(m) in before and m is not holder]
    if named:
        info = (v.sent.doc._.actors or {}).get(holder.actor)
        own = {holder.actor, info.party if info else None} | {r.get("of") for r in (info.roles if info else [])}
        return all(m.actor and m.actor in own for m in named)  # an unnamed `der Minister` is no one's own side
    heads = [v.toks[i].lemma_.lower() for i in before if v.toks[i].tag_ == "NN"]
    bodies = resources.state_organs() | {k for k, val in resources.collectives().items() if val == "party"} | GOVERNING
    return len(heads) == 1 and heads[0] in bodies


def _would(v: SentenceView, idx: list[int]) -> bool:
    """`man würde handeln` announces; `als würde man …` only compares."""
    return any(v.toks[i].lower_ in WOULD and not (i and v.toks[i - 1].lower_ == "als")
               for i in idx)


def _inanimate_subject(v: SentenceView, idx: list[int]) -> bool:
    """`Die Reform werde dafür sorgen`, `Die Freiwilligkeit werde nicht reichen`: a thing, not
    an actor, will do something -- a forecast, not an announced action of the speaker."""
    finite = next((i for i in idx if v.toks[i].tag_ in FINITE), None)
    before = [i for i in idx if finite is not None and i < finite]
    if not before or any(v.local(m) in before for m in v.mentions):
        return False
    if any(v.toks[i].tag_ in ("PPER", "PIS", "NE") or v.toks[i].lower_.startswith(FIRST_POSSESSIVES)
           for i in before):
        return False  # `wir`, `man`, `unser Team`
    if {v.toks[i].lower_ for i in idx} >= {"es"} and any(v.toks[i].lemma_ == "geben" for i in idx):
        return False  # `eine Kürzung werde es nicht geben`: what the speaker will allow
    heads = [v.toks[i].lemma_.lower() for i in before if v.toks[i].tag_ == "NN"]
    bodies = resources.state_organs() | set(resources.collectives()) | GOVERNING
    return bool(heads) and not any(h in bodies for h in heads)


def _future(v: SentenceView, idx: list[int]) -> bool:
    """`werde … reagieren`: future tense (werden + infinitive), an announced action."""
    tags = [v.toks[i].tag_ for i in idx]
    return any(v.toks[i].lemma_ == "werden" and v.toks[i].tag_ == "VAFIN" for i in idx) and \
        ("VVINF" in tags or ("VAINF" in tags and "VVPP" not in tags))  # `geschlossen reagieren`


def _own_words(v: SentenceView, hit: Hit, holder: Mention | None) -> list[int]:
    """The trigger's clause without trigger and holder: `sehen [Kanzler … gescheitert]`; a
    trigger that opens a second predicate (`wies die Drohung zurück und sprach von …`)
    starts its clause at the coordinator."""
    if hit.evidence == "continuation":
        return []
    taken = {hit.i}
    if holder is not None:
        taken |= set(range(v.local(holder), v.pos[holder.end - 1] + 1))
    start = hit.i - 1 if hit.i and v.toks[hit.i - 1].tag_ == "KON" and v.toks[hit.i].tag_ in FINITE else 0
    return [i for i in v.seg_tokens(v.segs[hit.i]) if i not in taken and i >= start and not v.toks[i].is_punct
            and not v.mask[i]]


def _content_indices(v: SentenceView, hit: Hit, holder: Mention | None = None) -> list[int]:
    """What is reported: a quotation; for a trailing `…, sagte er am Montag` the clauses
    before (a holder named before the trigger, in an apposition, makes none trailing);
    otherwise the rest of the trigger's clause and the clauses after it."""
    quoted = [i for i, q in enumerate(v.mask) if q and not v.toks[i].is_punct]
    if len(quoted) >= 3:
        return quoted
    if hit.evidence == "continuation":
        return [i for i in range(len(v.toks)) if not v.toks[i].is_punct]
    seg = v.segs[hit.i]
    seg_toks = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
    before = [i for i in range(len(v.toks)) if v.segs[i] < seg and not v.toks[i].is_punct]
    if before and seg_toks and seg_toks[0] == hit.i and (holder is None or v.local(holder) > hit.i):
        return before  # not after an apposition that names the holder: `Die Chefin des VdK, X, sagte, …`
    own = [i for i in _own_words(v, hit, holder) if i > hit.i]
    after = [i for i in range(len(v.toks)) if v.segs[i] > seg and not v.toks[i].is_punct]
    firsts = {}
    for i in after:
        firsts.setdefault(v.segs[i], i)
    ends = [i for i in firsts.values() if clause_of(v, i)[0] == seg or (
        i > after[0] and holder is not None and _own_stance(v, v.segs[i], holder))]
    return own + [i for i in after if i < min(ends, default=len(v.toks))]


def _own_stance(v: SentenceView, seg: int, holder: Mention) -> bool:
    """`sagte, man werde abwarten, eine Festlegung lehne er ab`: a later main clause of the
    reported speech in which the speaker takes a side with a verb of its own is a second
    statement (kg.nlp.attribution keeps both), not more of what the reporting verb says."""
    if v.subordinate(seg) or not holder.actor:
        return False
    idx = v.seg_tokens(seg)
    named = any(m.actor == holder.actor and v.segs[v.local(m)] == seg for m in v.mentions)
    return named and any((h := verb_trigger(v, i, v.toks[i])) and not h.trigger.report for i in idx
                         if not v.mask[i] and v.toks[i].tag_.startswith("VV"))


def _negated(v: SentenceView, idx: list[int]) -> bool:
    """A negation in these tokens, not counting `nicht nur`, conditions (`wenn … nicht`) and
    purposes (`damit … nicht`),
    a negated objection (`keine Vorbehalte`, which is approval) and the preposition `ohne`,
    which negates its own phrase, not the clause (`kritisierte den Plan ohne Umschweife`),
    unless that phrase names a stance (`bekräftigte ihre Haltung ohne Zugeständnisse`);
    `liefern, ohne zu zögern` is a clause of its own."""
    neg = resources.negations()
    if not any(v.toks[i].lower_ in neg for i in idx):
        return False  # (most claims and clauses: the sentence's conditions are then not read)
    evals = resources.evaluations()
    conditions = {v.segs[i] for i in idx if v.toks[i].lemma_.lower() in OPEN_QUESTIONS
                  or (v.toks[i].lower_ in PURPOSES and v.toks[i].tag_ in ("KOUS", "KOUI"))}
    corrected = {v.segs[i] - 1 for i in range(len(v.toks)) if v.toks[i].lower_ == "sondern"}
    for i in idx:
        word = v.toks[i].lower_
        if word not in neg or v.segs[i] in conditions | corrected or _manner(v, i) or attributive(v, i):
            continue  # `keine Frage der Vergeltung, sondern der Selbstachtung` asserts the second
        nxt = v.toks[i + 1] if i + 1 < len(v.toks) else None
        if nxt is not None and nxt.text.lower() in NEGATION_LIMITERS:
            continue
        if v.toks[i].tag_ == "PIAT" and i and v.toks[i - 1].lower_ in COORDINATORS:
            continue  # `verlangt Verlässlichkeit und keine Kehrtwende`: only the second object is denied
        verdict = evals.get((nxt.lemma_.lower(),)) if nxt is not None else None
        if verdict is not None and verdict.polarity < 0 and verdict.act not in ("remove", "state"):
            continue
        return True
    return False


def _manner(v: SentenceView, i: int) -> bool:
    """A preposition of negation (`ohne`) whose phrase names no stance: `ohne Verzögerung`."""
    if v.toks[i].tag_ != "APPR":
        return False
    noun = next((j for j in range(i + 1, min(i + 5, len(v.toks))) if v.toks[j].tag_ == "NN"), None)
    return noun is None or noun_trigger(v.toks[noun], noun) is None


def _ends(v: SentenceView, idx: list[int]) -> bool:
    """An announced action that ends something (`werde … abschaffen`, `stoppen`, `prüfen, ob
    man gegen … vorgehe`): against it."""
    for i in idx:
        hit = verb_trigger(v, i, v.toks[i]) if v.toks[i].tag_.startswith("VV") else None
        if hit and hit.trigger.act == "commitment" and hit.trigger.polarity < 0:
            return True
    return False
