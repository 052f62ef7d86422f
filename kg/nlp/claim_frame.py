"""What a claim is not: the reporting frame around it (kg.nlp.claims).

The frame of a statement is the holder with its article, adjectives, role noun and
apposition (`der österreichische Bundeskanzler …`, `X, Chefin der Grünen,`), co-holders
joined by `und`, the cue with its particle, auxiliaries and reflexive, the companions of
a multi-word cue (`erteilte eine klare Absage`), negation of the cue, adverbs of the
speaking, a Vorfeld adverbial (`Auf Reisen in Kirgistan bekräftigte er …`), and the
time, place and medium of the speaking (`am Montag`, `auf Twitter`, `im Interview`).
The words for the last are data: `data/claim_words.tsv`.
"""
from __future__ import annotations

from functools import lru_cache

from kg.nlp import resources
from kg.nlp.clause_model import clause_at
from kg.nlp.german import FINITE, MONTHS, RELATIVE, SOURCE_PREPOSITIONS
from kg.nlp.article_actors import Mention
from kg.nlp.sentence_view import Hit, SentenceView

QUOTES = {'"', "„", "“", "«", "»", "”", "‚", "‘", "'"}
DETERMINERS = {"ART", "PDAT", "PIAT", "PPOSAT", "PIDAT"}
SETTING_PREPOSITIONS = {"in", "im", "auf", "bei", "beim", "per", "via", "gegenüber", "am", "aus", "vor", "während",
                        "nach", "laut"}
MONTH_WORDS = {"Mitte", "Anfang", "Ende"} | set(MONTHS)
CUE_TAGS = frozenset(("PTKVZ", "VAFIN", "VMFIN", "VAINF", "VAPP"))  # particle and auxiliaries of the cue
NEGATION_TAGS = frozenset(("PTKNEG", "PIAT", "PIS"))
SINCE_WHEN = {"langem", "kurzem", "jeher", "längerem", "jahren", "jahrzehnten", "monaten", "wochen"}


