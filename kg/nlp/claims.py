"""The claim of a statement: the proposition the actor takes a side on, in the article's words.

The claim is the complement of the cue -- its object noun phrase (`lehnt die
Vermögensteuer ab`), the clause it governs (`fordert, dass …`, `schlug vor, … zu
senken`), the quotation, or what a stance noun is about (`Forderung nach X`) -- without
the reporting frame: the speaker, the cue with its particle, auxiliaries and reflexive,
negation of the cue (the stance carries it: the claim is written positively), and the
time, place and medium of the speaking (`am Montag`, `auf Twitter`). It keeps whole words
and the article's spelling. A claim that is only a pronoun (`Kiew lehnt dies ab`) stands
for something said before: `resolve_anaphors` gives it the claim of the statement before.

What counts as frame is kg.nlp.claim_frame; its words are data (`data/claim_words.tsv`).
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.nlp import resources
from kg.nlp.claim_frame import QUOTES, frame_of, modifies_noun, phrase_around, words
from kg.nlp.clauses import is_konjunktiv1
from kg.nlp.german import CLAUSE_COORDINATORS, FINITE, SPEAKER_PRONOUNS
from kg.nlp.mentions import Mention
from kg.nlp.resources import Trigger
from kg.nlp.triggers import Hit, SentenceView, clause_of

MAX_WORDS = 14
OPENERS = CLAUSE_COORDINATORS | {"dass", "ob", "sowie"}
_NO_TRIGGER = Trigger("none", 0)
NOUN_PREPS = {"nach", "an", "auf", "für", "gegen", "zu", "zur", "zum", "über", "um", "vor", "von", "mit"}


@dataclass(frozen=True)
class Claim:
    """A claim: its text, the lemma of its head word (the first content noun, else verb),
    and whether it stands for something said before (`dies`, `die Entscheidung`)."""

    text: str
    head: str | None
    anaphoric: bool = False


def claim_text(v: SentenceView, hit: Hit, holder: Mention | None) -> str:
    """The proposition as a short phrase in the article's words (see the module docstring)."""
    return claim_of(v, hit, holder).text


def claim_of(v: SentenceView, hit: Hit, holder: Mention | None) -> Claim:
    """The claim of a cue and its holder in one sentence; an empty text when it only
    points back (`lehnt dies ab`, `„Nicht nachvollziehbar“`): resolve_anaphors fills it."""
    frame = frame_of(v, hit, holder)
    idx = [i for i in _region(v, hit, holder, frame) if i not in frame]
    idx = _tidy(v, _main_part(v, idx))
    if not _has_content(v, idx) or _anaphor(v, idx):
        return Claim("", None, anaphoric=True)
    return Claim(_text(v, _infinitive(v, idx)), _head(v, idx))


def resolve_anaphors(statements: list, views: dict[int, SentenceView], window: int = 2) -> None:
    """`Russland fordert X. Kiew lehnt dies ab.`: a claim that only points back takes the
    claim of the latest statement before it in its paragraph (within `window` sentences)
    that has its own, else of the statement right after it (a heading announces what
    follows); with neither, the first noun phrase of its sentence that names no actor."""
    ordered = sorted(statements, key=lambda s: (s.sent, s.start))
    para = next((v.sent.doc._.para_of_sent for v in views.values()), None) or []
    same = lambda a, b: not para or para[a] == para[b]  # noqa: E731
    last: tuple[int, str] | None = None
    for n, st in enumerate(ordered):
        if st.claim:
            last = (st.sent, st.claim)
            continue
        nxt = next((x for x in ordered[n + 1:] if x.claim), None)
        if last is not None and st.sent - last[0] <= window and same(st.sent, last[0]):
            st.claim = last[1]
        elif nxt is not None and nxt.sent - st.sent <= 1:
            st.claim = nxt.claim  # `Österreich stellt sich quer` over the paragraph that says to what
        elif st.sent in views:
            st.claim = _fallback(views[st.sent])


