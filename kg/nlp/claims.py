"""The claim of a statement: the proposition the actor takes a side on, in the article's words.

The claim is the complement of the cue -- its object noun phrase (`lehnt die
Vermögensteuer ab`), the clause it governs (`fordert, dass …`, `schlug vor, … zu
senken`), the quotation, or what a stance noun is about (`Forderung nach X`) -- without
the reporting frame: the speaker, the cue with its particle, auxiliaries and reflexive,
negation of the cue (the stance carries it: the claim is written positively), and the
time, place and medium of the speaking (`am Montag`, `auf Twitter`). It keeps whole words
and the article's spelling. A claim that is only a pronoun (`Kiew lehnt dies ab`) stands
for something said before: `resolve_anaphors` gives it the claim of the statement before.

Which words count as frame is data (`data/claim_words.tsv`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.nlp import resources
from kg.nlp.mentions import Mention
from kg.nlp.triggers import Hit, SentenceView, clause_of, governed

MAX_WORDS = 14
QUOTES = {'"', "„", "“", "«", "»", "”", "‚", "‘", "'"}
FINITE = {"VVFIN", "VAFIN", "VMFIN"}
CONTENT_TAGS = ("NN", "NE", "VV", "ADJA", "ADJD", "CARD", "TRUNC", "FM")
DETERMINERS = {"ART", "PDAT", "PIAT", "PPOSAT", "PIDAT"}
OPENERS = {"dass", "ob", "und", "aber", "doch", "denn", "sondern", "oder", "sowie"}
REPORT_CLAUSE = {"sagte", "sagt", "erklärte", "betonte", "meinte", "fügte", "so"}
NOUN_PREPS = {"nach", "an", "auf", "für", "gegen", "zu", "zur", "zum", "über", "um", "vor", "von", "mit"}


@dataclass(frozen=True)
class Claim:
    """A claim: its text, the lemma of its head word (the first content noun, else verb),
    and whether it stands for something said before (`dies`, `die Entscheidung`)."""

    text: str
    head: str | None
    anaphoric: bool = False


@lru_cache(maxsize=None)
def words(kind: str) -> frozenset[str]:
    """The words of one kind in data/claim_words.tsv."""
    return frozenset(w for k, w in (r[:2] for r in resources._rows("claim_words.tsv")) if k == kind)


def claim_text(v: SentenceView, hit: Hit, holder: Mention | None) -> str:
    """The proposition as a short phrase in the article's words (see the module docstring)."""
    return claim_of(v, hit, holder).text


def claim_of(v: SentenceView, hit: Hit, holder: Mention | None) -> Claim:
    """The claim of a cue and its holder in one sentence."""
    frame = _frame(v, hit, holder)
    idx = [i for i in _region(v, hit, holder, frame) if i not in frame]
    idx = _tidy(v, idx)
    if not _has_content(v, idx):
        if idx and _anaphor(v, idx):
            return Claim(_text(v, idx), None, anaphoric=True)
        idx = _tidy(v, [i for i in range(len(v.toks)) if i not in frame and v.toks[i].tag_ in ("NN", "NE")][:3])
    if not idx:
        return Claim(v.sent.text.strip()[:120], None, anaphoric=True)
    return Claim(_text(v, idx), _head(v, idx), anaphoric=_anaphor(v, idx))


def resolve_anaphors(statements: list, window: int = 2) -> None:
    """`Russland fordert X. Kiew lehnt dies ab.`: a claim that only points back takes the
    claim of the latest statement before it (within `window` sentences) that has its own."""
    last: tuple[int, str] | None = None
    for st in sorted(statements, key=lambda s: (s.sent, s.start)):
        if anaphoric_text(st.claim):
            if last is not None and st.sent - last[0] <= window:
                st.claim = last[1]
            continue
        last = (st.sent, st.claim)


def anaphoric_text(text: str) -> bool:
    """Does a claim's text only point back (`dies`, `diese Darstellung`, `die Entscheidung`)?"""
    toks = text.lower().split()
    if not toks:
        return True
    if all(w in words("placeholder") for w in toks):
        return True
    return len(toks) <= 2 and toks[-1] in words("anaphor") and (len(toks) == 1 or toks[0].startswith(("d", "jen")))


