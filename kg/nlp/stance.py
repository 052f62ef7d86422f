"""What an attributed actor says: the act, the side taken, and the claim.

A stance trigger states its own act (`lehnt ab`: rejection, oppose); a reporting
verb (`sagte`, `erklärte`) takes its act from what is reported: a stance verb or
phrase in the quotation or reported clause, a modal (`müsse`: demand, `wir
werden`: commitment), evaluative words (`Irrweg`, `Klatsche`), and negation. The
side is always relative to the claim phrased positively, so `nicht zustimmen`
is oppose and a negated objection (`keine Vorbehalte`) is support.
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.mentions import Mention
from kg.nlp.resources import Trigger
from kg.nlp.triggers import Hit, SentenceView, _in_pp, _noun_trigger, _verb_trigger, governed

CLAIM_WORDS = 14
CLAIM_OPENERS = {"dass", "ob", "und", "aber", "doch", "denn", ","}
QUOTES = {'"', "„", "“", "«", "»", "”", "‚", "‘"}
SPEAKER_PRONOUNS = {"wir", "ich", "man", "uns", "mich", "mir", "er", "sie", "ihm", "ihr"}
FINITE = {"VVFIN", "VAFIN", "VMFIN"}
NEEDED = {"nötig", "notwendig", "erforderlich", "unerlässlich", "unabdingbar"}


def act_of(v: SentenceView, hit: Hit, holder: Mention | None = None) -> tuple[str, int]:
    """Act and polarity: the trigger's own, or for reporting verbs what is reported."""
    trig = hit.trigger
    if trig.report:
        return _reported(v, hit, holder)
    neg = _negated(v, v.seg_tokens(v.segs[hit.i]))
    act, pol = _flip(trig, neg, noun=hit.evidence == "noun")
    if hit.evidence != "noun" and act in ("commitment", "demand", "proposal") and pol > 0:
        content = [j for j in _content_indices(v, hit, holder) if v.segs[j] != v.segs[hit.i]]
        inner = [_verb_trigger(v, j, v.toks[j]) for j in content if v.toks[j].tag_.startswith("VV")]
        if any(h and h.trigger.polarity < 0 and (h.trigger.act == "commitment" or h.evidence == "phrase")
               for h in inner):
            pol = -1  # demanding to stop something, or to vote against it, opposes it
    return act, pol


def _flip(trig: Trigger, negated: bool, noun: bool = False) -> tuple[str, int]:
    """Negation turns support into rejection and back; a denied promise is a refusal."""
    if not negated:
        return trig.act, trig.polarity
    if trig.act == "support" or (noun and trig.act == "commitment"):
        return "rejection", -1
    if trig.act == "rejection":
        return "support", 1
    return trig.act, -trig.polarity


def _reported(v: SentenceView, hit: Hit, holder: Mention | None) -> tuple[str, int]:
    """What a reporting verb reports: a stance word, a modal, negation, evaluation."""
    own = _own_words(v, hit, holder)
    for i in own:
        noun = _noun_trigger(v.toks[i], i) if not _in_pp(v, i) else None
        if noun and noun.trigger.act != "proposal":
            return _flip(noun.trigger, _negated(v, own), noun=True)
    own_eval = _evaluation(v, own)
    if own_eval:
        return own_eval.act, own_eval.polarity
    content = _content_indices(v, hit, holder)
    for i in content:
        if v.subordinate(v.segs[i]):
            continue
        inner = _verb_trigger(v, i, v.toks[i])
        same = [j for j in content if v.segs[j] == v.segs[i]]
        if inner and not inner.trigger.report and inner.evidence != "modal" and _speaker_clause(v, same):
            return _flip(inner.trigger, _negated(v, same), noun=inner.evidence == "noun")
    main = [i for i in content if not v.subordinate(v.segs[i])]
    lemmas = [v.toks[i].lemma_.lower() for i in main]
    words = {v.toks[i].text.lower() for i in main}
    evaluation = _evaluation(v, content)
    if "dürfen" in lemmas and _negated(v, main):
        return "demand", 1
    if "müssen" in lemmas or ("brauchen" in lemmas and {"wir", "ich"} & words) or NEEDED & set(lemmas):
        return "demand", 1
    if "sollen" in lemmas and not {"wir", "ich"} & words:
        return "proposal", 1
    if evaluation and evaluation.polarity < 0:
        return evaluation.act, evaluation.polarity
    if ({"werde", "werden", "wird"} & words and ({"wir", "ich", "man"} & words or _future(v, main))) or \
            ({"würde", "würden"} & words and {"wir", "ich"} & words):
        return "commitment", -1 if _negated(v, main) else 1
    if "wollen" in lemmas and {"wir", "ich", "er", "sie"} & words:
        return "proposal", -1 if _negated(v, main) else 1
    if evaluation:
        return evaluation.act, evaluation.polarity
    return "assertion", -1 if _negated(v, content) else 1


def _speaker_clause(v: SentenceView, idx: list[int]) -> bool:
    """Is the speaker the subject of this reported clause (`wir halten fest`, `man werde`,
    `er lehne ab`, `ihm fehle jedes Verständnis`) rather than a third party (`die
    Arbeitgeber hätten kein Angebot vorgelegt`, whose act the speaker only reports)?"""
    words = {v.toks[j].text.lower() for j in idx}
    if words & SPEAKER_PRONOUNS:
        return True
    return not any(v.toks[j].tag_ in ("NN", "NE") and j < next((k for k in idx if v.toks[k].tag_ in FINITE), j)
                   and not v.toks[j - 1].tag_ in ("APPR", "APPRART") for j in idx if j > 0)


