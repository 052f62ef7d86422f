"""The claim of a statement: the proposition the actor takes a side on, in the article's words.

The claim is the complement of the cue -- its object noun phrase (`lehnt die
Vermögensteuer ab`), the clause it governs (`fordert, dass …`, `schlug vor, … zu
senken`), the quotation, or what a stance noun is about (`Forderung nach X`) -- without
the reporting frame: the speaker, the cue with its particle, auxiliaries and reflexive,
negation of the cue (the stance carries it: the claim is written positively), and the
time, place and medium of the speaking (`am Montag`, `auf Twitter`). It keeps whole words
and the article's spelling. A claim that is only a pronoun (`Kiew lehnt dies ab`) stands
for something said before: `resolve_anaphors` gives it the claim of the statement before.

What counts as frame is kg.nlp.claim_frame, how the words are written kg.nlp.claim_shape;
the words they read are data (`data/claim_words.tsv`).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.nlp import resources
from kg.nlp.claim_copula import judged_subject
from kg.nlp.claim_nominal import nominalised
from kg.nlp.claim_frame import frame_of, object_preposition, phrase_around, words
from kg.nlp.claim_shape import (NOUN_PREPS, has_content, infinitive, new_main_clause, said_about, second_cue,
                                text_of, tidy)
from kg.nlp.clauses import is_konjunktiv1
from kg.nlp.german import FINITE
from kg.nlp.article_actors import Mention
from kg.nlp.resources import Trigger
from kg.nlp.sentence_view import Hit, SentenceView, clause_of

_NO_TRIGGER = Trigger("none", 0)
NAMING = resources.word_class("naming")
PASSIVE_CUES = {"demand", "proposal", "support", "rejection"}


@dataclass(frozen=True)
class Claim:
    """A claim: its text, the lemma of its head word (the first content noun, else verb),
    and whether it stands for something said before (`dies`, `die Entscheidung`)."""

    text: str
    head: str | None
    anaphoric: bool = False
    tokens: tuple[int, int] | None = None  # first and last index in the sentence view


def claim_text(v: SentenceView, hit: Hit, holder: Mention | None) -> str:
    """The proposition as a short phrase in the article's words (see the module docstring)."""
    return claim_of(v, hit, holder).text


def claim_of(v: SentenceView, hit: Hit, holder: Mention | None) -> Claim:
    """The claim of a cue and its holder in one sentence. `anaphoric` when it only points
    back (`die Entscheidung`: the text is then those words) or names nothing (`lehnt dies
    ab`, `„Nicht nachvollziehbar“`, `sprach von Provokation`: the text is empty);
    resolve_anaphors fills it from the statements around."""
    frame = frame_of(v, hit, holder)
    idx = [i for i in _region(v, hit, holder, frame) if i not in frame]
    idx = tidy(v, _without_passive_cue(v, _main_part(v, idx)))
    if hit.trigger.report and idx:
        idx = _speakers_own_cue(v, idx) or idx
    judged = judged_subject(v, idx)
    if judged is not None:
        idx = tidy(v, judged)  # `Das ist ein Fehler`, `Die Kürzung wäre ein fatales Signal`: what is judged
    idx = said_about(v, idx)
    if not has_content(v, idx) or _names_no_matter(v, idx):
        return Claim("", None, anaphoric=True)
    text = text_of(v, nominalised(v, idx) or infinitive(v, idx))
    return Claim(text, _head(v, idx), anaphoric=_anaphor(v, idx), tokens=(min(idx), max(idx)))