def _frame(v: SentenceView, hit: Hit, holder: Mention | None) -> set[int]:
    """Tokens of the reporting act: holder (with its article, adjectives and apposition),
    other subjects of the cue's clause, the cue with its particle, reflexive, auxiliaries,
    the companions of a multi-word cue, negation, sentence adverbs, and time, place and
    medium adverbials of the cue's clause."""
    out = {hit.i}
    if hit.evidence in ("continuation", "marker", "headline"):
        return out | _holder_span(v, holder) | _marker_words(v, hit, holder)
    seg = v.segs[hit.i]
    seg_toks = v.seg_tokens(seg)
    out |= _holder_span(v, holder)
    for x in v.mentions:
        if v.segs[v.local(x)] == seg and not governed(v, x) and not v.mask[v.local(x)] and _subject_like(v, x, hit):
            out |= _holder_span(v, x)
    own = _phrase_words(v, hit) | {"sich"}
    neg = resources.negations()
    for i in seg_toks:
        t = v.toks[i]
        low = t.text.lower()
        if v.mask[i]:
            continue
        if t.tag_ == "PTKVZ" or (t.tag_ in ("VAFIN", "VMFIN", "VAINF", "VAPP") and i != hit.i) \
                or low in own or t.lemma_.lower() in own or (low in neg and t.tag_ in ("PTKNEG", "PIAT", "PIS")):
            out.add(i)
    out |= _adverbials(v, seg_toks)
    return out


def _subject_like(v: SentenceView, x: Mention, hit: Hit) -> bool:
    """A co-subject of the cue (`Grüne und SPD bejubeln …`), not its object (`kritisierte Wüst`)."""
    start = v.local(x)
    finite = next((i for i in v.seg_tokens(v.segs[hit.i]) if v.toks[i].tag_ in FINITE and not v.mask[i]), hit.i)
    if start < finite:
        return True
    before = v.toks[start - 1] if start else None
    return before is not None and before.i == v.toks[finite].i and before.tag_ in FINITE and x.kind != "pronoun" \
        and not (start + 1 < len(v.toks) and v.toks[start + 1].tag_ in ("NN",))


def _holder_span(v: SentenceView, m: Mention | None) -> set[int]:
    """The holder's tokens with the article and adjectives before them (`der österreichische
    Bundeskanzler …`) and a following apposition between commas (`X, Chefin der Grünen, …`)."""
    if m is None or m.start not in v.pos:
        return set()
    start, end = v.local(m), v.pos[m.end - 1]
    while start > 0 and v.toks[start - 1].tag_ in ("ART", "ADJA", "PPOSAT") and v.segs[start - 1] == v.segs[start]:
        start -= 1
    while start > 0 and v.toks[start - 1].tag_ == "NN" and v.toks[start].tag_ == "NE" \
            and (start == 1 or v.toks[start - 2].tag_ in FINITE | {"$,", "$."} or v.segs[start - 2] != v.segs[start]):
        start -= 1  # `Oppositionsführer Merz`
    span = set(range(start, end + 1))
    if end + 1 < len(v.toks) and v.toks[end + 1].text == ",":
        nxt = v.seg_tokens(v.segs[end + 1] + 1) if v.segs[end + 1] + 1 <= v.segs[-1] else []
        if nxt and v.toks[nxt[-1]].text == "," and not any(v.toks[i].tag_.startswith("V") for i in nxt) \
                and len(nxt) <= 8 and v.toks[nxt[0]].tag_ not in ("KOUS", "PRELS"):
            span |= {end + 1} | set(nxt)  # the apposition
    return span


def _marker_words(v: SentenceView, hit: Hit, holder: Mention | None) -> set[int]:
    """`laut X`, `X zufolge`, `nach Angaben von X`, `hieß es`: the source phrase."""
    out = set()
    if holder is None or hit.evidence != "marker":
        return out
    start, end = v.local(holder), v.pos[holder.end - 1]
    j = start - 1
    while j >= 0 and (v.toks[j].tag_ in ("ART", "ADJA", "APPR", "APPRART", "APPO", "NN", "PPOSAT")) and start - j <= 4:
        out.add(j)
        j -= 1
    for j in range(end + 1, min(end + 3, len(v.toks))):
        if v.toks[j].tag_ in ("APPO", "VVFIN", "PPER") or v.toks[j].text.lower() in ("zufolge", "es", "hieß", "heißt"):
            out.add(j)
    return out