@lru_cache(maxsize=None)
def words(kind: str) -> frozenset[str]:
    """The words of one kind in data/claim_words.tsv."""
    rows = (line.split("\t") for line in (resources.DATA / "claim_words.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return frozenset(r[1].strip() for r in rows if r[0] == kind)


def frame_of(v: SentenceView, hit: Hit, holder: Mention | None) -> set[int]:
    """Tokens of the reporting act: holder (with its article, adjectives and apposition),
    co-holders, the cue with its particle, reflexive, auxiliaries, the companions of a
    multi-word cue, negation of the cue, sentence adverbs, a Vorfeld adverbial, and the
    time, place and medium of the speaking in the cue's clause."""
    if hit.evidence == "continuation":  # no cue in the sentence: nothing but the speaker's words
        return set()
    held = _holder_span(v, holder)
    out = {hit.i} | held
    if hit.evidence in ("marker", "headline"):
        return out | _marker_words(v, hit, holder)
    seg_toks = v.seg_tokens(v.segs[hit.i])
    for x in v.mentions:
        if x is not holder and _co_holder(v, x, holder):
            held |= _holder_span(v, x)
    relative = _relative_on(v, max(held)) if held else set()  # after the holder or the last co-holder
    out |= held | (relative if hit.i not in relative else set())  # `Der Städtetag, der … fordert`: the cue's own
    own = _phrase_words(v, hit) | {"sich"}
    neg = resources.negations()
    reaction = resources.reaction_adjectives() if hit.evidence == "phrase" else ()
    quoted = v.mask[hit.i]
    for i in seg_toks:  # the cue's own words, in its clause and on its side of a quotation
        if v.mask[i] != quoted:
            continue
        t = v.toks[i]
        if t.tag_ in CUE_TAGS:
            out.add(i)
            continue
        low, lemma = t.text.lower(), t.lemma_.lower()
        if low in own or lemma in own or (low in neg and t.tag_ in NEGATION_TAGS) or low in reaction \
                or lemma in reaction:
            out.add(i)
    out |= _companion_phrases(v, seg_toks, own) | _as_role(v, hit, seg_toks) | _place(v, hit, seg_toks)
    out |= _adverbials(v, seg_toks)
    if hit.evidence != "noun":
        out |= _vorfeld(v, hit, holder)
    relative = next((i for i in seg_toks if not v.toks[i].is_punct), None)
    if relative is not None and v.toks[relative].tag_ in ("PRELS", "PRELAT") or \
            (relative is not None and v.toks[relative].text in ("der", "die", "das") and v.subordinate(v.segs[hit.i])):
        out.add(relative)  # `Der Städtetag, der … fordert`: the relative pronoun is the holder
    return out


def _co_holder(v: SentenceView, x: Mention, holder: Mention | None) -> bool:
    """`Grüne und SPD bejubeln …`: a mention joined to the holder by `und` or `sowie`, or by
    a comma within one clause (not `sagte Putin, Russland könnte …`)."""
    if holder is None or holder.start not in v.pos or x.start not in v.pos:
        return False
    a, b = sorted((v.local(holder), v.local(x)))
    first = holder if v.local(holder) == a else x
    between = v.toks[v.pos[first.end - 1] + 1:b]
    joined = any(t.text.lower() in ("und", "sowie") for t in between) or v.segs[a] == v.segs[b]
    return joined and 0 < len(between) <= 2 and all(t.text.lower() in ("und", "sowie", ",") or t.tag_ == "ART"
                                                     for t in between)


def _companion_phrases(v: SentenceView, seg_toks: list[int], own: set[str]) -> set[int]:
    """`Eine klare Absage erteilte …`: the whole noun phrase of a multi-word cue's noun."""
    out = set()
    for i in seg_toks:
        if v.toks[i].tag_ == "NN" and (v.toks[i].lower_ in own or v.toks[i].lemma_.lower() in own):
            j = i
            while j > 0 and v.toks[j - 1].tag_ in DETERMINERS | {"ADJA", "ADV", "ADJD", "APPR", "APPRART"} \
                    and v.segs[j - 1] == v.segs[i]:
                j -= 1
                if v.toks[j].tag_ in ("APPR", "APPRART"):
                    break  # `in Aussicht stellen`
            out |= set(range(j, i + 1))
    return out


def _place(v: SentenceView, hit: Hit, seg_toks: list[int]) -> set[int]:
    """`sagte X in Hamburg`, `Das bekräftigte X in Hamburg`: where a verb of saying was said,
    or a cue whose object only points back (`Das`), is no part of the claim."""
    first = next((i for i in seg_toks if not v.toks[i].is_punct), None)
    pointing = first is not None and v.toks[first].lower_ in ("das", "dies") \
        and v.toks[first].tag_ in ("PDS", "ART")
    if not (hit.trigger.report or pointing):
        return set()
    out = set()
    for i in seg_toks:
        if v.toks[i].lower_ in ("in", "aus") and not v.mask[i] and i + 1 < len(v.toks) \
                and v.toks[i + 1].tag_ == "NE" and v.segs[i + 1] == v.segs[i]:
            j = i + 1
            while j + 1 < len(v.toks) and v.toks[j + 1].tag_ == "NE" and v.segs[j + 1] == v.segs[i]:
                j += 1
            out |= set(range(i, j + 1))
    return out


def _as_role(v: SentenceView, hit: Hit, seg_toks: list[int]) -> set[int]:
    """`lehnte als einziges Land das Papier ab`, `forderte als Bedingung X`: an `als` phrase
    says in which role the holder speaks (not with verbs of naming: `nannte X als Y`)."""
    if v.toks[hit.i].lemma_ in words("naming_as"):
        return set()
    out = set()
    for i in seg_toks:
        if v.toks[i].lower_ != "als" or v.mask[i] or i + 1 >= len(v.toks):
            continue
        j = i + 1
        while j < len(v.toks) and v.toks[j].tag_ in ("ART", "ADJA", "PIAT", "PPOSAT", "ADV") and v.segs[j] == v.segs[i]:
            j += 1
        if j < len(v.toks) and v.toks[j].tag_ == "NN" and v.segs[j] == v.segs[i]:
            out |= set(range(i, j + 1))
    return out


def _vorfeld(v: SentenceView, hit: Hit, holder: Mention | None) -> set[int]:
    """In the cue's main clause, a Vorfeld that holds the holder is all holder (`Der
    Innenpolitiker X vom Koalitionspartner SPD kündigte an`); one that opens with a
    preposition, an adverb or a number (`Zehn Jahre nach …`) is an adverbial of the speaking (`Auf Reisen in Kirgistan
    bekräftigte er`), not the claim. A topicalised object (`Einen Wechsel schloss X aus`) stays."""
    clause = clause_at(v.sent.doc, v.toks[hit.i].i)
    if clause is None or clause.kind != "main" or not clause.vorfeld or clause.quoted:
        return set()
    vf = [v.pos[i] for i in clause.vorfeld if i in v.pos and v.segs[v.pos[i]] == v.segs[hit.i]]
    if not vf or any(v.mask[i] for i in vf):
        return set()
    has_holder = holder is not None and holder.start in v.pos and v.local(holder) in vf
    first = v.toks[vf[0]]
    if has_holder or first.tag_ in ("APPR", "APPRART", "ADV", "PROAV", "CARD") or first.text in MONTH_WORDS:
        return set(vf)
    return set()


def _holder_span(v: SentenceView, m: Mention | None) -> set[int]:
    """The holder's tokens with the article, adjectives, a role noun or genitive name and a
    source preposition before them (`von den Richtern`, `Frankreichs Präsident …`), and a
    following apposition between commas (`X, Chefin der Grünen, …`)."""
    if m is None or m.start not in v.pos:
        return set()
    start, end = v.local(m), v.pos[m.end - 1]
    seg = v.segs[start]
    while start > 0 and v.segs[start - 1] == seg and (
            v.toks[start - 1].tag_ in ("ART", "ADJA", "PPOSAT")
            or (v.toks[start - 1].text in ("der", "die", "das") and start - 1 in v.seg_tokens(seg)[:2])
            or (v.toks[start - 1].tag_ == "NN" and v.toks[start].tag_ == "NE")
            or (v.toks[start - 1].tag_ == "NE" and v.toks[start - 1].text.endswith("s")
                and v.toks[start].tag_ == "NN")):
        start -= 1
    if start > 0 and v.toks[start - 1].lower_ in SOURCE_PREPOSITIONS | {"durch"} and v.segs[start - 1] == seg:
        start -= 1
    if end + 3 < len(v.toks) and v.toks[end + 1].text == "(" and v.toks[end + 3].text == ")":
        end += 3  # `Olaf Scholz (SPD)`
    return set(range(start, end + 1)) | _appositions(v, start, end)


def _appositions(v: SentenceView, start: int, end: int) -> set[int]:
    """`X, Chefin der Grünen, wertete …` (after the holder, closed by a comma) and `Die
    Präsidentin der KMK, X (SPD), wies …` (a noun phrase opening the sentence before it):
    verbless segments between commas that name the holder again."""
    out, seg, last = set(), v.segs[end], v.segs[-1]
    if seg < last and v.toks[end + 1].text == "," and _apposition(v, seg + 1) and \
            (seg + 1 == last or v.toks[v.seg_tokens(seg + 2)[0]].text in (",", "-", "–")):
        out |= set(v.seg_tokens(seg + 1))
    first = v.seg_tokens(v.segs[start])
    if v.segs[start] == 1 and v.toks[first[0]].text == "," and start <= first[1] + 1 and _apposition(v, 0):
        out |= set(v.seg_tokens(0))
    return out


def _relative_on(v: SentenceView, end: int) -> set[int]:
    """`Die FDP, die sich lange zurückgehalten hatte, lehnt das ab`: a relative clause right
    after the holder says who the holder is, not what they hold."""
    if end + 2 >= len(v.toks) or v.toks[end + 1].text != ",":
        return set()
    first, seg = end + 2, v.segs[end + 2]
    if not (v.toks[first].tag_ in ("PRELS", "PRELAT")
            or (v.toks[first].lower_ in RELATIVE and v.subordinate(seg))):
        return set()
    return set(v.seg_tokens(seg)) | {end + 1}


def _apposition(v: SentenceView, seg: int) -> bool:
    """A short verbless segment that opens with a noun phrase, not a clause or an adverbial."""
    words = [i for i in v.seg_tokens(seg) if not v.toks[i].is_punct]
    return 0 < len(words) <= 10 and not any(v.toks[i].tag_.startswith("V") or v.mask[i] for i in words) \
        and v.toks[words[0]].tag_ not in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "ADV", "APPR")


def _marker_words(v: SentenceView, hit: Hit, holder: Mention | None) -> set[int]:
    """`laut X`, `X zufolge`, `nach Angaben von X`, `hieß es`: the source phrase."""
    out = set()
    if holder is None or hit.evidence != "marker":
        return out
    start, end = v.local(holder), v.pos[holder.end - 1]
    opener = next((j for j in range(start - 1, max(start - 13, -1), -1)
                   if v.toks[j].lower_ in ("laut", "gemäß") and not v.mask[j]), None)
    if opener is not None:  # `Laut der Leiterin eines Jobcenters im Ruhrgebiet, Sabine Krämer, fehlt …`
        finite = next((j for j in range(end + 1, len(v.toks)) if v.toks[j].tag_ in FINITE and not v.mask[j]), None)
        stop = finite if opener == 0 and finite is not None else max(v.seg_tokens(v.segs[end]))
        out |= set(range(opener, stop))
    j = start - 1
    while j >= 0 and (v.toks[j].tag_ in ("ART", "ADJA", "APPR", "APPRART", "APPO", "NN", "PPOSAT")
                      or v.toks[j].lower_ == "so") and start - j <= 4:
        out.add(j)  # `…, so die Ministerin`
        j -= 1
    so = j + 1 < start and v.toks[j + 1].lower_ == "so"
    for j in range(end + 1, min(end + 3, len(v.toks))):
        if v.toks[j].tag_ in ("APPO", "VVFIN", "PPER") or \
                v.toks[j].lower_ in ("zufolge", "es", "hieß", "heißt") or (so and v.toks[j].lower_ == "weiter"):
            out.add(j)  # `…, so X weiter`
    return out


def _adverbials(v: SentenceView, idx: list[int]) -> set[int]:
    """Sentence adverbs and the time, place and medium of the speaking in the cue's clause:
    `am Montag`, `auf Twitter`, `im Gespräch mit der dpa`, `aus meiner Sicht`."""
    out = set()
    setting, time = words("setting"), words("time")
    for i in idx:
        t = v.toks[i]
        low = t.text.lower()
        if t.tag_ in ("ADV", "ADJD") and not modifies_noun(v, i):
            out.add(i)
        if low == "seit":
            out |= _since(v, i)
        if t.tag_ not in ("NN", "NE"):
            continue
        lemma = t.lemma_.lower()
        if lemma in time or low in time or t.text in MONTHS:
            out |= phrase_around(v, i)
        elif lemma in setting or low in setting or low.rpartition("-")[2] in setting:
            phrase = phrase_around(v, i)
            if v.toks[min(phrase)].lower_ in SETTING_PREPOSITIONS:  # not `für das kommende Gespräch`
                out |= phrase | _source_of(v, max(phrase), low)
    return out


def _source_of(v: SentenceView, end: int, noun: str) -> set[int]:
    """`nach Angaben von Diplomaten`: whose account it is belongs to the source phrase."""
    if noun not in words("source") or end + 2 >= len(v.toks) or v.toks[end + 1].lower_ not in ("von", "aus"):
        return set()
    j = end + 2
    while j < len(v.toks) and v.toks[j].tag_ in ("ART", "ADJA", "CARD") and v.segs[j] == v.segs[end]:
        j += 1
    while j < len(v.toks) and v.toks[j].tag_ in ("NN", "NE") and v.segs[j] == v.segs[end]:
        j += 1
    return set(range(end + 1, j))


def _since(v: SentenceView, i: int) -> set[int]:
    """`seit langem`, `seit Jahren`, `seit vielen Monaten`: how long the actor has held it."""
    j = i + 1
    while j < len(v.toks) and v.toks[j].lower_ not in SINCE_WHEN \
            and v.toks[j].tag_ in ("CARD", "PIAT", "ADJA", "PIDAT") and j - i <= 2:
        j += 1
    if j < len(v.toks) and v.toks[j].lower_ in SINCE_WHEN:
        return set(range(i, j + 1))
    return set()


def modifies_noun(v: SentenceView, i: int) -> bool:
    """`eine deutlich höhere Steuer`: an adverb inside a noun phrase belongs to it."""
    j = i + 1
    while j < len(v.toks) and v.toks[j].tag_ in ("ADV", "ADJD"):
        j += 1
    return j < len(v.toks) and v.toks[j].tag_ in ("ADJA", "CARD") and v.segs[j] == v.segs[i]


def phrase_around(v: SentenceView, i: int) -> set[int]:
    """A noun with its preposition, determiners and adjectives, and a genitive or `mit`
    phrase after it (`im „Interview der Woche“ des Deutschlandfunks`)."""
    start = i
    while start > 0 and (v.toks[start - 1].tag_ in DETERMINERS | {"ADJA", "APPR", "APPRART", "CARD"}
                         or v.toks[start - 1].text in QUOTES) and v.segs[start - 1] == v.segs[i]:
        start -= 1
        if v.toks[start].tag_ in ("APPR", "APPRART"):
            break
    end, attached = i, False  # inside a genitive or `mit` phrase after the noun
    while end + 1 < len(v.toks) and v.segs[end + 1] == v.segs[i]:
        nxt = v.toks[end + 1]
        low = nxt.text.lower()
        if nxt.text in QUOTES or low == "mit" or (nxt.tag_ == "ART" and low in ("des", "der")):
            attached = True
        elif not (attached and nxt.tag_ in ("ART", "ADJA", "NN", "NE")) or \
                (nxt.tag_ == "ART" and v.toks[end].tag_ in ("NN", "NE")):  # `… des Kabinetts eine Luftbrücke`
            break
        end += 1
    return set(range(start, end + 1))


CONTRACTED = {"am": "an", "ans": "an", "aufs": "auf", "fürs": "für", "zum": "zu", "zur": "zu", "vom": "von",
              "übers": "über", "ums": "um", "beim": "bei", "im": "in", "ins": "in"}


def object_preposition(v: SentenceView, hit: Hit) -> int | None:
    """Where the cue's prepositional object begins (`einigte sich … auf X`, `setzt sich … für X
    ein`): the first token in the cue's clause that is the preposition the cue takes
    (verbs.tsv `pp:`, or a preposition among a phrase's companions), outside quotations."""
    if hit.evidence not in ("verb", "phrase"):
        return None
    lemma = v.toks[hit.i].lemma_
    preps = {resources.verb_prepositions().get(lemma)} - {None}
    if hit.evidence == "phrase":
        preps |= {c.lower() for comps, trig in resources.phrases().get(lemma, [])
                  if trig == hit.trigger for c in comps} & (set(CONTRACTED.values()) | {"für", "gegen", "über"})
    return next((i for i in v.seg_tokens(v.segs[hit.i]) if not v.mask[i] and v.toks[i].tag_ in ("APPR", "APPRART")
                 and CONTRACTED.get(v.toks[i].lower_, v.toks[i].lower_) in preps), None)


def _phrase_words(v: SentenceView, hit: Hit) -> set[str]:
    """The companions of a multi-word cue (`stellt sich quer`, `erteilte eine Absage`), and
    the stance noun of a construction around a light verb (`Unterstützung für X kam von Y`)."""
    if hit.evidence != "phrase":
        return set()
    entries = resources.phrases().get(v.toks[hit.i].lemma_, [])
    stance = resources.nouns()
    nouns = {v.toks[i].lemma_.lower() for i in v.seg_tokens(v.segs[hit.i])
             if v.toks[i].tag_ == "NN" and stance.get(v.toks[i].lemma_.lower()) == hit.trigger}
    return {c.lower() for comps, trig in entries if trig == hit.trigger for c in comps} | nouns
