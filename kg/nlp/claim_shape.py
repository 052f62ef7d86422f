"""How a claim is written (kg.nlp.claims chooses its words): whole words in the
article's order and spelling, without quotation marks, openers (`dass`, `und`), sentence
adverbs, a leading article or the preposition of a prepositional object (`Kritik an der
Rente mit 70` -> `Rente mit 70`); the first clause with what depends on it, not a
relative clause or a second main clause; a clause whose subject is the speaker as an
infinitive (`wir halten an X fest` -> `an X festhalten`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.nlp.claim_frame import QUOTES, modifies_noun, words
from kg.nlp.german import CLAUSE_COORDINATORS, FINITE, RELATIVE, SOURCE_PREPOSITIONS, SPEAKER_PRONOUNS
from kg.nlp.resources import verbs
from kg.nlp.sentence_view import SentenceView

MAX_WORDS = 20
OPENERS = CLAUSE_COORDINATORS | {"dass", "ob", "sowie"}
UNLESS = {"falls", "sofern", "solange", "bis"}  # not `wenn`: `X entfällt, wenn Y` often claims Y
INSTEAD = {"um", "statt", "anstatt"}  # `…, um … zu …`, `…, statt … zu …`: why or instead of what
REASONS = {"weil", "da", "zumal", "obwohl", "obgleich", "nachdem", "damit", "sodass"}  # why, not what
ABOUT = {"zu", "zum", "zur", "über"}  # `Aussage zum …`, `Äußerung über …`: what was said about
# (the space before a comma or bracket matched with a lookahead: a literal replacement, no
# template expanded in Python for each match)
_SPACE_AFTER, _SPACE_BEFORE, _COMMAS = re.compile(r"\(\s+"), re.compile(r"\s+(?=[,)])"), re.compile(r",(\s*,)+")
NOUN_PREPS = {"nach", "an", "auf", "für", "gegen", "zu", "zur", "zum", "über", "um", "vor", "von", "mit"}


def new_main_clause(v: SentenceView, toks: list[int]) -> bool:
    """`…, die FDP trauert den letzten Meilern nach`: a clause with a subject and verb of its own."""
    toks = [i for i in toks if not v.toks[i].is_punct]
    if toks and v.toks[toks[0]].text.lower() in CLAUSE_COORDINATORS:
        toks = toks[1:]  # `…, und die werde sein Ministerium nachreichen`
    if not toks:
        return False
    first = v.toks[toks[0]]
    if first.tag_ in ("KOUS", "KOUI", "PRELS", "PWS", "PWAV", "PTKZU") or first.text.lower() in OPENERS:
        return False
    finite = next((i for i in toks if v.toks[i].tag_ in FINITE), None)
    return finite is not None and finite != toks[-1] and finite <= toks[0] + 4 and \
        any(v.toks[i].tag_ in ("NN", "NE", "PPER", "PDS", "PIS") for i in toks if i < finite)


def second_cue(v: SentenceView, toks: list[int]) -> bool:
    """`…, und warnte vor einer Spaltung`: a clause of a coordinator and a stance verb with no
    subject of its own is the speaker's next statement, not part of this claim."""
    toks = [i for i in toks if not v.toks[i].is_punct]
    return len(toks) >= 2 and v.toks[toks[0]].text.lower() in CLAUSE_COORDINATORS \
        and v.toks[toks[1]].tag_ == "VVFIN" and v.toks[toks[1]].lemma_ in verbs()