def _speakers_own_cue(v: SentenceView, idx: list[int]) -> list[int]:
    """`„Wir fordern einen höheren Mindestlohn“, sagte X`, `Er lehne X ab, sagte Y`: what is
    reported is the speaker's own stance; its claim is that cue's object or clause, so the
    claim reads `höheren Mindestlohn`, not `einen höheren Mindestlohn fordern`; an `als`
    phrase after the pronoun is the speaker's role (`Wir als Opposition lehnen X ab`: X)."""
    first = [i for i in idx if v.segs[i] == v.segs[idx[0]]]
    pronoun = next((i for i in first if v.toks[i].tag_ in ("PPER", "PIS")
                    and v.toks[i].lower_ in ("wir", "ich", "man", "er", "sie")), None)
    cue = next((i for i in first if v.toks[i].tag_ in ("VVFIN", "VVINF", "VVPP")
                and not (resources.verbs().get(v.toks[i].lemma_) or _NO_TRIGGER).report
                and resources.verbs().get(v.toks[i].lemma_) is not None), None)
    holds = next((i for i in first if v.toks[i].lemma_ == "halten" and v.toks[i].tag_.startswith("VV")), None)
    cue = cue if cue is not None else holds  # `er halte die Erbschaftsteuer für falsch`
    finite = next((i for i in first if v.toks[i].tag_ in FINITE), cue)
    role = pronoun is not None and _as_role_between(v, pronoun, finite)  # `Wir als Opposition lehnen …`
    if pronoun is None or cue is None or (abs(pronoun - finite) > 2 and not role):
        return []
    inner = Hit(cue, resources.verbs().get(v.toks[cue].lemma_) or Trigger("assertion", 1), "verb")
    frame = frame_of(v, inner, None) | {pronoun} | (set(range(pronoun + 1, finite)) if role else set())
    inside = set(idx)
    found = [i for i in _region(v, inner, None, frame) if i not in frame and i in inside]
    found = tidy(v, found)
    return found if has_content(v, found) and not _anaphor(v, found) else []


def _as_role_between(v: SentenceView, pronoun: int, finite: int) -> bool:
    """`Wir als Opposition lehnen …`: only an `als` phrase saying in which role the speaker
    speaks stands between the pronoun and its verb."""
    between = v.toks[pronoun + 1:finite]
    return len(between) >= 2 and between[0].text.lower() == "als" and \
        all(t.tag_ in ("ART", "ADJA", "NN", "NE", "TRUNC", "PPOSAT") for t in between[1:])




def resolve_anaphors(statements: list, views: dict[int, SentenceView], window: int = 2) -> None:
    """`Russland fordert X. Kiew lehnt dies ab.`: a claim that only points back takes the
    claim of the latest statement before it in its paragraph (within `window` sentences)
    that has its own, else -- unless a demonstrative points back (`dieser Darstellung`) -- of
    the statement right after it (a heading announces what follows); with neither, the first
    noun phrase of its sentence that names no actor."""
    ordered = sorted(statements, key=lambda s: s.sent)  # stable: a sentence's statements in the order found
    para = next((v.sent.doc._.para_of_sent for v in views.values()), None) or []
    same = lambda a, b: not para or para[a] == para[b]  # noqa: E731
    last: tuple[int, str] | None = None
    own = lambda st: st.claim and not st.claim_points_back  # noqa: E731
    for n, st in enumerate(ordered):
        if own(st):
            last = (st.sent, st.claim)
            continue
        nxt = next((x for x in ordered[n + 1:] if own(x)), None)
        if last is not None and st.sent - last[0] <= window and same(st.sent, last[0]):
            st.claim = last[1]
        elif nxt is not None and not _demonstrative(st.claim) \
                and (0 < nxt.sent - st.sent <= 1 or (nxt.sent == st.sent and not st.claim)):
            st.claim = nxt.claim  # `Österreich stellt sich quer` over the paragraph that says to what
        elif not st.claim and st.sent in views:
            st.claim = _fallback(views[st.sent])


def _demonstrative(claim: str) -> bool:
    """`dieser Darstellung`, `jene Pläne`: a demonstrative points back, never ahead to what
    follows; where nothing before it is near, it keeps its words (the article's question
    then speaks for it, kg.nlp.propositions)."""
    first = claim.split()[0].lower() if claim else ""
    return first.startswith(("dies", "jen"))


