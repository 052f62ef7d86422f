"""A claim written as a noun phrase, as the annotation guide asks (`Rückzug der Ukraine aus
Donezk`): a verb-final clause whose one full verb has an action noun in the data
(`data/nominalisations.tsv`) becomes that noun with the verb's object -- or, in the
passive, its subject -- in the genitive, and its prepositional phrases after it.

`die Vermögensteuer abzuschaffen` -> `Abschaffung der Vermögensteuer`; `die Wehrpflicht
müsse wieder eingeführt werden` -> `Einführung der Wehrpflicht`; `Flüchtlinge an der Grenze
zurückzuweisen` -> `Zurückweisung von Flüchtlingen an der Grenze`; `aus der Kohle
auszusteigen` -> `Ausstieg aus der Kohle`. Anything else -- a negated clause, a perfect
tense, two objects, a pronoun, a subordinate clause -- keeps the clause as it stands:
turning it would change what it says.
"""
from __future__ import annotations

from kg.nlp.german import SELF_OR_ANYONE, TO_GENITIVE
from kg.nlp.resources import evaluations, negations, nominalisations
from kg.nlp.sentence_view import SentenceView

NP_TAGS = ("ART", "PDAT", "PPOSAT", "ADJA", "NN", "NE", "CARD", "TRUNC", "KON")
AUXILIARY_TAGS = ("VAFIN", "VMFIN", "VAINF", "VMINF", "VAPP", "PTKZU")
DROPPED_TAGS = ("ADV", "ADJD", "PRF", "$,")


def nominalised(v: SentenceView, idx: list[int]) -> list[int | str] | None:
    """The claim as `Noun + genitive object + prepositional phrases`, or None when the clause
    does not take that shape (see the module docstring)."""
    words = _without_embedded([i for i in idx if not v.toks[i].is_punct or v.toks[i].text == ","], v)
    verb = _only_full_verb(v, words)
    if verb is None:
        return None
    noun = nominalisations().get(v.toks[verb].lemma_)
    if noun is not None and (noun.lower(),) in evaluations():
        return None  # `Verbesserung`, `Eingriff`: a noun that reads as a verdict on the matter, not the matter
    passive = v.toks[verb].tag_ == "VVPP"
    after = [v.toks[i] for i in words if i > verb]
    if noun is None or (passive and not any(t.lemma_ == "werden" for t in after)) or any(t.tag_ == "VAPP" for t in after):
        return None  # `hat die Steuer abgeschafft`, `sei abgeschafft worden`: done, no proposition to take a side on
    if any(v.toks[i].tag_ not in AUXILIARY_TAGS for i in words if i > verb):
        return None
    chunks = _chunks(v, [i for i in words if i < verb])
    if chunks is None:
        return None
    bare = [c for c in chunks if v.toks[c[0]].tag_ not in ("APPR", "APPRART")]
    if len(bare) > 1:
        return None  # `der Ukraine Waffen zu liefern`: two objects
    out: list[int | str] = [noun]
    if bare:
        plural = passive and any(v.toks[i].tag_ in ("VAFIN", "VMFIN") and v.toks[i].text.endswith("en") for i in words)
        genitive = _genitive(v, bare[0], plural)
        if genitive is None:
            return None
        out += genitive
    return out + [i for c in chunks if c not in bare for i in c]


def _without_embedded(words: list[int], v: SentenceView) -> list[int]:
    """`Die Frage, welcher Staat zuständig sei, sei zu klären` -> `Die Frage sei zu klären`: a
    relative or interrogative clause inside the claim says which, not what is done."""
    segs = sorted({v.segs[i] for i in words})
    inner = {s for s in segs[:-1] if s != segs[0] and _opens_embedded(v, [i for i in words if v.segs[i] == s])}
    return [i for i in words if v.segs[i] not in inner]


def _opens_embedded(v: SentenceView, toks: list[int]) -> bool:
    first = next((i for i in toks if not v.toks[i].is_punct), None)
    return first is not None and v.toks[first].tag_ in ("PRELS", "PRELAT", "PWS", "PWAT", "PWAV")