def tidy(v: SentenceView, idx: list[int]) -> list[int]:
    """Drop quotation marks, openers (`dass`, `und`), leading articles and sentence adverbs,
    relative clauses after the first clause, and cut to MAX_WORDS at a clause border."""
    adverbs, hedges = words("adverb"), words("hedge")
    idx = [i for i in sorted(set(idx)) if v.toks[i].text not in QUOTES
           and not (v.toks[i].lower_ in adverbs
                    and v.toks[i].tag_ in ("ADV", "ADJD", "KON", "PTKVZ", "NN", "ADJA", "PAV")
                    and not modifies_noun(v, i))
           and not (v.toks[i].tag_ == "APPRART" and i + 1 < len(v.toks) and v.toks[i + 1].lower_ in adverbs)
           and not _contrastive(v, i)
           and not (v.toks[i].tag_ == "ADJA" and v.toks[i].lemma_.lower() in hedges)]
    while idx and (v.toks[idx[0]].text.lower() in OPENERS or v.toks[idx[0]].tag_ in ("KON", "KOUS", "$,", "$.")
                   or v.toks[idx[0]].text in ",;:-–"):
        idx = idx[1:]
    idx = _without_reasons(v, idx)
    verbless = not any(v.toks[i].tag_.startswith(("VV", "VA", "VM", "PTKZU")) for i in idx)
    if verbless and len(idx) > 1 and v.toks[idx[0]].tag_ in ("APPR", "APPRART") \
            and v.toks[idx[0]].text.lower() in NOUN_PREPS | {"beim", "zum", "zur", "am", "im", "vom"} \
            and _one_phrase(v, idx[1:]):
        idx = idx[1:]  # `Kritik an der Rente mit 70`: the prepositional object's noun phrase
    while verbless and len(idx) > 1 and _determiner(v, idx[0]) \
            and v.toks[idx[1]].tag_ in ("NN", "ADJA", "NE", "ADV", "CARD", "PIAT", "PIDAT"):
        idx = idx[1:]  # `die Rente`, `seinem Sparkurs`
    while idx and ((v.toks[idx[-1]].is_punct and not _closes(v, idx))
                   or v.toks[idx[-1]].tag_ in ("KON", "APPR", "ART")):
        idx = idx[:-1]
    idx = _prune(v, idx)
    if _words(v, idx) > MAX_WORDS:
        idx = _first_clauses(v, idx)
    while idx and ((v.toks[idx[-1]].is_punct and not _closes(v, idx))
                   or v.toks[idx[-1]].tag_ in ("KON", "APPR", "ART")):
        idx = idx[:-1]
    return idx


def _determiner(v: SentenceView, i: int) -> bool:
    """An article or possessive opening a noun phrase (a demonstrative or `solch-` stays:
    it says the phrase points back)."""
    return v.toks[i].tag_ in ("ART", "PPOSAT")


def _without_reasons(v: SentenceView, idx: list[int]) -> list[int]:
    """`fordert wegen der hohen Preise eine Senkung der Mehrwertsteuer`, `mit Blick auf den
    Klimaschutz ein Tempolimit`: a prepositional phrase of cause or concession (data:
    `reason` in claim_words.tsv) says why, not what; it goes with its noun phrase, unless
    nothing would be left."""
    drop: set[int] = set()
    kept, by_first = set(idx), _reason_openers()
    for k, first in enumerate(idx):
        for opener in by_first.get(v.toks[first].lower_, ()):
            n = len(opener)
            run = idx[k:k + n]
            if k >= len(idx) - n or run != list(range(first, first + n)) \
                    or [v.toks[i].lower_ for i in run] != list(opener):
                continue
            end = _noun_phrase_end(v, run[-1] + 1, kept)
            finite = next((i for i in idx[k + n:] if v.toks[i].tag_ in FINITE), None)
            if k == 0 and finite is not None and v.segs[finite] == v.segs[run[0]]:
                end = max(end, finite)  # `Trotz einer Schlappe vor Gericht sollen …`: the whole Vorfeld
            if end > run[-1] + 1 and v.toks[end - 1].tag_ in ("NN", "NE"):
                if end in kept and v.toks[end].lower_ in ("des", "der") and v.toks[end].tag_ == "ART":
                    end = _noun_phrase_end(v, end + 1, kept)  # `wegen der Kosten des Ausbaus`
                end = _attached_phrases(v, end, kept)
                drop |= set(range(run[0], end))
    rest = [i for i in idx if i not in drop]
    return rest if has_content(v, rest) else idx