def _adverbials(v: SentenceView, idx: list[int]) -> set[int]:
    """Sentence adverbs and the time, place and medium of the speaking in the cue's clause:
    `am Montag`, `auf Twitter`, `im Gespräch mit der dpa`, `aus meiner Sicht`."""
    out = set()
    setting, time = words("setting"), words("time")
    for i in idx:
        t = v.toks[i]
        low = t.text.lower()
        if t.tag_ in ("ADV", "ADJD") and not _modifies_noun(v, i):
            if low in words("adverb") or t.tag_ == "ADJD" or low in time:
                out.add(i)
        if t.tag_ in ("NN", "NE") and (t.lemma_.lower() in setting | time or low in setting | time):
            out |= _phrase_around(v, i)
    return out


def _modifies_noun(v: SentenceView, i: int) -> bool:
    """`eine deutlich höhere Steuer`: an adverb inside a noun phrase belongs to it."""
    j = i + 1
    while j < len(v.toks) and v.toks[j].tag_ in ("ADV", "ADJD"):
        j += 1
    return j < len(v.toks) and v.toks[j].tag_ in ("ADJA", "CARD") and v.segs[j] == v.segs[i]


def _phrase_around(v: SentenceView, i: int) -> set[int]:
    """A noun with its preposition, determiners and adjectives, and a genitive or `mit`
    phrase after it (`im „Interview der Woche“ des Deutschlandfunks`)."""
    start = i
    while start > 0 and (v.toks[start - 1].tag_ in DETERMINERS | {"ADJA", "APPR", "APPRART", "CARD"}
                         or v.toks[start - 1].text in QUOTES) and v.segs[start - 1] == v.segs[i]:
        start -= 1
        if v.toks[start].tag_ in ("APPR", "APPRART"):
            break
    end = i
    while end + 1 < len(v.toks) and v.segs[end + 1] == v.segs[i] and (
            v.toks[end + 1].tag_ in ("ART", "ADJA", "NN", "NE") or v.toks[end + 1].text in QUOTES
            or v.toks[end + 1].text.lower() == "mit"):
        end += 1
        if v.toks[end].tag_ == "ART" and v.toks[end].text.lower() not in ("des", "der"):
            end -= 1
            break
    return set(range(start, end + 1))


def _phrase_words(v: SentenceView, hit: Hit) -> set[str]:
    """The companions of a multi-word cue (`stellt sich quer`, `erteilte eine Absage`)."""
    if hit.evidence != "phrase":
        return set()
    entries = resources.phrases().get(v.toks[hit.i].lemma_, [])
    return {c.lower() for comps, trig in entries if trig == hit.trigger for c in comps}


def _region(v: SentenceView, hit: Hit, holder: Mention | None, frame: set[int]) -> list[int]:
    """Where the claim is: a quotation; for `…, sagte er` the clauses before; for a stance
    noun what follows it; else the cue's object, or the clause it governs."""
    quoted = [i for i, q in enumerate(v.mask) if q and not v.toks[i].is_punct]
    if len(quoted) >= 3 and not v.mask[hit.i]:
        return quoted
    if hit.evidence in ("continuation", "marker"):
        return [i for i in range(len(v.toks)) if not v.toks[i].is_punct or v.toks[i].text in ",-/"]
    if hit.evidence == "headline":
        return list(range(hit.i + 1, len(v.toks)))
    seg = v.segs[hit.i]
    seg_toks = v.seg_tokens(seg)
    before = [i for i in range(seg_toks[0]) if v.segs[i] < seg]
    first_word = next((i for i in seg_toks if not v.toks[i].is_punct), hit.i)
    if hit.trigger.report and before and first_word == hit.i:
        return before
    if hit.evidence == "noun":
        return _noun_complement(v, hit, frame)
    own = _own_part(v, hit, frame)
    after = _governed_clauses(v, seg)
    if after and (hit.trigger.report or not _has_content(v, own) or _frame_object(v, own)):
        return after
    return own or after


def _own_part(v: SentenceView, hit: Hit, frame: set[int]) -> list[int]:
    """The cue's clause outside the frame, restricted to the cue's own predicate when
    several are coordinated (`schließt X aus und setzt auf Y`)."""
    seg = v.segs[hit.i]
    part = clause_of(v, hit.i)
    return [i for i in v.seg_tokens(seg) if i not in frame and not v.toks[i].is_punct
            and clause_of(v, i) == part and not (v.toks[i].text.lower() in ("und", "oder") and i > hit.i
                                                  and i + 1 < len(v.toks) and v.toks[i + 1].tag_ in FINITE)]