def _only_full_verb(v: SentenceView, words: list[int]) -> int | None:
    """The one full verb of a verb-final clause (infinitive, zu-infinitive or participle)."""
    full = [i for i in words if v.toks[i].tag_.startswith("VV")]
    if len(full) != 1 or v.toks[full[0]].tag_ not in ("VVINF", "VVIZU", "VVPP"):
        return None
    return full[0]


def _chunks(v: SentenceView, words: list[int]) -> list[list[int]] | None:
    """The words before the verb as noun phrases and prepositional phrases, without the
    auxiliaries, adverbs and the speaker's pronoun; None for any other word (a negation, a
    pronoun, a conjunction of clauses)."""
    neg = negations()
    chunks: list[list[int]] = []
    for n, i in enumerate(words):
        t = v.toks[i]
        prev = words[n - 1] if n else None  # the word before in the claim (a hedge may have gone)
        if t.text.lower() in neg or t.tag_ == "PTKNEG":
            return None
        if t.tag_ in AUXILIARY_TAGS or t.tag_ in DROPPED_TAGS or t.text.lower() in SELF_OR_ANYONE:  # speaker: frame
            continue
        if t.tag_ in ("APPR", "APPRART"):
            chunks.append([i])
        elif t.tag_ in NP_TAGS or (t.tag_ == "PIAT" and chunks):
            after_noun = prev is not None and v.toks[prev].tag_ in ("NN", "NE")
            starts = not chunks or chunks[-1][-1] != prev or (after_noun and (
                t.tag_ in ("ADJA", "NN") or (t.tag_ in ("ART", "PDAT", "PPOSAT") and t.text.lower() not in ("der", "des"))))
            # `an der Grenze Flüchtlinge`: two phrases; `des Landes`, `Minister Müller`: one
            if starts:
                chunks.append([i])
            else:
                chunks[-1].append(i)
        else:
            return None
    if any(v.toks[c[-1]].tag_ not in ("NN", "NE", "CARD") for c in chunks):
        return None
    return chunks


def _genitive(v: SentenceView, chunk: list[int], plural: bool = False) -> list[int | str] | None:
    """`die Steuer` -> `der Steuer`, `den höheren Beitrag` -> `des höheren Beitrags`, `Flüchtlinge`
    -> `von Flüchtlingen`; None for a determiner with no genitive here (`kein`, `alle`). `plural`:
    the subject of a plural verb (`Asylbewerber sollen …`)."""
    first = v.toks[chunk[0]]
    head = next(n for n, i in enumerate(chunk) if v.toks[i].tag_ in ("NN", "NE", "CARD"))
    if first.tag_ in ("ART", "PDAT", "PPOSAT", "PIAT"):
        if first.text.lower() not in TO_GENITIVE:
            return None
        article, strong = TO_GENITIVE[first.text.lower()]
        adjectives = [_ending(v.toks[i].text, "en") for i in chunk[1:head]]
        noun = v.toks[chunk[head]]
        word = noun.text + "s" if strong and noun.tag_ == "NN" and not noun.text.endswith(("s", "ß", "x", "z", "en")) \
            else noun.text
        return [article, *adjectives, word, *chunk[head + 1:]]
    dative = [_ending(v.toks[i].text, "en") if v.toks[i].tag_ == "ADJA" else _dative_plural(v, i, plural) if n == head else i
              for n, i in enumerate(chunk)]
    return ["von", *dative]


def _dative_plural(v: SentenceView, i: int, plural: bool) -> int | str:
    """`Flüchtlinge` -> `Flüchtlingen`, `Asylsuchende` -> `Asylsuchenden` after `von`; a word
    that may be singular (`Kohle`, `Wasser`) stays as it is unless its verb says plural."""
    t = v.toks[i]
    plural = (plural or t.lemma_ != t.text) and t.text.endswith(("e", "er", "el"))
    participle = t.text.endswith("nde") and t.lemma_ == t.text  # `Asylsuchende`, `Studierende`
    return t.text + "n" if plural or participle else i


def _ending(word: str, ending: str) -> str:
    """An adjective (or adjectival noun) with another ending: `höhere` -> `höheren`."""
    for old in ("en", "em", "er", "es", "e"):
        if word.endswith(old):
            return word[: -len(old)] + ending
    return word