def _attached_phrases(v: SentenceView, end: int, kept: set[int]) -> int:
    """`angesichts einer Lücke von zwölf Milliarden Euro im Etat`: prepositional phrases
    right after the reason's noun phrase belong to it, up to the next phrase of its own."""
    while end in kept and v.toks[end].tag_ in ("APPR", "APPRART") and v.segs[end] == v.segs[end - 1]:
        after = _noun_phrase_end(v, end + 1, kept)
        if after == end + 1 or v.toks[after - 1].tag_ not in ("NN", "NE", "CARD"):
            break
        while after in kept and v.toks[after].tag_ == "CARD" and v.segs[after] == v.segs[end]:
            after += 1  # `im Etat 2027`
        end = after
    return end


def _noun_phrase_end(v: SentenceView, i: int, kept: set[int]) -> int:
    """The token after the noun phrase that starts at `i` (determiners, adjectives, nouns)."""
    end = i
    while end in kept and v.segs[end] == v.segs[i] and (v.toks[end].tag_ in (
            "ART", "ADJA", "PPOSAT", "PDAT", "PIAT", "CARD", "ADV", "PTKA") or _degree(v, end)):
        end += 1
    while end in kept and v.segs[end] == v.segs[i] and v.toks[end].tag_ in ("NN", "NE"):
        end += 1
    return end


def _degree(v: SentenceView, i: int) -> bool:
    """`angesichts zu hoher Kosten`: `zu` before an adjective grades it (the tagger may read it
    as the infinitive particle)."""
    return v.toks[i].lower_ == "zu" and i + 1 < len(v.toks) and v.toks[i + 1].tag_ == "ADJA"


