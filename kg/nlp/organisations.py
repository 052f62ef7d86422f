"""Organisations the gazetteer lacks, named the way German news names them.

News introduces associations, councils and agencies by a head noun that says what
they are (`Verein`, `Verband`, `Bund`, `Kommission`, `Kammer`, `Stiftung` …, also as
the end of a compound: `Mieterverein`, `Handwerkskammer`) plus what makes the name
unique: capitalised adjectives before it (`die Ständige Wissenschaftliche
Kommission`), a genitive after it (`Bund Deutscher Kriminalbeamter`, `Verband der
Chemischen Industrie`) or a place or proper name (`Verbraucherzentrale Hamburg`,
`Stiftung Warentest`). A bare head noun (`der Verband`) is no name: it refers back.
An acronym in parentheses right after the name (`(SWK)`) becomes an alias.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.caches import memo
from kg.nlp import resources
from kg.nlp.german import FINITE

NOUN_TAGS = ("NN", "NE")
NAME_HEADS = resources.word_class("org_name_head")
MEMBER_HEADS = resources.word_class("org_member_head")
TOPICAL_HEADS = tuple(sorted(resources.word_class("org_topical_head")))
PLACE_KINDS = {"state", "government"}


@dataclass
class OrgName:
    """An organisation named in the text: tokens [start, end), canonical name, acronym."""

    start: int
    end: int
    name: str
    acronym: str | None = None
    known: str | None = None  # a gazetteer actor the apposition names (`der Branchenverband Bitkom`)


@memo("mentions.is_org_head")
def is_org_head(word: str) -> bool:
    """Does the (capitalised) noun end in a word for an organisation (`Mieterverein`)?
    Cached by word: the mention finder asks it of most nouns."""
    low = word.lower()
    return word[:1].isupper() and low.endswith(resources.org_heads()) and not low.endswith(("krat", "vorrat", "heirat"))


def find(toks, words, i, gaz, first_name) -> OrgName | None:
    """The organisation named from token i on, or None."""
    n = len(toks)
    article = words[i - 1].lower() if i else ""
    j, adjectives = i, []
    if toks[i].tag_ == "TRUNC" and i + 2 < n and words[i + 1] == "und":
        adjectives, j = [f"{words[i]} und"], i + 2  # `Industrie- und Handelskammer`
    elif toks[i].tag_ == "ADJA" and words[i][:1].isupper() and article in ("der", "die", "das"):
        while j < n and toks[j].tag_ == "ADJA" and words[j][:1].isupper() and words[j].endswith("e"):
            adjectives.append(words[j] + {"der": "r", "das": "s", "die": ""}[article])
            j += 1
    if j >= n or toks[j].tag_ not in NOUN_TAGS:
        return None
    head = _nominative(words[j], article if not adjectives else "")
    if not is_org_head(head):
        return None
    tail = _name_part(toks, words, j + 1, gaz, first_name, head)
    if tail is None and not adjectives:
        return OrgName(i, j + 1, head) if _national_body(head) or _topical_body(head, article) else None
    end, rest, known = tail if tail else (j + 1, "", None)
    if known:
        return OrgName(i, end, known, known=known)
    name = " ".join(adjectives + [head]) + (" " + rest if rest else "")
    if rest and acronym_like(rest) and not adjectives and not _place(gaz, words, end - 1):
        name = rest  # `Krankenkasse DAK-Gesundheit`, but `Verbraucherzentrale NRW`
    return OrgName(i, end, name, _acronym_after(toks, words, end))


def _national_body(word: str) -> bool:
    """`Bundeselternrat`, `Bundesjugendring`: `Bundes` + what + organisation word names the
    one national body (a bare `Bundesverband` refers back)."""
    if not word.startswith("Bundes"):
        return False
    low = word.lower()[6:]
    head = next((h for h in resources.org_heads() if low.endswith(h)), None)
    return head is not None and len(low) - len(head) >= 4


def _topical_body(word: str, article: str) -> bool:
    """`die Datenethikkommission`, `der Gesundheitsausschuss`: a commission or committee
    named by its subject is one body (a bare `die Kommission` refers back)."""
    low = word.lower()
    head = next((h for h in TOPICAL_HEADS if low.endswith(h)), None)
    return article in ("der", "die", "das") and head is not None and len(low) - len(head) >= 5 \
        and not low.startswith(("experten", "fach", "regierungs"))


def _nominative(word: str, article: str) -> str:
    """`des Mietervereins` -> `Mieterverein`: the genitive -s/-es after `des`."""
    if article != "des":
        return word
    for cut in (2, 1):
        stem = word[:-cut]
        if word.endswith("es"[2 - cut:]) and is_org_head(stem):
            return stem
    return word


def _name_part(toks, words, k, gaz, first_name, head) -> tuple[int, str, str | None] | None:
    """What follows a head noun and makes it a name: (end, text, gazetteer actor)."""
    n = len(toks)
    if k >= n:
        return None
    w, tag = words[k], toks[k].tag_
    if w.lower() in ("des", "der") and k + 2 < n and toks[k + 1].tag_ == "ADJA" and words[k + 1][:1].isupper():
        end = _nouns_after_adjectives(toks, words, k + 1)
        return (end, " ".join(words[k:end]), None) if end else None
    if w.lower() in ("des", "der"):
        end = _genitive_before_acronym(toks, words, k + 1) or _members(toks, words, k + 1, head)
        return (end, " ".join(words[k:end]), None) if end else None
    if w == "zu" and k + 1 < n and toks[k + 1].tag_ == "NE":
        return k + 2, f"zu {words[k + 1]}", None  # `Handelskammer zu Leipzig`
    if w == "in" and k + 1 < n and _place(gaz, words, k + 1) and not head.lower().endswith("ministerium"):
        return k + 2, words[k + 1], None  # `Landesbauernverband in Baden-Württemberg`
    if w == "für":
        end = _purpose(toks, words, k + 1)
        return (end, " ".join(words[k:end]), None) if end else None
    if w[:1].isupper() and w.endswith("er") and tag in ("ADJA", "NN", "NE") and k + 1 < n:
        end = _nouns_after_adjectives(toks, words, k)
        if end:
            return end, " ".join(words[k:end]), None
    if not w[:1].isupper() or not w.replace("-", "").isalnum() or first_name(w):
        return None
    hit = gaz.match(words, k)
    if hit:
        info = gaz.actors[hit[1]]
        if info.type == "person":
            return None
        if info.kind in PLACE_KINDS and hit[0] == 1:
            return k + 1, w, None
        return k + hit[0], "", hit[1]
    if k + 1 < n and toks[k + 1].tag_ == "NE" and words[k + 1][:1].isupper() and tag == "NE":
        nxt = gaz.match(words, k + 1)
        if nxt is None or gaz.actors[nxt[1]].type == "person":
            return None  # `Landrat Götz Ulrich`: a person's first and last name
        return k + 2, f"{w} {words[k + 1]}", None  # `Fahrgastverband Pro Bahn`
    if tag == "NE" or (tag == "NN" and acronym_like(w)) or (
            tag == "NN" and head.lower() in NAME_HEADS and toks[k].lemma_ == w and _ends_phrase(toks, words, k + 1)):
        return k + 1, w, None
    return None


def _nouns_after_adjectives(toks, words, k) -> int | None:
    """`Deutscher Kriminalbeamter`, `Chemischen Industrie`, `Deutscher Architektinnen und
    Architekten`: capitalised adjectives, then nouns; the end index, or None."""
    n, j = len(toks), k
    while j < n and words[j][:1].isupper() and (toks[j].tag_ == "ADJA" or words[j].endswith(("er", "en"))) \
            and j + 1 < n and words[j + 1][:1].isupper() and toks[j + 1].tag_ in NOUN_TAGS + ("ADJA",):
        j += 1
        if toks[j].tag_ in NOUN_TAGS and not (j + 1 < n and words[j + 1][:1].isupper()):
            break
    if j == k or j >= n or toks[j].tag_ not in NOUN_TAGS:
        return None
    end = j + 1
    if end + 1 < n and words[end] == "und" and words[end + 1][:1].isupper() and toks[end + 1].tag_ == "NN":
        end += 2
    return end


def _place(gaz, words, k) -> bool:
    """Is words[k] a state or Land the gazetteer knows (`NRW`, `Baden-Württemberg`)?"""
    hit = gaz.match(words, k)
    return bool(hit) and hit[0] == 1 and gaz.actors[hit[1]].kind in PLACE_KINDS


def _members(toks, words, k, head) -> int | None:
    """`Verband der Familienunternehmer`, `Bund der Steuerzahler`: an association named by
    whom it gathers (a plural noun in the genitive)."""
    if head.lower() not in MEMBER_HEADS or k >= len(toks) or toks[k].tag_ != "NN":
        return None
    word, lemma = words[k], toks[k].lemma_
    plural = lemma != word or word.endswith(("er", "en", "innen"))
    return k + 1 if plural and not (k + 1 < len(toks) and toks[k + 1].tag_ in ("NN", "NE")) else None


def _genitive_before_acronym(toks, words, k) -> int | None:
    """`Verband der deutschen Beispielhersteller (VdB)`: any genitive noun phrase
    is part of the name when an acronym follows it."""
    j = k
    while j < len(toks) and toks[j].tag_ == "ADJA":
        j += 1
    if j < len(toks) and toks[j].tag_ in NOUN_TAGS and _acronym_after(toks, words, j + 1):
        return j + 1
    return None


def _purpose(toks, words, k) -> int | None:
    """`Institut für Demoskopie Allensbach`, `Zentrum für Europäische Wirtschaftsforschung
    (ZEW)`: `für` + nouns is part of the name when an acronym or the finite verb follows
    (not in `warb der Verband für Geduld`)."""
    n, j = len(toks), k
    while j < n and toks[j].tag_ == "ADJA" and words[j][:1].isupper():
        j += 1
    if j >= n or toks[j].tag_ != "NN":
        return None
    j += 1
    if j + 1 < n and words[j] == "und" and toks[j + 1].tag_ == "NN":
        j += 2
    if j < n and toks[j].tag_ == "NE":
        j += 1
    if _acronym_after(toks, words, j) or (j < n and toks[j].tag_ in FINITE):
        return j
    return None


def _ends_phrase(toks, words, k) -> bool:
    return k >= len(toks) or toks[k].tag_ in FINITE or toks[k].is_punct or words[k] in ("und", "(")


def _acronym_after(toks, words, k) -> str | None:
    """`(SWK)` right after the name."""
    if k + 2 < len(toks) and words[k] == "(" and words[k + 2] == ")" and acronym_like(words[k + 1]):
        return words[k + 1]
    return None


def acronym_like(word: str) -> bool:
    """`SWK`, `DAK-Gesundheit`, `G7`: one word with several capitals in one part, or digits
    (`Sachsen-Anhalt` is no acronym)."""
    return " " not in word and (any(sum(c.isupper() for c in part) >= 2 for part in word.split("-"))
                                or any(c.isdigit() for c in word))