def _fallback(v: SentenceView) -> str:
    """The first noun phrase outside the actor mentions (or the sentence, if it has none)."""
    named = {i for m in v.mentions for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    for i, t in enumerate(v.toks):
        if t.tag_ == "NN" and i not in named and t.text.lower() not in words("anaphor"):
            return _text(v, _tidy(v, sorted(phrase_around(v, i))))
    return v.sent.text.strip()[:120]


def _region(v: SentenceView, hit: Hit, holder: Mention | None, frame: set[int]) -> list[int]:
    """Where the claim is: for a reporting cue the quotation or the clauses it governs; for
    `…, sagte er` or `…, kündigte X an` the clauses before; for a stance noun what
    follows it; else the cue's object, or the clause it governs when the object only
    stands for it (`dafür, …`, `die Forderung, …`) or there is none."""
    quoted = [i for i, q in enumerate(v.mask) if q and not v.toks[i].is_punct]
    if hit.evidence in ("continuation", "marker"):
        return [i for i in range(len(v.toks)) if not v.toks[i].is_punct or v.toks[i].text in ",-/"]
    if hit.evidence == "headline":
        return list(range(hit.i + 1, len(v.toks)))
    if len(quoted) >= 3 and not v.mask[hit.i] and hit.trigger.report:
        return quoted
    seg = v.segs[hit.i]
    seg_toks = v.seg_tokens(seg)
    before = [i for i in range(seg_toks[0]) if v.segs[i] < seg]
    first_word = next((i for i in seg_toks if not v.toks[i].is_punct), hit.i)
    own = _own_part(v, hit, frame) if hit.evidence != "noun" else _noun_complement(v, hit, frame)
    if before and first_word == hit.i and (hit.trigger.report or not _has_content(v, own)):
        return before
    if hit.evidence == "noun":
        return own
    after = _governed_clauses(v, seg, first_free=hit.trigger.report)
    named = {i for m in v.mentions for i in range(v.local(m), v.pos[m.end - 1] + 1)}
    if after and (hit.trigger.report or not _has_content(v, own) or _frame_object(v, own)):
        return after
    if after and not _has_content(v, [i for i in own if i not in named]):
        return own + after  # `sprach Selenskyj ab, … legitim zu sein`
    if after and own and _opens_complement(v, after[:3]):
        return own + after  # `stellte eine Klage für den Fall in Aussicht, dass …`
    if not _has_content(v, own) and len(quoted) >= 3 and not v.mask[hit.i]:
        return quoted
    return own or after


def _own_part(v: SentenceView, hit: Hit, frame: set[int]) -> list[int]:
    """The cue's clause outside the frame, restricted to the cue's own predicate when
    several are coordinated (`schließt X aus und setzt auf Y`)."""
    seg = v.segs[hit.i]
    part = clause_of(v, hit.i)
    return [i for i in v.seg_tokens(seg) if i not in frame and not v.toks[i].is_punct
            and clause_of(v, i) == part and not (v.toks[i].text.lower() in ("und", "oder") and i > hit.i
                                                  and i + 1 < len(v.toks) and v.toks[i + 1].tag_ in FINITE)]


def _governed_clauses(v: SentenceView, seg: int, first_free: bool = False) -> list[int]:
    """The clauses after the cue's that it governs: a `dass`/`ob`/`wie` clause, a
    `zu`-infinitive, indirect speech -- up to a new main clause or a `sagte`-frame.
    After a reporting verb (`first_free`) the first clause is what is reported, whatever
    its form (`sagte, Russland könnte …`)."""
    out = []
    for s in range(seg + 1, v.segs[-1] + 1):
        toks = [i for i in v.seg_tokens(s) if not v.toks[i].is_punct or v.toks[i].text in "-/"]
        if not toks:
            continue
        first = v.toks[toks[0]]
        if first.tag_ in FINITE and (resources.verbs().get(first.lemma_) or _NO_TRIGGER).report:
            break  # `…, sagte er`
        if _new_main_clause(v, toks) and not (first_free and not out):
            break
        out += toks
    return out


def _new_main_clause(v: SentenceView, toks: list[int]) -> bool:
    """`…, die FDP trauert den letzten Meilern nach`: a clause with a subject and verb of its own."""
    first = v.toks[toks[0]]
    if first.tag_ in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "PTKZU") or first.text.lower() in OPENERS:
        return False
    if any(is_konjunktiv1(v.toks[i]) for i in toks):
        return False  # indirect speech: `erklärte, die Union habe …`
    finite = next((i for i in toks if v.toks[i].tag_ in FINITE), None)
    return finite is not None and finite != toks[-1] and finite <= toks[0] + 4 and \
        any(v.toks[i].tag_ in ("NN", "NE", "PPER") for i in toks if i < finite)


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
    own = [i for i in v.seg_tokens(seg) if i not in frame and not v.toks[i].is_punct and i != hit.i]
    return rest or own


