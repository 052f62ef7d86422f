"""Word lists and rules of the German pipeline, read from the data files beside this module.

Everything a linguist may want to extend (verbs, nouns, role nouns, first names,
evaluative words) lives in `kg/nlp/data/` as TSV or JSONL; this module is the one
place that parses those files, once per process.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.caches import memo

DATA = Path(__file__).parent / "data"
ACTORS_DIR = DATA / "actors"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True)
class Trigger:
    """What a stance word says: the act it performs and the side it takes (+1/-1)."""

    act: str
    polarity: int
    report: bool = False


def _sign(s: str) -> int:
    return -1 if s.strip() == "-" else 1


def ranked(keys) -> dict[str, int]:
    """Each key with its place in the list (the first place where it repeats)."""
    out: dict[str, int] = {}
    for n, key in enumerate(keys):
        out.setdefault(key, n)
    return out


def first_ending(word: str, ranks: dict[str, int], shortest: int) -> str | None:
    """Of the listed words that `word` is or ends in (an ending of at least `shortest`
    letters), the one listed first. One lookup per ending of the word instead of a walk
    over the whole list (`Rentenforderung` asks `entenforderung`, …, `forderung`, …)."""
    found = [word[k:] for k in range(len(word)) if (k == 0 or len(word) - k >= shortest) and word[k:] in ranks]
    return min(found, key=ranks.__getitem__) if found else None


@lru_cache(maxsize=None)
def verbs() -> dict[str, Trigger]:
    return {r[0]: Trigger(r[1], _sign(r[2]), r[3] == "report") for r in _rows("verbs.tsv")}


@lru_cache(maxsize=None)
def haben_perfect() -> frozenset[str]:
    """Cue verbs whose perfect takes `haben` (verbs.tsv and phrases.tsv, column forms: `hat
    gewarnt`): with `sein` their participle is a statal passive (`war gewarnt`), not a perfect."""
    return frozenset(r[0] for r in _rows("verbs.tsv") if len(r) > 6 and r[6].split("|")[-1].startswith("hat ")) | \
        frozenset(r[0] for r in _rows("phrases.tsv") if len(r) > 5 and r[5].split("|")[-1].startswith("hat "))


@lru_cache(maxsize=None)
def verb_prepositions() -> dict[str, str]:
    """The preposition of a verb's prepositional object (verbs.tsv, column `frame`, `pp:auf`):
    `einigen` -> `auf`; what follows it is what the verb is about."""
    return {r[0]: r[5].partition("pp:")[2].split()[0] for r in _rows("verbs.tsv") if len(r) > 5 and "pp:" in r[5]}


@lru_cache(maxsize=None)
def saying_verbs() -> frozenset[str]:
    """Verbs whose content is what is said (verbs.tsv: kind `report`, or a `quote` frame:
    `warnen`): `So warnte X.` after a quotation reports it."""
    return frozenset(r[0] for r in _rows("verbs.tsv") if r[3] == "report" or len(r) > 5 and "quote" in r[5].split())


@lru_cache(maxsize=None)
def verb_conditions() -> dict[str, frozenset[str]]:
    """Verbs that are cues only in some constructions (verbs.tsv, column `only`): `drohen`
    with a zu-infinitive or after a quotation, never in `den Kliniken drohe die Pleite`."""
    return {r[0]: frozenset(r[7].split(",")) for r in _rows("verbs.tsv") if len(r) > 7 and r[7]}


def _verb_forms() -> list[tuple[str, list[str]]]:
    """(lemma, [present, preterite, perfect]) from the `forms` column of verbs.tsv."""
    return [(r[0], r[6].split("|")) for r in _rows("verbs.tsv") if len(r) > 6 and r[6].count("|") == 2]


@lru_cache(maxsize=None)
def participles() -> dict[str, str]:
    """Participle -> lemma of the lexicon verbs (`dargelegt` -> `darlegen`), for forms the
    tagger reads as adjectives; a participle two lexicon verbs share is left out."""
    seen: dict[str, set[str]] = {}
    for lemma, forms in _verb_forms():
        seen.setdefault(forms[2].split()[-1].lower(), set()).add(lemma)
    return {form: next(iter(lemmas)) for form, lemmas in seen.items() if len(lemmas) == 1}


@lru_cache(maxsize=None)
def zu_infinitives() -> dict[str, str]:
    """zu-infinitive of a separable lexicon verb -> lemma (`zuzusagen` -> `zusagen`)."""
    out = {}
    for lemma, forms in _verb_forms():
        particle = forms[0].partition(" ")[2]
        if particle and lemma.startswith(particle):
            out[particle + "zu" + lemma[len(particle):]] = lemma
    return out


@lru_cache(maxsize=None)
def finite_forms() -> dict[str, str]:
    """Present and preterite form (without its particle) -> lemma of the lexicon verbs."""
    seen: dict[str, set[str]] = {}
    for lemma, forms in _verb_forms():
        for form in forms[:2]:
            seen.setdefault(form.split()[0].lower(), set()).add(lemma)
    return {form: next(iter(lemmas)) for form, lemmas in seen.items() if len(lemmas) == 1}


@lru_cache(maxsize=None)
def phrases() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    out: dict[str, list] = {}
    for verb, companions, act, pol, *_ in _rows("phrases.tsv"):
        trig = Trigger(act, _sign(pol), report=act == "assertion" and _sign(pol) > 0)
        out.setdefault(verb, []).append((tuple(companions.split(",")), trig))
    return out


@lru_cache(maxsize=None)
def phrase_particles() -> dict[str, frozenset[str]]:
    """The companions that are a separable particle of the phrase's verb, by verb: those its
    citation splits off the verb column's lemma (`die Reform durch|setzen` under `setzen`).
    In a sentence such a companion must stand as a particle; a preposition of the same
    spelling is none (`setzte durch einen Erlass … in Gang`, `zog vor das Gericht`)."""
    out: dict[str, set[str]] = {}
    for verb, companions, _act, _pol, citation, *_ in _rows("phrases.tsv"):
        for word in citation.split():
            particle, bar, rest = word.partition("|")
            if bar and rest.rstrip(",") == verb and particle in companions.split(","):
                out.setdefault(verb, set()).add(particle)
    return {verb: frozenset(ps) for verb, ps in out.items()}


@lru_cache(maxsize=None)
def phrases_by_lemma() -> dict[str, list[tuple[tuple[str, ...], Trigger, int | None]]]:
    """The phrases a verb lemma may head: (companions, trigger, None) under the phrase's verb,
    and (companions, trigger, k) under companion k joined to it as a particle (`freimachen`
    for `machen Weg,frei`)."""
    out: dict[str, list] = {}
    for verb, entries in phrases().items():
        for companions, trig in entries:
            out.setdefault(verb, []).append((companions, trig, None))
            for k, c in enumerate(companions):
                out.setdefault(c.lower() + verb, []).append((companions, trig, k))
    return out


@lru_cache(maxsize=None)
def nouns() -> dict[str, Trigger]:
    return {r[0]: Trigger(r[1], _sign(r[2])) for r in _rows("nouns.tsv")}


@lru_cache(maxsize=None)
def evaluations() -> dict[tuple[str, ...], Trigger]:
    return {tuple(r[0].split()): Trigger(r[2] if len(r) > 2 else "assertion", _sign(r[1]))
            for r in _rows("evaluation.tsv")}


@lru_cache(maxsize=None)
def evaluations_by_first() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    """The evaluative entries indexed by their first word, for a quick scan."""
    out: dict[str, list] = {}
    for key, trig in evaluations().items():
        out.setdefault(key[0], []).append((key, trig))
    return out


@lru_cache(maxsize=None)
def _word_classes() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for name, word in _rows("word_classes.tsv"):
        out.setdefault(name, set()).add(word)
    return {name: frozenset(words) for name, words in out.items()}


def word_class(name: str) -> frozenset[str]:
    """The words of one small open-class list in word_classes.tsv (`experiencer`, `court`, …);
    an unknown name is a KeyError, so a typo fails loudly."""
    return _word_classes()[name]


@lru_cache(maxsize=None)
def media() -> tuple[tuple[str, ...], dict[str, list[tuple[str, ...]]]]:
    """media.tsv: the head nouns of outlets, and the known outlet names (lower case, `SPIEGEL
    ONLINE` is `Spiegel Online`) by their first word."""
    heads, outlets = [], {}
    for kind, word in _rows("media.tsv"):
        if kind == "head":
            heads.append(word)
        else:
            outlets.setdefault(word.split()[0].lower(), []).append(tuple(word.lower().split()))
    return tuple(heads), outlets


@memo("mentions.is_media_head")
def is_media_head(word: str) -> bool:
    """`Zeitung`, `Tageszeitung`, `Nachrichtenagentur`, `Fernsehsender` (media.tsv). Cached by
    word: the mention finder asks it of every token."""
    return word[:1].isupper() and word.lower().endswith(media()[0])


@lru_cache(maxsize=None)
def negations() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("negation.tsv"))


@lru_cache(maxsize=None)
def reaction_adjectives() -> dict[str, Trigger]:
    return {r[0]: Trigger(r[1], _sign(r[2])) for r in _rows("adjectives_reaction.tsv")}


@lru_cache(maxsize=None)
def reaction_verbs() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("reaction_verbs.tsv"))


@lru_cache(maxsize=None)
def role_heads() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("role_heads.tsv") if len(r) < 3}


@lru_cache(maxsize=None)
def prefixed_role_heads() -> dict[str, str]:
    """Heads that are role nouns only after an actor prefix (`CSU-Mann`, not `Hermann`)."""
    return {r[0]: r[1] for r in _rows("role_heads.tsv") if len(r) >= 3 and r[2] == "prefixed"}


@lru_cache(maxsize=None)
def national_roles() -> frozenset[str]:
    """Role nouns that, unnamed in a German article, mean the German holder (`der Kanzler`), per roles.jsonl."""
    path = ACTORS_DIR / "roles.jsonl"
    if not path.exists():
        return frozenset()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return frozenset(r["role"].lower() for r in rows if r.get("national_default"))


@lru_cache(maxsize=None)
def role_compatible() -> dict[str, frozenset[str]]:
    """Role keys a later bare role noun may refer back to (role_compatible.tsv)."""
    return {r[0]: frozenset(r[1].split(",")) for r in _rows("role_compatible.tsv")}


@lru_cache(maxsize=None)
def categories() -> dict[str, tuple[tuple[str, ...], str]]:
    """Collective subject nouns -> (name words of the organisation they stand for, scope:
    any | definite | heading) from categories.tsv."""
    return {r[0]: (tuple(r[1].split(",")), r[2]) for r in _rows("categories.tsv")}


@lru_cache(maxsize=None)
def coalitions() -> list[tuple[str, str, tuple[tuple[str, ...], ...]]]:
    """Federal coalitions (coalitions.tsv): (from, to, sides), a side the party names it covers."""
    return [(r[0], r[1], tuple(tuple(side.split("|")) for side in r[2].split(","))) for r in _rows("coalitions.tsv")]


@lru_cache(maxsize=None)
def body_heads() -> dict[str, tuple[str, ...]]:
    """Compound parts naming a kind of body (`Gewerkschafts|chef`) -> its name words (body_heads.tsv)."""
    return {r[0]: tuple(r[1].split(",")) for r in _rows("body_heads.tsv")}


@lru_cache(maxsize=None)
def collectives() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("collectives.tsv")}


@lru_cache(maxsize=None)
def org_heads() -> tuple[str, ...]:
    return tuple(r[0] for r in _rows("org_heads.tsv"))


@lru_cache(maxsize=None)
def state_organs() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("state_organs.tsv"))


@lru_cache(maxsize=None)
def generic_actors() -> dict[str, tuple[str, str, str]]:
    """`polizei` -> (`Polizei`, `institution`, `local`): bodies named by what they are."""
    return {r[0]: (r[1], r[2], r[3]) for r in _rows("generic_actors.tsv")}


@lru_cache(maxsize=None)
def bodies() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("bodies.tsv"))


@lru_cache(maxsize=None)
def first_names() -> dict[str, str]:
    return {r[0]: r[1] for r in _rows("first_names.tsv")}


@lru_cache(maxsize=None)
def abbreviations() -> frozenset[str]:
    """Abbreviations whose full stop ends no sentence, whatever follows (`z.B.`, `Dr.`)."""
    return frozenset(r[0] for r in _rows("abbreviations.txt") if len(r) == 1)


@lru_cache(maxsize=None)
def number_abbreviations() -> frozenset[str]:
    """Abbreviations only before a number (`Art. 5`): elsewhere a noun ending a sentence."""
    return frozenset(r[0] for r in _rows("abbreviations.txt") if r[1:] == ["before_number"])


@lru_cache(maxsize=None)
def source_markers() -> list[tuple[tuple[str, ...], str, str, bool]]:
    return [(tuple(r[0].lower().split()), r[1], r[2], len(r) > 3 and r[3] == "yes")
            for r in _rows("source_markers.tsv")]


@lru_cache(maxsize=None)
def bare_source_words(where: str) -> frozenset[str]:
    """The one-word markers (source_markers.tsv) on side `where` (`before`: `laut`; `after`:
    `zufolge`) that need no stance cue: the word alone says the name next to it is a source."""
    return frozenset(form[0] for form, side, _act, cue in source_markers()
                     if len(form) == 1 and side == where and not cue)


def actor_records() -> list[dict]:
    """Every actor line of every JSONL file in data/actors (roles.jsonl holds role nouns)."""
    records = []
    for path in sorted(ACTORS_DIR.glob("*.jsonl")):
        if path.name == "roles.jsonl":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{n}: not valid JSON ({e.msg})") from None
    return records


@lru_cache(maxsize=None)
def shared_roles() -> frozenset[str]:
    """Role nouns many people hold at once (`Stadtrat`, `Abgeordneter`), per roles.jsonl."""
    path = ACTORS_DIR / "roles.jsonl"
    if not path.exists():
        return frozenset()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return frozenset(r["role"].lower() for r in rows if r.get("single_holder") is False)


@lru_cache(maxsize=None)
def generic_roles() -> dict[str, str]:
    """Role nouns -> gender from data/actors/roles.jsonl (if the gazetteer ships one)."""
    path = ACTORS_DIR / "roles.jsonl"
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["role"].lower()] = r.get("gender") or "-"
    return out


@lru_cache(maxsize=None)
def directions() -> dict[str, str]:
    """Direction words of claims toward their issue: lower-case word -> "for" | "against"."""
    return {r[0].lower(): r[1] for r in _rows("directions.tsv")}


@lru_cache(maxsize=None)
def government_roles() -> dict[str, tuple[bool, frozenset[str]]]:
    """Role-name endings -> (an office of a government?, the kinds its `of` must have)."""
    return {r[0].lower(): (r[1] == "yes", frozenset((r[2] if len(r) > 2 and r[2] else "state,government")
                                                     .split(",")))
            for r in _rows("government_roles.tsv")}


@lru_cache(maxsize=None)
def nominalisations() -> dict[str, str]:
    """Verb -> its action noun (`abschaffen` -> `Abschaffung`), for claims written as noun
    phrases (data/nominalisations.tsv)."""
    return {r[0]: r[1] for r in _rows("nominalisations.tsv")}
