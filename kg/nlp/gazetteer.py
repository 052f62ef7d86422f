"""The actor gazetteer: canonical actors, their surface forms and time-scoped roles.

Loaded from every JSONL file in `kg/nlp/data/actors/`. Surface forms are matched
as token sequences (case-sensitive, because `Grünen` the party is not `grünen`
the adjective), with the inflected variants German needs: genitive `Trumps`,
`Moskaus`, and adjective endings (`hessische CDU` / `hessischen CDU`). Role nouns
resolve by date: `US-Präsident` names Biden in 2022 and Trump in 2025.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kg.caches import memo
from kg.nlp import resources

ADJECTIVE_HEADS = {"deutsche", "europäische", "internationale", "paritätische", "evangelische",
                   "katholische", "freie", "soziale", "grüne", "junge", "neue", "österreichische"}
ROLE_SYNONYMS = {"vorsitzender": "chef", "vorsitzende": "chef", "vorsitzenden": "chef",
                 "parteichef": "chef", "parteivorsitzender": "chef", "parteivorsitzende": "chef"}


@dataclass
class ActorInfo:
    """What the pipeline knows about one actor (from the gazetteer or the article)."""

    name: str
    type: str = "person"
    kind: str = "person"
    party: str | None = None
    gender: str | None = None
    roles: list[dict] = field(default_factory=list)
    known: bool = True
    parties: list[dict] = field(default_factory=list)  # spells {party, from, to}, for party switchers

    @property
    def surname(self) -> str | None:
        return self.name.split()[-1] if self.type == "person" else None

    def party_on(self, date: str | None) -> str | None:
        """The party on `date`: the spell of `parties` in force then (`to` is the first day
        out, as for roles), else `party`; undated, `party`. Network aggregation and
        extraction both ask this, so a statement and its network node agree."""
        if date:
            for spell in self.parties:
                if _in_office(date, spell.get("from"), spell.get("to")):
                    return spell["party"]
        return self.party


@memo("mentions.role_key")
def role_key(role: str) -> str:
    """A comparable form of a role noun: 'Bundesinnenministerin' -> 'innenminister',
    'CDU-Vorsitzende' -> 'cdu-chef', 'Kanzler' -> 'kanzler'."""
    r = role.lower().strip()
    prefix, _, head = r.rpartition("-")
    if head.startswith("bundes") and len(head) > 8:
        head = head[6:]
    for inflected in ("vorsitzenden", "vorsitzender", "vorsitzende", "parteichefin", "parteichef"):
        if head.endswith(inflected):
            head = head[: -len(inflected)] + "chef"
            break
    if head.endswith("in") and head[:-2].endswith(("ent", "er", "chef", "ar", "at", "or", "ör", "ef", "är")):
        head = head[:-2]
    if head.endswith("en") and head[:-1].endswith(("gesandte", "beauftragte", "abgeordnete")):
        head = head[:-1]
    return f"{prefix}-{head}" if prefix else head


class Gazetteer:
    """Lookup tables built once per process from the actor files."""

    def __init__(self, records: list[dict], tokenize):
        self.actors: dict[str, ActorInfo] = {}
        self.surface: dict[tuple[str, ...], str] = {}
        self.adjectives: dict[str, str] = {}
        self.roles: dict[str, list[tuple[str, str | None, str | None, str | None]]] = {}
        self.prefixes: dict[str, str] = {}
        self.ambiguous: dict[str, list[str]] = {}
        self.joint: dict[frozenset[str], str] = {}  # `CDU und CSU` -> CDU/CSU
        self.seats: dict[str, str] = {}  # `der Ministerpräsident aus Düsseldorf` -> Nordrhein-Westfalen
        self.families: dict[str, list[str]] = {}  # family name (and genitive) -> persons bearing it
        self.family_of: dict[str, str] = {}
        self.short_forms: dict[str, set[str]] = {}  # actor -> its one-word forms (`Merz`, `Kiew`)
        self.forms: dict[str, set[str]] = {}  # actor -> every surface form it owns
        self.first_words: set[str] = set()  # a form's first word: most tokens start none
        self.max_len = 1
        for rec in records:
            self._add(rec, tokenize)

    def _add(self, rec: dict, tokenize) -> None:
        name = rec["name"]
        info = ActorInfo(name, rec.get("type", "organization"), rec.get("kind", "organisation"),
                         rec.get("party"), rec.get("gender"), list(rec.get("roles") or []),
                         parties=list(rec.get("parties") or []))
        if info.type == "person" and not info.gender:
            info.gender = resources.first_names().get(name.split()[0])
        self.actors.setdefault(name, info)
        if rec.get("seat"):
            self.seats[rec["seat"]] = name
        if rec.get("joint_of"):
            self.joint[frozenset(rec["joint_of"])] = name
        for prefix in rec.get("prefixes") or []:
            self.prefixes.setdefault(prefix.rstrip("-"), name)
        for alias in rec.get("ambiguous") or []:
            self.ambiguous.setdefault(alias, []).append(name)
        for form in [name, *(a for a in rec.get("aliases") or [] if a not in (rec.get("ambiguous") or []))]:
            for variant in _variants(tuple(tokenize(form)), info.type == "person"):
                self.first_words.add(variant[0])
                if self.surface.setdefault(variant, name) == name:
                    self.forms.setdefault(name, set()).add(" ".join(variant))
                    if len(variant) == 1:
                        self.short_forms.setdefault(name, set()).add(variant[0])
                self.max_len = max(self.max_len, len(variant))
        family = family_name(rec) if info.type == "person" else None
        if family:
            self.family_of[name] = family
            for form in (family, family + "s") if not family.endswith(("s", "x", "z", "ß")) else (family,):
                self.families.setdefault(form, []).append(name)
        for adj in rec.get("adjectives") or []:
            self.adjectives[adj.lower()] = name
        for role in info.roles:
            for form in [role["role"], *(role.get("role_forms") or [])]:
                self.roles.setdefault(role_key(form), []).append(
                    (name, role.get("of"), role.get("from"), role.get("to")))

    def match(self, words: list[str], i: int) -> tuple[int, str] | None:
        """Longest gazetteer form starting at words[i]: (length, actor name)."""
        if words[i] not in self.first_words:
            return None
        for n in range(min(self.max_len, len(words) - i), 0, -1):
            name = self.surface.get(tuple(words[i:i + n]))
            if name:
                return n, name
        return None

    def prefix_owner(self, prefix: str) -> str | None:
        """The actor a compound prefix names: `Unions-` -> CDU/CSU, `US-` -> USA."""
        return self.prefixes.get(prefix) or self.surface.get((prefix,))

    def role_holder(self, role: str, date: str | None, of: str | None = None,
                    present: frozenset[str] = frozenset()) -> str | None:
        """Who held `role` (of `of`) on `date`; None when unknown or ambiguous. Among
        several (`Bundeskanzler` of Germany and of Austria) the one the article already
        names wins, else for a federal title (`Bundes…`) or a national one (`der Kanzler`, when
        no other holder's state is in the article) the German one."""
        holders = {(name, o) for name, o, start, end in self.roles.get(role_key(role), ())
                   if (of is None or o == of) and _in_office(date, start, end)}
        if len({n for n, _ in holders}) == 1:
            return holders.pop()[0]
        named = {n for n, _ in holders if n in present}
        if len(named) == 1:
            return named.pop()
        german = {n for n, o in holders if o == "Deutschland"}
        federal = role.lower().startswith("bundes")
        of_named = {n for n, o in holders if o in present and o != "Deutschland"}
        if not named and len(of_named) == 1 and role.lower() in resources.national_roles():
            return of_named.pop()  # `Österreich will … Der Kanzler kündigte …`
        if not federal and role.lower() in resources.national_roles():
            federal = not any(o in present for _, o in holders if o != "Deutschland")  # `der Kanzler`, no Austria
        return german.pop() if len(german) == 1 and not named and federal else None

    def bearer(self, family: str, date: str | None, present=frozenset()) -> str | None:
        """The person a bare family name names when the article introduced no one by it:
        the one bearer the article already names, else the one bearer in office on the
        statement date, else the only bearer the gazetteer has; several: no one."""
        names = self.families.get(family, ())
        if len(names) == 1:
            return names[0]
        named = [n for n in names if n in present]
        if len(named) == 1:
            return named[0]
        serving = [n for n in names if any(_in_office(date, r.get("from"), r.get("to")) and r.get("from")
                                           for r in self.actors[n].roles)]
        return serving[0] if len(serving) == 1 else None

    def is_role(self, token: str) -> bool:
        return role_key(token) in self.roles


def family_name(rec: dict) -> str | None:
    """The family name of a person record: `family` where the gazetteer gives it (family
    name first: `Li Qiang`, `Moon Jae-in`), else the last word of the name, if the name
    has two words at least and the last is a name (`Charles III.`, `Franziskus`: none)."""
    if rec.get("family"):
        return rec["family"]
    words = rec["name"].split()
    last = words[-1]
    if len(words) < 2 or not last[:1].isupper() or last.endswith(".") or not last.replace("-", "").isalpha():
        return None
    return last


def _in_office(date: str | None, start: str | None, end: str | None) -> bool:
    """Was a role held on `date`? Month-precision dates compare by month."""
    if not date:
        return end is None
    n = len(date)
    if start and start[:n] > date:
        return False
    return end is None or date < end[:n] or (n < 10 and date == end[:n])


def _variants(tokens: tuple[str, ...], person: bool = False) -> list[tuple[str, ...]]:
    """The inflected forms German news uses for one gazetteer form."""
    out = [tokens]
    first = tokens[0]
    if not person and len(tokens) > 1 and tokens[1][:1].isupper() and first[:1].isupper() \
            and first.endswith(("es", "er")) and len(first) > 5:
        stem = first[:-2]  # `Weißes Haus` -> `Weiße Haus`, `des Weißen Hauses`
        out += [(stem + e,) + tokens[1:] for e in ("e", "en", "em")]
    last = tokens[-1]
    for base in list(out):
        if last[:1].isupper() and not last.endswith(("s", "x", "z", "ß")):
            out.append(base[:-1] + (last + "s",))
        if last[:1].isupper() and last.lower().endswith(("gericht", "parlament", "amt", "haus")):
            out.append(base[:-1] + (last + "es",))
    if len(tokens) > 1 and first.endswith("e") and (first[:1].islower() or first.lower() in ADJECTIVE_HEADS):
        for ending in ("n", "r", "s"):
            out.append((first + ending,) + tokens[1:])
    if first[:1].islower():
        out += [(v[0][:1].upper() + v[0][1:],) + v[1:] for v in list(out)]
    return out


@lru_cache(maxsize=1)
def load(tokenizer_key: str = "de") -> Gazetteer:
    import spacy

    tok = spacy.blank(tokenizer_key).tokenizer
    return Gazetteer(resources.actor_records(), lambda s: [t.text for t in tok(s)])