def _frame_object(v: SentenceView, own: list[int]) -> bool:
    """Is the object only a placeholder for the clause after it (`dafür, …`, `die Erwartung, …`)?"""
    nouns = [i for i in own if v.toks[i].tag_ in ("NN", "NE")]
    lows = {v.toks[i].text.lower() for i in own}
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
    segs = sorted({v.segs[i] for i in best})
    while len(segs) > 1 and _matrix_frame(v, [i for i in best if v.segs[i] == segs[0]]) \
            and _opens_complement(v, [i for i in best if v.segs[i] == segs[1]]):
        best = [i for i in best if v.segs[i] != segs[0]]
        segs = segs[1:]
    return best


def _matrix_frame(v: SentenceView, toks: list[int]) -> bool:
    """A clause that names nothing of its own: no noun but frame nouns, or a placeholder."""
    nouns = [i for i in toks if v.toks[i].tag_ in ("NN", "NE")]
    lows = {v.toks[i].text.lower() for i in toks}
    nouns = [i for i in nouns if v.toks[i].lemma_.lower() not in words("setting")]
    return all(v.toks[i].lemma_.lower() in words("frame") | words("anaphor") for i in nouns) and \
        (not nouns or bool(lows & words("placeholder")) or any(v.toks[i].text.lower() in ("kein", "keine", "keinen") for i in toks))


def _opens_complement(v: SentenceView, toks: list[int]) -> bool:
    """`dass …`, `ob …`, `… zu tun`: a complement clause."""
    words_ = [i for i in toks if not v.toks[i].is_punct]
    return bool(words_) and (v.toks[words_[0]].text.lower() in ("dass", "ob")
                             or any(v.toks[i].tag_ in ("VVIZU", "PTKZU") for i in words_))


def _tidy(v: SentenceView, idx: list[int]) -> list[int]:
    """Drop quotation marks, openers (`dass`, `und`), leading articles and sentence adverbs,
    relative clauses after the first clause, and cut to MAX_WORDS at a clause border."""
    adverbs = words("adverb")
    idx = [i for i in sorted(set(idx)) if v.toks[i].text not in QUOTES
           and not (v.toks[i].text.lower() in adverbs and v.toks[i].tag_ in ("ADV", "ADJD", "KON", "PTKVZ")
                    and not modifies_noun(v, i))]
    while idx and (v.toks[idx[0]].text.lower() in OPENERS or v.toks[idx[0]].tag_ in ("KON", "KOUS", "$,", "$.")
                   or v.toks[idx[0]].text in ",;:-–"):
        idx = idx[1:]
    verbless = not any(v.toks[i].tag_.startswith(("VV", "VA", "VM", "PTKZU")) for i in idx)
    if verbless and len(idx) > 1 and v.toks[idx[0]].tag_ in ("APPR", "APPRART") \
            and v.toks[idx[0]].text.lower() in NOUN_PREPS | {"beim", "zum", "zur", "am", "im", "vom"} \
            and _one_phrase(v, idx[1:]):
        idx = idx[1:]  # `Kritik an der Rente mit 70`: the prepositional object's noun phrase
    if verbless and len(idx) > 1 and v.toks[idx[0]].tag_ == "ART" \
            and v.toks[idx[1]].tag_ in ("NN", "ADJA", "NE", "ADV", "CARD"):
        idx = idx[1:]
    while idx and (v.toks[idx[-1]].is_punct or v.toks[idx[-1]].tag_ in ("KON", "APPR", "ART")):
        idx = idx[:-1]
    if len([i for i in idx if not v.toks[i].is_punct]) > MAX_WORDS:
        idx = _first_clauses(v, idx)
    return idx


def _one_phrase(v: SentenceView, idx: list[int]) -> bool:
    """Is this one noun phrase (with its attributes) rather than two phrases side by side
    (`vor Waffenruhe volle Kontrolle`)? After the first noun comes a preposition, a
    genitive, a conjunction or nothing."""
    noun = next((n for n, i in enumerate(idx) if v.toks[i].tag_ in ("NN", "NE")), None)
    if noun is None:
        return False
    nxt = idx[noun + 1] if noun + 1 < len(idx) else None
    return nxt is None or v.toks[nxt].tag_ in ("APPR", "APPRART", "KON", "NE", "$,", "$(", "CARD") \
        or v.toks[nxt].text.lower() in ("des", "der")