def _governed_clauses(v: SentenceView, seg: int) -> list[int]:
    """The clauses after the cue's that it governs: a `dass`/`ob`/`wie` clause, a
    `zu`-infinitive, indirect speech -- up to a new main clause or a `sagte`-frame."""
    out = []
    last = v.segs[-1]
    for s in range(seg + 1, last + 1):
        toks = [i for i in v.seg_tokens(s) if not v.toks[i].is_punct or v.toks[i].text in "-/"]
        if not toks:
            continue
        lows = {v.toks[i].text.lower() for i in toks}
        if lows & REPORT_CLAUSE and any(v.toks[i].tag_ == "VVFIN" for i in toks) and out:
            break  # `…, sagte er`
        if out and _new_main_clause(v, toks):
            break
        out += toks
    return out


def _new_main_clause(v: SentenceView, toks: list[int]) -> bool:
    """`…, die FDP trauert den letzten Meilern nach`: a clause with a subject and verb of its own."""
    first = v.toks[toks[0]]
    if first.tag_ in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "PTKZU") or first.text.lower() in OPENERS:
        return False
    finite = next((i for i in toks if v.toks[i].tag_ in FINITE), None)
    return finite is not None and finite != toks[-1] and finite <= toks[0] + 4 and \
        any(v.toks[i].tag_ in ("NN", "NE", "PPER") for i in toks if i < finite)


def _noun_complement(v: SentenceView, hit: Hit, frame: set[int]) -> list[int]:
    """`Forderung nach X`, `Kritik an X`, `Forderung, X zu tun`, `kein Verständnis für X`."""
    seg = v.segs[hit.i]
    rest = [i for i in v.seg_tokens(seg) if i > hit.i and i not in frame and not v.toks[i].is_punct]
    if rest and v.toks[rest[0]].text.lower() in ("der", "des") and v.toks[rest[0]].tag_ == "ART":
        rest = [i for i in rest if not any(v.local(m) <= i <= v.pos[m.end - 1] for m in v.mentions)]
        rest = rest[1:] if rest and v.toks[rest[0]].tag_ == "ART" else rest  # `die Forderung der FDP nach …`
    if rest and v.toks[rest[0]].text.lower() in NOUN_PREPS and v.toks[rest[0]].tag_ in ("APPR", "APPRART"):
        return rest
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


def _tidy(v: SentenceView, idx: list[int]) -> list[int]:
    """Drop quotation marks, openers (`dass`, `und`), leading articles and sentence adverbs,
    relative clauses after the first clause, and cut to MAX_WORDS at a clause border."""
    adverbs = words("adverb")
    idx = [i for i in sorted(set(idx)) if v.toks[i].text not in QUOTES and v.toks[i].tag_ != "$("
           and not (v.toks[i].text.lower() in adverbs and v.toks[i].tag_ in ("ADV", "ADJD", "KON", "PTKVZ")
                    and not _modifies_noun(v, i))]
    while idx and (v.toks[idx[0]].text.lower() in OPENERS or v.toks[idx[0]].tag_ in ("KON", "KOUS", "$,", "$.")
                   or v.toks[idx[0]].text in ",;:-–"):
        idx = idx[1:]
    if len(idx) > 1 and v.toks[idx[0]].tag_ == "ART" and v.toks[idx[1]].tag_ in ("NN", "ADJA", "NE", "ADV", "CARD"):
        idx = idx[1:]
    while idx and (v.toks[idx[-1]].is_punct or v.toks[idx[-1]].tag_ in ("KON", "APPR", "ART")):
        idx = idx[:-1]
    if len([i for i in idx if not v.toks[i].is_punct]) > MAX_WORDS:
        idx = _first_clauses(v, idx)
    return idx


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


def _text(v: SentenceView, idx: list[int]) -> str:
    """The tokens with the article's own spacing; a gap between them becomes one space."""
    out = []
    for n, i in enumerate(idx):
        t = v.toks[i]
        out.append(t.text)
        if n + 1 < len(idx):
            out.append(t.whitespace_ if idx[n + 1] == i + 1 else " ")
    return "".join(out).strip(" ,.:;-–")