@lru_cache(maxsize=1)
def _reason_openers() -> dict[str, list[tuple[str, ...]]]:
    """First word -> the reason openers starting with it, so a claim's words are looked up
    once each instead of every opener being tried at every word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for opener in sorted((tuple(w.split()) for w in words("reason")), key=len, reverse=True):
        by_first.setdefault(opener[0], []).append(opener)
    return by_first


def _closes(v: SentenceView, idx: list[int]) -> bool:
    """Does the last token close a bracket the claim opened (`Merz (CDU)`)?"""
    return v.toks[idx[-1]].text == ")" and any(v.toks[i].text == "(" for i in idx)


def _contrastive(v: SentenceView, i: int) -> bool:
    """`Die SPD dagegen fordert …`: `dagegen` contrasting speakers, not `dagegen vorzugehen`."""
    nxt = v.toks[i + 1] if i + 1 < len(v.toks) else None
    return v.toks[i].lower_ == "dagegen" and not (nxt is not None and nxt.tag_.startswith(("VV", "VA", "PTKZU")))


def _prune(v: SentenceView, idx: list[int]) -> list[int]:
    """Keep the first clause and what depends on it: a relative clause (`…, die sich …
    ausgezeichnet habe`) and everything from a reason, purpose or condition clause (`weil`,
    `obwohl`, `damit`, `um … zu`, `statt … zu`, `falls`, `solange`, `bis`) or a second main
    clause on (`…, gegen den Beschluss gebe es kein Rechtsmittel`, `…, und die werde sein
    Ministerium nachreichen`) go."""
    by_seg: dict[int, list[int]] = {}  # grouped once, not rescanned for each clause
    for i in idx:
        by_seg.setdefault(v.segs[i], []).append(i)
    segs = sorted(by_seg)
    out = list(by_seg[segs[0]]) if segs else []
    skipped = False
    for s in segs[1:]:
        toks = by_seg[s]
        if skipped and v.toks[toks[0]].text == ",":
            toks = toks[1:]  # the comma that closed the relative clause
        words_ = [i for i in toks if not v.toks[i].is_punct]
        skipped = False
        if not words_:
            out += toks
            continue
        first = v.toks[words_[0]]
        relative = first.tag_ in ("PRELS", "PRELAT") or (first.text.lower() in RELATIVE and v.subordinate(s))
        if relative and any(v.toks[i].tag_ in FINITE for i in words_):  # not `die CSU … zu drängen`
            skipped = True
            while out and v.toks[out[-1]].text == ",":
                out.pop()  # the comma that opened it
            continue
        purpose = first.tag_ == "KOUI" and first.text.lower() in INSTEAD
        when = first.text.lower() in UNLESS and first.tag_ == "KOUS"  # `…, falls …`, `…, bis …`: when, not what
        if new_main_clause(v, words_) or first.text.lower() in REASONS or purpose or when or second_cue(v, words_):
            break  # `…, weil er an einen Beschluss gebunden sei`, `…, damit …`: why, not what
        out += toks
    return out


def _one_phrase(v: SentenceView, idx: list[int]) -> bool:
    """Is this one noun phrase (with its attributes) rather than two phrases side by side
    (`vor Waffenruhe volle Kontrolle`)? After the first noun comes a preposition, a
    genitive, a conjunction or nothing."""
    noun = next((n for n, i in enumerate(idx) if v.toks[i].tag_ in ("NN", "NE")), None)
    if noun is None:
        return False
    nxt = idx[noun + 1] if noun + 1 < len(idx) else None
    return nxt is None or v.toks[nxt].tag_ in ("APPR", "APPRART", "KON", "NE", "$,", "$(", "CARD") \
        or v.toks[nxt].lower_ in ("des", "der", "eines", "einer")


def _first_clauses(v: SentenceView, idx: list[int]) -> list[int]:
    """A long claim first loses the clauses embedded in it (`…, Schutzsuchenden zu helfen,
    …`, a relative clause), then keeps its clauses up to MAX_WORDS words, never a clause
    cut in half (a first clause longer than that is kept whole)."""
    segs = sorted({v.segs[i] for i in idx if not v.toks[i].is_punct})
    embedded = {s for s in segs[1:-1] if _embedded(v, [i for i in idx if v.segs[i] == s])}
    after = {min(i for i in idx if v.segs[i] == s + 1) for s in embedded if any(v.segs[i] == s + 1 for i in idx)}
    idx = [i for i in idx if v.segs[i] not in embedded and not (i in after and v.toks[i].text == ",")]
    out: list[int] = []
    for s in sorted({v.segs[i] for i in idx}):
        part = [i for i in idx if v.segs[i] == s]
        if out and _words(v, out) + _words(v, part) > MAX_WORDS:
            break
        out += part
    while out and (v.toks[out[-1]].is_punct or v.toks[out[-1]].tag_ in ("KON",)):
        out = out[:-1]
    return out


def _embedded(v: SentenceView, toks: list[int]) -> bool:
    """A `zu`-infinitive or relative clause inside a longer claim."""
    words_ = [i for i in toks if not v.toks[i].is_punct]
    return bool(words_) and (v.toks[words_[0]].tag_ in ("PRELS", "PRELAT")
                             or (len(words_) <= 4 and (v.toks[words_[-1]].tag_ == "VVIZU"
                                                       or v.toks[words_[max(len(words_) - 2, 0)]].tag_ == "PTKZU")))


def _words(v: SentenceView, idx: list[int]) -> int:
    """Words that count toward MAX_WORDS (a speaker pronoun and its auxiliary will go)."""
    return len([i for i in idx if not v.toks[i].is_punct and v.toks[i].tag_ not in ("PPER", "PIS", "VAFIN", "VMFIN")])


def has_content(v: SentenceView, idx: list[int]) -> bool:
    """At least one content noun or full verb that is no pronoun or placeholder."""
    return any(v.toks[i].tag_.startswith(("NN", "NE", "VV", "FM", "TRUNC"))
               and v.toks[i].lower_ not in words("placeholder") for i in idx)


def infinitive(v: SentenceView, idx: list[int]) -> list[int | str]:
    """`wir halten an X fest` -> `an X festhalten`, `würden wir X in Erwägung ziehen` ->
    `X in Erwägung ziehen`: a first clause whose subject is the speaker (`wir`, `ich`,
    `man`, `er`, `sie`) loses subject and finite verb; a full verb comes back at the end
    as infinitive (with its particle), a perfect or passive auxiliary after its participle
    (`habe man viel bewegt` -> `viel bewegt haben`). A clause left verb-first is written verb-last;
    other clauses keep their words as they stand."""
    first = [i for i in idx if v.segs[i] == v.segs[idx[0]]]
    finite = next((i for i in first if v.toks[i].tag_ in FINITE), None)
    if finite is None:
        return list(idx)
    subject = [i for i in first if abs(i - finite) <= 2 and v.toks[i].tag_ in ("PPER", "PIS")
               and v.toks[i].lower_ in SPEAKER_PRONOUNS - {"uns", "mich", "mir", "ihm", "ihr"}]
    if not subject or (subject[0] < finite and any(v.toks[i].tag_ in ("NN", "NE") for i in first if i < subject[0])):
        return _verb_last(v, idx, first, finite)
    rest = [i for i in idx if i not in (subject[0], finite) and not (i in first and v.toks[i].lower_ == "sich")]
    tok = v.toks[finite]
    if tok.tag_ == "VVFIN":
        particle = next((i for i in first if v.toks[i].tag_ == "PTKVZ" and i > finite), None)
        rest = [i for i in rest if i != particle]
        prefix = v.toks[particle].lower_ if particle is not None else ""
        verb = tok.lemma_ if tok.lemma_.startswith(prefix) else prefix + tok.lemma_
        return rest[:len([i for i in rest if v.segs[i] == v.segs[idx[0]]])] + [verb] + \
            rest[len([i for i in rest if v.segs[i] == v.segs[idx[0]]]):]
    if not any(v.toks[i].tag_ in ("VVINF", "VVPP", "VVIZU", "VAINF", "VMINF") for i in first):
        return list(idx)  # `wir sind dagegen`: nothing to say it with but the finite verb
    if tok.tag_ == "VAFIN" and any(v.toks[i].tag_ == "VVPP" for i in first) \
            and not any(v.toks[i].tag_ in ("VAINF", "VMINF", "VVINF") for i in first):
        n = len([i for i in rest if v.segs[i] == v.segs[idx[0]]])  # `habe man viel bewegt` -> `viel bewegt haben`
        return rest[:n] + [tok.lemma_] + rest[n:]
    return rest


def _verb_last(v: SentenceView, idx: list[int], first: list[int], finite: int) -> list[int]:
    """`Laut X ist der Ausstieg machbar` -> `der Ausstieg machbar ist`: a clause left
    verb-first once its Vorfeld went to the frame is written verb-last, as after `dass`."""
    words_ = [i for i in first if not v.toks[i].is_punct]
    if not words_ or words_[0] != finite or len(words_) < 3 or v.toks[finite].tag_ == "VVFIN":
        return list(idx)
    end = max(first)
    return [i for i in idx if i != finite and i <= end] + [finite] + [i for i in idx if i > end]


def text_of(v: SentenceView, idx: list[int | str]) -> str:
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
    text = " ".join("".join(out).split())
    text = _SPACE_BEFORE.sub("", _SPACE_AFTER.sub("(", text))
    text = _COMMAS.sub(",", text)
    return text.strip(" ,.:;-–")


def said_about(v: SentenceView, idx: list[int]) -> list[int]:
    """`eine Aussage von X zum Mercosur-Abkommen`, `seine Äußerung über die Rente`: a claim
    headed by a noun of saying (`saying` in claim_words.tsv) is about the matter its
    `zu`/`über` phrase names, past the speaker (`von X`); a proposal or decision (`Vorschlag zur
    Bürgerversicherung`) is a matter of its own."""
    words_ = [i for i in idx if not v.toks[i].is_punct]
    head = next((i for i in words_ if v.toks[i].tag_ in ("NN", "NE")), None)
    if head is None or v.toks[head].lemma_.lower() not in words("saying") or \
            any(v.toks[i].tag_.startswith("V") for i in words_):
        return idx
    first = next((i for i in words_ if i > head and v.toks[i].tag_ in ("APPR", "APPRART")
                  and v.toks[i].lower_ not in SOURCE_PREPOSITIONS), None)  # past `von X`, `aus der Union`
    about = first if first is not None and v.toks[first].lower_ in ABOUT else None
    rest = [i for i in idx if about is not None and i > about]
    return tidy(v, rest) if about is not None and has_content(v, rest) else idx