def _fallback(v: SentenceView) -> str:
    """The first noun phrase outside the actor mentions that is no cue or verdict, else any
    noun outside them (`Union spricht von Chaos`), else the sentence in whole words."""
    named = {i for m in v.mentions for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    nouns = [i for i, t in enumerate(v.toks) if t.tag_ == "NN" and i not in named]
    plain = [i for i in nouns if v.toks[i].lower_ not in words("anaphor")
             and v.toks[i].lemma_.lower() not in resources.nouns()
             and (v.toks[i].lemma_.lower(),) not in resources.evaluations()]
    for i in plain[:1] or nouns[:1]:
        return text_of(v, tidy(v, sorted(phrase_around(v, i))))
    text = v.sent.text.strip()
    return text if len(text) <= 120 else text[:120].rpartition(" ")[0] + " …"


def _region(v: SentenceView, hit: Hit, holder: Mention | None, frame: set[int]) -> list[int]:
    """Where the claim is: for a reporting cue the quotation or the clauses it governs; for
    `…, sagte er` or `…, kündigte X an` the clauses before; for a stance noun what
    follows it; else the cue's object, or the clause it governs when the object only
    stands for it (`dafür, …`, `die Forderung, …`) or there is none."""
    quoted = [i for i, q in enumerate(v.mask) if q and _kept(v.toks[i])]
    if hit.evidence == "continuation":
        first, last = v.reported_part()
        return [i for i in range(first, last + 1) if _kept(v.toks[i])]
    if hit.evidence == "marker":
        return [i for i in range(len(v.toks)) if _kept(v.toks[i])]
    if hit.evidence == "headline":
        return list(range(hit.i + 1, len(v.toks)))
    naming = (v.toks[hit.i].lemma_ in NAMING and hit.evidence == "verb") or _holds_for(v, hit)
    own = _own_part(v, hit, frame) if naming or v.toks[hit.i].lemma_ in words("naming_as") else []
    if naming or any(v.toks[i].lower_ == "als" for i in own):  # `kritisierte die Pläne als Angriff auf …`
        verdict = [i for i in quoted if own and 0 < i - own[-1] <= 2]  # `nannte X „ein Armutszeugnis“`
        named = _named_object(v, own + (verdict and [i for i in quoted if i >= verdict[0]]))
        if named:
            return named  # `nannte die Rentenpläne „einen Schlag ins Gesicht“`: what is named
    if len(quoted) >= 3 and not v.mask[hit.i] and hit.trigger.report:
        around = _governed_clauses(v, v.segs[hit.i], first_free=True)
        if set(quoted) < set(around) and v.segs[quoted[0]] > v.segs[hit.i]:
            return around  # `sagte, das Urteil sei „ein Sieg für die Demokratie“`: the clause around it
        return quoted
    return _clause_region(v, hit, holder, frame, quoted)


def _clause_region(v: SentenceView, hit: Hit, holder: Mention | None, frame: set[int], quoted: list[int]) -> list[int]:
    """The claim around a cue in its clause: the clauses before a trailing `…, sagte er`,
    the complement of a stance noun, the explication after a colon, the governed clause,
    the object, or the object with its clause (`sprach X ab, … zu sein`)."""
    seg = v.segs[hit.i]
    seg_toks = v.seg_tokens(seg)
    before = [i for i in range(seg_toks[0]) if v.segs[i] < seg]
    first_word = next((i for i in seg_toks if not v.toks[i].is_punct), hit.i)
    own = _own_part(v, hit, frame) if hit.evidence != "noun" else _noun_complement(v, hit, frame)
    at = object_preposition(v, hit)
    if at is not None and has_content(v, [i for i in own if i > at]):
        own = [i for i in own if i >= at]  # `einigte sich bei der Sitzung mit Mühe auf X`: X
    clause = any(v.toks[i].tag_ in FINITE or v.mask[i] for i in before)  # not the subject's own phrase
    if before and clause and first_word == hit.i and (hit.trigger.report or not has_content(v, own)) and \
            not (holder and v.local(holder) < seg_toks[0]):  # `hatte ein Sprecher, X, erklärt, …`: no `…, sagte X`
        return before
    if hit.evidence == "noun":
        return own
    after = _governed_clauses(v, seg, first_free=hit.trigger.report)
    nxt = v.seg_tokens(seg + 1) if seg < v.segs[-1] else []
    if nxt and v.toks[nxt[0]].text == ":":
        explained = _governed_clauses(v, seg, first_free=True)
        if has_content(v, explained):
            return explained  # `bleibt bei seiner Linie: Asylbewerber sollen …`: the colon says what
    named = {i for m in v.mentions for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    addressed = v.toks[hit.i].lemma_.lower() in words("addressee")  # `warf der Regierung vor, …`
    if after and has_content(v, own) and any(second_cue(v, [i, i + 1]) for i in seg_toks[:-1] if i > hit.i):
        return own  # `sprach von einem Tabubruch und drohte, … zu …`: the clause after is the other verb's
    if after and (hit.trigger.report or addressed or not has_content(v, own) or _frame_object(v, own)):
        return after
    if after and not has_content(v, [i for i in own if i not in named]):
        return own + after  # `sprach Selenskyj ab, … legitim zu sein`
    if after and own and _opens_complement(v, after[:3]):
        return own + after  # `stellte eine Klage für den Fall in Aussicht, dass …`
    if not has_content(v, own) and len(quoted) >= 3 and not v.mask[hit.i]:
        return quoted
    return own or after


def _holds_for(v: SentenceView, hit: Hit) -> bool:
    """`hält die Maut für einen Fehler`: `halten … für` names a verdict like `nennen`."""
    return v.toks[hit.i].lemma_ == "halten" and any(
        v.toks[i].lower_ == "für" for i in v.seg_tokens(v.segs[hit.i]) if i > hit.i)


def _named_object(v: SentenceView, own: list[int]) -> list[int]:
    """`wertete den Richterspruch als Niederlage`, `nannte das Verfahren „Chaos“`, `nannte
    den Plan einen Fehler`, `hält X für einen Fehler`: the object named, before `als`, `für`,
    a quotation, an adjective or a second noun phrase."""
    out, noun_seen = [], False
    for i in own:
        t = v.toks[i]
        second = noun_seen and t.tag_ in ("ART", "PIAT", "ADJA", "PPOSAT") and t.text.lower() not in ("des", "der") \
            and v.toks[out[-1]].tag_ in ("NN", "NE")  # `den Plan einen Fehler`, not `Kontrolle über die …`
        verdict = noun_seen and (t.text.lower() in ("als", "für") or t.tag_ in ("ADJD", "PTKNEG"))
        if verdict or v.mask[i] or second:
            break
        noun_seen = noun_seen or t.tag_ in ("NN", "NE", "PDS")
        out.append(i)
    if not noun_seen or len(out) == len(own) or _anaphor(v, out):
        return []  # `nannte dies als wichtiges Thema`: the whole phrase says more
    return out


def _kept(tok) -> bool:
    """Words, and the punctuation a claim keeps inside it (commas, brackets, slashes)."""
    return not tok.is_punct or tok.text in (",", "-", "/", "(", ")")


def _own_part(v: SentenceView, hit: Hit, frame: set[int]) -> list[int]:
    """The cue's clause outside the frame, restricted to the cue's own predicate when
    several are coordinated (`schließt X aus und setzt auf Y`)."""
    seg = v.segs[hit.i]
    part = clause_of(v, hit.i)
    return [i for i in v.seg_tokens(seg) if i not in frame and _kept(v.toks[i])
            and clause_of(v, i) == part and not (v.toks[i].lower_ in ("und", "oder") and i > hit.i
                                                  and i + 1 < len(v.toks) and v.toks[i + 1].tag_ in FINITE)]


def _governed_clauses(v: SentenceView, seg: int, first_free: bool = False) -> list[int]:
    """The clauses after the cue's that it governs: a `dass`/`ob`/`wie` clause, a
    `zu`-infinitive, indirect speech -- up to a new main clause or a `sagte`-frame.
    After a reporting verb (`first_free`) the first clause is what is reported, whatever
    its form (`sagte, Russland könnte …`)."""
    out = []
    for s in range(seg + 1, v.segs[-1] + 1):
        toks = [i for i in v.seg_tokens(s) if _kept(v.toks[i])]
        if not toks:
            continue
        first = v.toks[next((i for i in toks if not v.toks[i].is_punct), toks[0])]
        if first.tag_ in FINITE and (resources.verbs().get(first.lemma_) or _NO_TRIGGER).report:
            break  # `…, sagte er`
        if second_cue(v, toks):
            break  # `sagte, … , und warnte vor …`: the speaker's next statement
        if new_main_clause(v, toks) and not (first_free and not out) \
                and not any(is_konjunktiv1(v.toks[i]) for i in toks):  # `wies zurück, die Union habe …`
            break
        out += toks
    return out


def _noun_complement(v: SentenceView, hit: Hit, frame: set[int]) -> list[int]:
    """`Forderung nach X`, `Kritik an X`, `Forderung, X zu tun`, `kein Verständnis für X`."""
    seg = v.segs[hit.i]
    rest = [i for i in v.seg_tokens(seg) if i > hit.i and i not in frame and not v.toks[i].is_punct]
    verb = next((n for n, i in enumerate(rest) if v.toks[i].tag_ in FINITE), None)
    rest = rest[:verb] if verb is not None else rest  # `Die Forderung nach X stößt auf Kritik`
    if rest and v.toks[rest[0]].text.lower() in ("der", "des") and v.toks[rest[0]].tag_ == "ART":
        rest = [i for i in rest if not any(v.local(m) <= i <= v.pos[m.end - 1] for m in v.mentions)]
        rest = rest[1:] if rest and v.toks[rest[0]].tag_ == "ART" else rest  # `die Forderung der FDP nach …`
    if rest and v.toks[rest[0]].text.lower() in NOUN_PREPS and v.toks[rest[0]].tag_ in ("APPR", "APPRART"):
        return rest[1:] if v.toks[rest[0]].tag_ == "APPR" else rest
    after = _governed_clauses(v, seg)
    if after:
        return after
    if verb is not None and verb == 0:
        return []  # `Ein Vorschlag der FDP fand keine Mehrheit`: the noun names nothing here
    own = [i for i in v.seg_tokens(seg) if i not in frame and not v.toks[i].is_punct and i != hit.i]
    return rest or own


def _frame_object(v: SentenceView, own: list[int]) -> bool:
    """Is the object only a placeholder for the clause after it (`dafür, …`, `die Erwartung, …`)?"""
    nouns = [i for i in own if v.toks[i].tag_ in ("NN", "NE")]
    lows = {v.toks[i].lower_ for i in own}
    return (len(nouns) == 1 and v.toks[nouns[0]].lemma_.lower() in words("frame")) or \
        (not nouns and bool(lows & words("placeholder")))


def _main_part(v: SentenceView, idx: list[int]) -> list[int]:
    """Of a quotation of several sentences the one with most content words; of a clause
    whose matrix only frames the next (`Für uns ist unabdingbar, dass …`, `Wir machen keinen
    Hehl daraus, dass …`, `Es gibt keine Veranlassung, … zu …`) the clause it frames."""
    parts, cur = [], []
    for i in idx:
        if cur and v.toks[i - 1].tag_ == "$." and i - 1 not in idx or (cur and v.toks[cur[-1]].tag_ == "$."):
            parts.append(cur)
            cur = []
        cur.append(i)
    parts.append(cur)
    best = max(parts, key=lambda p: sum(v.toks[i].tag_.startswith(("NN", "NE", "VV")) for i in p))
    segs = sorted({v.segs[i] for i in best if not v.toks[i].is_punct})
    while len(segs) > 1 and _matrix_frame(v, [i for i in best if v.segs[i] == segs[0]]) \
            and _opens_complement(v, [i for i in best if v.segs[i] == segs[1]]):
        best = [i for i in best if v.segs[i] != segs[0]]
        segs = segs[1:]
    return best


def _without_passive_cue(v: SentenceView, idx: list[int]) -> list[int]:
    """`Von den Richtern seien eingehendere Begründungen gefordert worden`: what is reported
    is itself a stance in the passive with its agent; the claim is its subject, without
    agent, participle and auxiliaries."""
    first = [i for i in idx if v.segs[i] == v.segs[idx[0]]] if idx else []
    cue = next((i for i in first if v.toks[i].tag_ == "VVPP" and not v.mask[i]
                and (resources.verbs().get(v.toks[i].lemma_) or _NO_TRIGGER).act in PASSIVE_CUES), None)
    agent = next((i for i in first if v.toks[i].lower_ in ("von", "vom")), None)
    if cue is None or agent is None or not any(v.toks[i].lemma_ == "werden" for i in first):
        return idx
    end = agent + 1
    while end < len(v.toks) and v.toks[end].tag_ in ("ART", "ADJA", "NN", "NE", "PPOSAT"):
        end += 1
    drop = set(range(agent, end)) | {cue} | {i for i in first if v.toks[i].tag_.startswith("VA")}
    return [i for i in idx if i not in drop]


def _matrix_frame(v: SentenceView, toks: list[int]) -> bool:
    """A clause that names nothing of its own (`Für uns ist unabdingbar`, `Es gibt keine
    Veranlassung`, `Wir machen keinen Hehl daraus`): no noun but frame nouns and no full
    verb but a light one."""
    nouns = [i for i in toks if v.toks[i].tag_ in ("NN", "NE") and v.toks[i].lemma_.lower() not in words("setting")]
    verbs = [i for i in toks if v.toks[i].tag_.startswith("VV") and v.toks[i].lemma_.lower() not in words("light")]
    return not verbs and all(v.toks[i].lemma_.lower() in words("frame") | words("anaphor") for i in nouns)


def _opens_complement(v: SentenceView, toks: list[int]) -> bool:
    """`dass …`, `ob …`, `… zu tun`: a complement clause."""
    words_ = [i for i in toks if not v.toks[i].is_punct]
    return bool(words_) and (v.toks[words_[0]].text.lower() in ("dass", "ob")
                             or any(v.toks[i].tag_ in ("VVIZU", "PTKZU") for i in words_))


def _anaphor(v: SentenceView, idx: list[int]) -> bool:
    """`dies`, `das`, `diese Darstellung`, `die Entscheidung`, a verb alone (`nachziehen`):
    pointing back, naming nothing."""
    content = [i for i in idx if not v.toks[i].is_punct]
    if not content:
        return False
    if all(v.toks[i].lower_ in words("placeholder") or v.toks[i].tag_ in ("PDS", "PPER", "PRF", "PIS")
           for i in content):
        return True
    nouns = [i for i in content if v.toks[i].tag_ in ("NN", "NE")]
    if len(content) <= 2 and not nouns and not any(v.toks[i].tag_ == "CARD" for i in content):
        return True  # `nachziehen`, `abwarten`: an act whose matter was named before
    return len(content) <= 2 and len(nouns) == 1 and v.toks[nouns[0]].lemma_.lower() in words("anaphor") \
        and all(v.toks[i].tag_ in ("ART", "PDAT", "NN") or v.toks[i].lower_.startswith("solch")
                for i in content)


def _names_no_matter(v: SentenceView, idx: list[int]) -> bool:
    """Words that cannot be a claim by themselves: a lone finite verb (`kam`), only actors or
    role nouns (`Landrat`), or only a verdict (`Provokation`, `Fehlschlag`) -- what
    they are about was said before."""
    words_ = [i for i in idx if not v.toks[i].is_punct and v.toks[i].tag_ not in ("ART", "ADJA", "PIAT", "PPOSAT")]
    if len(words_) == 1 and v.toks[words_[0]].tag_ in FINITE:
        return True
    nouns = [i for i in words_ if v.toks[i].tag_ in ("NN", "NE")]
    others = [i for i in words_ if i not in nouns and v.toks[i].tag_ not in ("APPR", "APPRART", "KON")]
    if not nouns or others or len(nouns) > 3:
        return False  # `die Staatsregierung in München` is all actor; `Rente mit 70` is not
    named = {i for m in v.mentions for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    verdicts = resources.evaluations()
    actors = resources.state_organs() | resources.bodies() | set(resources.role_heads())
    place = {i for i in nouns if v.toks[i].tag_ == "NE" and i > nouns[0] and v.toks[i - 1].tag_ == "APPR"}
    return all(i in named or i in place or v.toks[i].lemma_.lower() in actors
               or (v.toks[i].lemma_.lower(),) in verdicts for i in nouns)


def _head(v: SentenceView, idx: list[int]) -> str | None:
    """The lemma of the claim's first noun, else of its first full verb."""
    for tags in (("NN",), ("NE",), ("VV",)):
        for i in idx:
            if v.toks[i].tag_.startswith(tags) and v.toks[i].lower_ not in words("placeholder"):
                return v.toks[i].lemma_
    return None