def _future(v: SentenceView, idx: list[int]) -> bool:
    """`werde … reagieren`: future tense (werden + infinitive), an announced action."""
    tags = [v.toks[i].tag_ for i in idx]
    return any(v.toks[i].lemma_ == "werden" and v.toks[i].tag_ == "VAFIN" for i in idx) and \
        any(t in ("VVINF", "VAINF") for t in tags) and "VVPP" not in tags


def _own_words(v: SentenceView, hit: Hit, holder: Mention | None) -> list[int]:
    """The trigger's clause without trigger and holder: `sehen [Kanzler … gescheitert]`."""
    if hit.evidence == "continuation":
        return []
    taken = {hit.i}
    if holder is not None:
        taken |= set(range(v.local(holder), v.pos[holder.end - 1] + 1))
    return [i for i in v.seg_tokens(v.segs[hit.i]) if i not in taken and not v.toks[i].is_punct and not v.mask[i]]


def _content_indices(v: SentenceView, hit: Hit, holder: Mention | None = None) -> list[int]:
    """What is reported: a quotation; for a trailing `…, sagte er am Montag` the clauses
    before; otherwise the rest of the trigger's clause and the clauses after it."""
    quoted = [i for i, q in enumerate(v.mask) if q and not v.toks[i].is_punct]
    if len(quoted) >= 3:
        return quoted
    if hit.evidence == "continuation":
        return [i for i in range(len(v.toks)) if not v.toks[i].is_punct]
    seg = v.segs[hit.i]
    seg_toks = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
    before = [i for i in range(len(v.toks)) if v.segs[i] < seg and not v.toks[i].is_punct]
    if before and seg_toks and seg_toks[0] == hit.i:
        return before
    own = [i for i in _own_words(v, hit, holder) if i > hit.i]
    return own + [i for i in range(len(v.toks)) if v.segs[i] > seg and not v.toks[i].is_punct]


def _negated(v: SentenceView, idx: list[int]) -> bool:
    """A negation in these tokens, not counting `nicht nur`, conditions (`wenn … nicht`)
    and a negated objection (`keine Vorbehalte`, which is approval)."""
    neg = resources.negations()
    evals = resources.evaluations()
    conditional = {v.segs[i] for i in idx if v.toks[i].lemma_.lower() in ("wenn", "falls", "sofern", "ob")}
    for i in idx:
        word = v.toks[i].text.lower()
        if word not in neg or v.segs[i] in conditional:
            continue
        nxt = v.toks[i + 1] if i + 1 < len(v.toks) else None
        if nxt is not None and nxt.text.lower() in ("nur", "einmal", "zuletzt"):
            continue
        if nxt is not None and (evals.get((nxt.lemma_.lower(),)) or Trigger("", 1)).polarity < 0:
            continue
        return True
    return False


def _conditional(v: SentenceView, seg: int) -> bool:
    first = next((v.toks[i] for i in v.seg_tokens(seg) if not v.toks[i].is_punct), None)
    return first is not None and first.text.lower() in ("wenn", "falls", "sofern", "sollte", "sollten")


def _evaluation(v: SentenceView, idx: list[int]) -> Trigger | None:
    """The strongest evaluative word sequence in these tokens (negative wins)."""
    idx = [i for i in idx if not _conditional(v, v.segs[i])]
    lemmas = [v.toks[i].lemma_.lower() for i in idx]
    words = [v.toks[i].text.lower() for i in idx]
    table = resources.evaluations_by_first()
    found = None
    for n in range(len(lemmas)):
        for key, trig in table.get(lemmas[n], []) + table.get(words[n], []):
            hit = all(n + j < len(lemmas) and key[j] in (lemmas[n + j], words[n + j]) for j in range(len(key)))
            if hit and (found is None or trig.polarity < found.polarity):
                prev = lemmas[n - 1] if n else ""
                found = trig if prev not in resources.negations() else Trigger(trig.act, -trig.polarity)
    return found


def claim_text(v: SentenceView, hit: Hit, m: Mention | None) -> str:
    """The proposition as a short phrase: the quote, the reported clause, or the trigger's object."""
    idx = _content_indices(v, hit, m)
    if not idx and m is not None:
        taken = set(range(v.local(m), v.pos[m.end - 1] + 1)) | {hit.i}
        idx = [i for i in v.seg_tokens(v.segs[hit.i]) if i not in taken and not v.toks[i].is_punct]
    seg = v.segs[hit.i]
    subjects = {i for x in v.mentions if v.segs[v.local(x)] == seg and not governed(v, x)
                for i in range(v.local(x), v.pos[x.end - 1] + 1)}
    kept = [i for i in idx if i not in subjects and v.toks[i].text not in QUOTES
            and v.toks[i].tag_ not in ("PTKVZ", "$(")]
    while kept and (v.toks[kept[0]].text.lower() in CLAIM_OPENERS or v.toks[kept[0]].tag_ in ("ADV", "KON")):
        kept = kept[1:]
    words = [v.toks[i].text for i in kept]
    if len(words) > CLAIM_WORDS:
        words = words[:CLAIM_WORDS] + ["…"]
    text = " ".join(words).strip(" ,.:;-–")
    return text or v.sent.text.strip()[:120]