def _first_clauses(v: SentenceView, idx: list[int]) -> list[int]:
    """A long claim keeps its clauses up to MAX_WORDS words, never a clause cut in half
    (a first clause longer than that is kept whole)."""
    out: list[int] = []
    for s in sorted({v.segs[i] for i in idx}):
        part = [i for i in idx if v.segs[i] == s]
        if out and len(out) + len(part) > MAX_WORDS:
            break
        out += part
    while out and (v.toks[out[-1]].is_punct or v.toks[out[-1]].tag_ in ("KON",)):
        out = out[:-1]
    return out


def _has_content(v: SentenceView, idx: list[int]) -> bool:
    """At least one content noun or full verb that is no pronoun or placeholder."""
    return any(v.toks[i].tag_.startswith(("NN", "NE", "VV", "FM", "TRUNC"))
               and v.toks[i].text.lower() not in words("placeholder") for i in idx)


def _anaphor(v: SentenceView, idx: list[int]) -> bool:
    """`dies`, `das`, `diese Darstellung`, `die Entscheidung`: pointing back, naming nothing."""
    content = [i for i in idx if not v.toks[i].is_punct]
    if not content:
        return False
    if all(v.toks[i].text.lower() in words("placeholder") or v.toks[i].tag_ in ("PDS", "PPER", "PRF", "PIS")
           for i in content):
        return True
    nouns = [i for i in content if v.toks[i].tag_ in ("NN", "NE")]
    return len(content) <= 2 and len(nouns) == 1 and v.toks[nouns[0]].lemma_.lower() in words("anaphor") \
        and all(v.toks[i].tag_ in ("ART", "PDAT", "NN") for i in content)


def _head(v: SentenceView, idx: list[int]) -> str | None:
    """The lemma of the claim's first noun, else of its first full verb."""
    for tags in (("NN",), ("NE",), ("VV",)):
        for i in idx:
            if v.toks[i].tag_.startswith(tags) and v.toks[i].text.lower() not in words("placeholder"):
                return v.toks[i].lemma_
    return None


def _infinitive(v: SentenceView, idx: list[int]) -> list[int | str]:
    """`wir halten an X fest` -> `an X festhalten`, `würden wir X in Erwägung ziehen` ->
    `X in Erwägung ziehen`: a first clause whose subject is the speaker (`wir`, `ich`,
    `man`, `er`, `sie`) loses subject and finite verb; a full verb comes back at the end
    as infinitive (with its particle). Other clauses keep their words as they stand."""
    first = [i for i in idx if v.segs[i] == v.segs[idx[0]]]
    finite = next((i for i in first if v.toks[i].tag_ in FINITE), None)
    if finite is None:
        return list(idx)
    subject = [i for i in first if abs(i - finite) <= 2 and v.toks[i].tag_ == "PPER"
               and v.toks[i].text.lower() in SPEAKER_PRONOUNS - {"uns", "mich", "mir", "ihm", "ihr"}]
    if not subject or any(v.toks[i].tag_ in ("NN", "NE") for i in first if i < min(subject[0], finite)):
        return list(idx)
    rest = [i for i in idx if i not in (subject[0], finite)]
    tok = v.toks[finite]
    if tok.tag_ == "VVFIN":
        particle = next((i for i in first if v.toks[i].tag_ == "PTKVZ" and i > finite), None)
        rest = [i for i in rest if i != particle]
        prefix = v.toks[particle].text.lower() if particle is not None else ""
        verb = tok.lemma_ if tok.lemma_.startswith(prefix) else prefix + tok.lemma_
        return rest[:len([i for i in rest if v.segs[i] == v.segs[idx[0]]])] + [verb] + \
            rest[len([i for i in rest if v.segs[i] == v.segs[idx[0]]]):]
    if not any(v.toks[i].tag_ in ("VVINF", "VVPP", "VVIZU", "VAINF", "VMINF") for i in first):
        return list(idx)  # `wir sind dagegen`: nothing to say it with but the finite verb
    return rest


def _text(v: SentenceView, idx: list[int | str]) -> str:
    """The tokens with the article's own spacing; a gap between them becomes one space,
    a rebuilt word (str) stands with spaces."""
    out = []
    for n, i in enumerate(idx):
        if isinstance(i, str):
            out.append(i + " ")
            continue
        t = v.toks[i]
        out.append(t.text)
        if n + 1 < len(idx):
            nxt = idx[n + 1]
            out.append(t.whitespace_ if isinstance(nxt, int) and nxt == i + 1 else " ")
    return " ".join("".join(out).split()).strip(" ,.:;-–")
