"""Actor mentions and within-article coreference.

Finds every way an article names an actor: gazetteer names and aliases
(`Kiew` -> Ukraine), role + name (`EU-Ratspräsident António Costa`), unknown
persons from a first name or a role noun before capitalised words
(`Der Innenpolitiker Sebastian Fiedler`), party affiliation from `(CDU)`, and
later references: a surname, a bare role noun (`der Kremlchef`, `die Ministerin`,
`der CSU-Politiker`), a collective noun (`die Delegierten`) standing for the
party last mentioned. Pronouns are only marked here; attribution resolves them,
because the right antecedent of `sagte er` is the last speaker.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from kg.nlp import organisations, resources
from kg.nlp.gazetteer import ActorInfo, Gazetteer, role_key

PERSON_TAGS = {"NE", "NN", "FM", "XY", "ADJA", "ADJD", "VVFIN", "VVPP"}
PRONOUNS = {"er": "m", "sie": "f", "Er": "m", "Sie": "f"}
DEFINITE = {"der", "die", "das", "des", "dem", "den"}
DATELINE = re.compile(r"(?:^|\n)\s*([A-ZÄÖÜ][\w-]+)(?: \([^)]*\))? [-–] [A-ZÄÖÜ„]")
NOT_CITIES = {"dieser", "jeder", "jener", "welcher", "mancher", "keiner", "einer", "unser", "neuer", "alter"}


@dataclass
class Mention:
    """A token span (doc indices, end exclusive) that names an actor."""

    start: int
    end: int
    actor: str | None
    kind: str  # name | role | surname | pronoun | collective
    text: str
    gender: str | None = None
    role: str | None = None
    of: str | None = None
    genitive: bool = False


def _first_name(word: str) -> str | None:
    """Gender of a first name, also of a double name (`Karl-Josef`)."""
    names = resources.first_names()
    return names.get(word) or (names.get(word.split("-")[0]) if "-" in word else None)


def _state_organ_word(word: str) -> bool:
    """`Regierung`, `Führung`, and any ministry (`Handelsministerium`, `Außenministeriums`)."""
    low = word.lower()
    return low in resources.state_organs() or low.rstrip("s").removesuffix("e").endswith("ministerium")


def _portfolio_end(toks, words, j: int) -> int:
    """`Bürgermeister für Stadtentwicklung Thomas Dienberg`, `Senatorin für Bildung und
    Jugend Katrin Weber`: skip the portfolio between a role noun and the name."""
    if j + 2 >= len(words) or words[j] != "für" or toks[j + 1].tag_ != "NN":
        return j
    k = j + 2
    while k + 1 < len(words) and words[k] in ("und", ",") and toks[k + 1].tag_ == "NN":
        k += 2
    nxt = words[k] if k < len(words) else ""
    return k if nxt[:1].isupper() and (_first_name(nxt) or toks[k].tag_ == "NE") else j


def _descriptor(word: str) -> str | None:
    """`46-Jährige`, `Sozialdemokrat`: a word that describes a person named before."""
    value = resources.collectives().get(word.lower().rpartition("-")[2], "")
    return value if value.startswith("person") else None


@lru_cache(maxsize=100_000)
def role_gender(word: str) -> str | None:
    """The role noun's gender if it is a role noun (by its head), else None."""
    head = word.lower().rpartition("-")[2]
    heads = resources.role_heads()
    generic = resources.generic_roles()
    for cand in (head, head[:-1] if head.endswith("n") else head):
        if cand in generic:
            return generic[cand]
        for h, g in heads.items():
            if cand.endswith(h) and (len(cand) == len(h) or len(h) > 4):
                return g
    return None


class MentionFinder:
    """Runs over one Doc; keeps the article's actors (entities) as it goes."""

    def __init__(self, doc: Doc, gaz: Gazetteer, date: str | None):
        self.doc, self.gaz, self.date = doc, gaz, date
        self.actors: dict[str, ActorInfo] = {}
        self.mentions: list[Mention] = []
        self.roles_seen: dict[str, set[str]] = {}
        self.local: dict[tuple[str, ...], str] = {}  # acronyms introduced in the article

    def run(self) -> list[Mention]:
        from kg.nlp.factories import sentences_of

        sents = sentences_of(self.doc)
        for sent in sents:
            self._scan(sent)
        if sents:
            self._local_heads(sents[0])
        self._surnames()
        self._resolve_roles()
        self._resolve_collectives()
        self.mentions.sort(key=lambda m: m.start)
        return self.mentions

    def _first_name_not_surname(self, toks, words, i, hit) -> bool:
        """`Günther Felßner` is not Daniel Günther: a one-word person alias that is a first
        name, followed by a capitalised name, opens another person's name."""
        if hit[0] != 1 or self._info(hit[1]).type != "person" or not _first_name(words[i]):
            return False
        nxt = words[i + 1] if i + 1 < len(words) else ""
        return nxt[:1].isupper() and nxt.replace("-", "").isalpha() and toks[i + 1].tag_ in ("NE", "NN") \
            and not self._is_role(nxt) and not self.gaz.match(words, i + 1)

    def _info(self, name: str) -> ActorInfo:
        """What is known of an actor, without making it one of the article's actors."""
        return self.actors.get(name) or self.gaz.actors[name]

    def _local(self, words, i) -> tuple[int, str] | None:
        name = self.local.get((words[i],))
        return (1, name) if name else None

    def entity(self, name: str) -> ActorInfo:
        if name not in self.actors:
            known = self.gaz.actors.get(name)
            self.actors[name] = copy.deepcopy(known) if known else ActorInfo(name, known=False)
        return self.actors[name]

    def _scan(self, sent) -> None:
        toks = [t for t in sent if not t.is_space]
        words = [t.text for t in toks]
        i = 0
        while i < len(toks):
            i = self._at(toks, words, i)

    def _at(self, toks, words, i) -> int:
        tok = toks[i]
        hit = self.gaz.match(words, i) or self._local(words, i)
        if hit and self._first_name_not_surname(toks, words, i, hit):
            hit = None
        org = self._unknown_org(toks, words, i, hit) or self._organ_in_seat(toks, words, i)
        if org:
            return org
        if hit and not (hit[0] == 1 and self._is_role(words[i]) and self._info(hit[1]).type == "person"):
            n, name = hit
            self._add(toks, i, i + n, name, "name")
            return i + n
        state = self._state_organ(toks, words, i)
        if state:
            self._add(toks, i, i + 2, state, "name")
            return i + 2
        owner = self._prefix_owner(words[i])
        if owner:
            self.entity(owner)
            self.mentions.append(Mention(tok.i, tok.i + 1, owner, "prefix", words[i]))
            return i + 1
        party = self._party_body(words[i])
        if party:
            self._add(toks, i, i + 1, party, "name")
            return i + 1
        council = self._council(toks, words, i)
        if council:
            return council
        if _descriptor(words[i]) and i and words[i - 1].lower() in ("der", "die", "dem"):
            gender = "f" if words[i - 1].lower() == "die" else "m"
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "collective", tok.text, gender))
            return i + 1
        if resources.collectives().get(words[i].lower(), "self") != "self" and not (
                i + 1 < len(words) and _first_name(words[i + 1])):
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "collective", tok.text))
            return i + 1
        gender = role_gender(words[i]) if words[i][:1].isupper() or "-" in words[i] else None
        if gender is not None or self.gaz.is_role(words[i]):
            return self._role(toks, words, i, gender)
        person = self._unknown_person(toks, words, i)
        if person:
            return person
        if tok.tag_ == "PPER" and words[i] in PRONOUNS:
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "pronoun", tok.text, PRONOUNS[words[i]]))
        elif tok.lemma_.lower() in resources.collectives() or words[i].lower() in resources.collectives():
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "collective", tok.text))
        elif tok.tag_ == "NN" and i and words[i - 1].lower() in DEFINITE and len(tok.lemma_) >= 5:
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "definite", tok.lemma_))
        return i + 1

    def _unknown_org(self, toks, words, i, hit) -> int | None:
        """An organisation named by a head noun the gazetteer lacks (kg.nlp.organisations);
        it wins over a shorter gazetteer form inside it (`Bund Deutscher Kriminalbeamter`
        is not `Bund`, `Mieterbund Dresden` not the federal association)."""
        org = organisations.find(toks, words, i, self.gaz, _first_name)
        if org is None or (hit and i + hit[0] >= org.end):
            return None
        name = org.known or self.gaz.surface.get(tuple(org.name.split())) or \
            (self.gaz.surface.get((org.acronym,)) if org.acronym else None) or org.name
        if name not in self.gaz.actors:
            info = self.entity(name)
            info.type, info.kind, info.known = "organization", "organisation", False
        if org.acronym and (org.acronym,) not in self.gaz.surface:
            self.local[(org.acronym,)] = name
        self._add(toks, i, org.end, name, "name")
        return org.end

    def _council(self, toks, words, i) -> int | None:
        """`Der Stadtrat beschloss`, `der Leipziger Stadtrat`: a council is an actor of its
        own (named with the city adjective before it); `Stadtrat Jens Bauer` is a person."""
        word = words[i]
        if resources.collectives().get(word.lower()) != "self" or not i or words[i - 1].lower() not in DEFINITE | {"im"} and \
                not (toks[i - 1].tag_ in ("ADJA", "NE", "NN") and words[i - 1].endswith("er")):
            return None
        if i + 1 < len(words) and (_first_name(words[i + 1]) or toks[i + 1].tag_ == "NE"):
            return None
        noun = word[:-1] if word.endswith("s") and resources.collectives().get(word[:-1].lower()) == "self" else word
        adj = words[i - 1] if words[i - 1][:1].isupper() and words[i - 1].endswith("er") and i > 0 \
            and words[i - 1].lower() not in DEFINITE else None
        name = self._council_name(noun, adj)
        info = self.entity(name)
        info.type, info.kind, info.known, info.gender = "organization", "institution", False, None
        self._add(toks, i - (1 if adj else 0), i + 1, name, "name")
        return i + 1

    def _council_name(self, noun: str, adj: str | None) -> str:
        """`Leipziger Stadtrat` -> `Stadtrat Leipzig`, `Münchner Stadtrat` -> `Stadtrat München`;
        a bare `der Stadtrat` is the council the article names elsewhere, or the council of
        the dateline's city (`Leipzig - Der Stadtrat …`)."""
        if adj:
            city = adj[:-2]
            if len(city) > 2 and city[-1] == "n" and city[-2] not in "aeiouäöü":
                city = city[:-1] + "en"  # Münchner -> München, Dresdner -> Dresden
            return f"{noun} {city}"
        text = self.doc.text
        for word in {w for w in text.split() if w.endswith("er") and w[:1].isupper() and len(w) > 5
                     and w.lower() not in NOT_CITIES}:
            if f"{word} {noun}" in text:
                return self._council_name(noun, word)
        city = DATELINE.search(text)
        return f"{noun} {city.group(1)}" if city else noun

    def _organ_in_seat(self, toks, words, i) -> int | None:
        """`die Regierung in Paris`, `das Handelsministerium in Peking`: the state of that
        seat (a German ministry in Berlin stays the ministry the gazetteer names)."""
        if not _state_organ_word(words[i]) or i + 2 >= len(words) or words[i + 1] != "in":
            return None
        hit = self.gaz.match(words, i + 2)
        if not hit or self.gaz.actors[hit[1]].kind != "state" or (
                hit[1] == "Deutschland" and self.gaz.match(words, i)):
            return None
        self._add(toks, i, i + 2 + hit[0], hit[1], "name")
        return i + 2 + hit[0]

    def _state_organ(self, toks, words, i) -> str | None:
        """`die dänische Ratspräsidentschaft`, `die russische Führung`: the state."""
        if toks[i].tag_ != "ADJA" or i + 1 >= len(words) or not _state_organ_word(words[i + 1]):
            return None
        if words[i + 1].lower() not in resources.state_organs() and self.gaz.match(words, i + 1):
            return None  # `das deutsche Wirtschaftsministerium` is the ministry the gazetteer names
        adj = words[i].lower()
        for ending in ("en", "er", "es", "e"):
            if adj.endswith(ending) and self.gaz.adjectives.get(adj[: -len(ending)]):
                return self.gaz.adjectives[adj[: -len(ending)]]
        return None

    def _prefix_owner(self, word: str) -> str | None:
        """`US-Vorgaben`, `SPD-Vorschlag`: the actor whose demand or plan the compound names."""
        prefix, _, rest = word.rpartition("-")
        owner = self.gaz.prefix_owner(prefix) if prefix and rest else None
        if not owner or self.gaz.actors[owner].type == "person":
            return None
        head = rest.lower()
        return owner if any(head.startswith(n) or head.endswith(n) for n in resources.nouns() if len(n) > 3) else None

    def _party_body(self, word: str) -> str | None:
        """`SPD-Bundesparteitag`, `FDP-Fraktion`: a party's body speaks for the party."""
        prefix, _, rest = word.rpartition("-")
        party = self.gaz.prefix_owner(prefix) if prefix else None
        if party and self.gaz.actors[party].kind == "party" and rest.lower() in resources.collectives():
            return party
        return None

    def _add(self, toks, i, j, name, kind, role=None) -> Mention:
        span_text = " ".join(t.text for t in toks[i:j])
        info = self.entity(name)
        genitive = j - i >= 1 and toks[j - 1].text.endswith("s") and toks[j - 1].text[:-1] in (
            info.name.split()[-1], *[k[-1] for k, v in self.gaz.surface.items() if v == name and len(k) == 1])
        m = Mention(toks[i].i, toks[j - 1].i + 1, name, kind, span_text, info.gender, role, genitive=genitive)
        self.mentions.append(m)
        self._party_after(toks, j, info)
        return m

    def _party_after(self, toks, j, info: ActorInfo) -> None:
        """`Friedrich Merz (CDU)`: the parenthesis names the person's party."""
        if info.type != "person" or j + 2 >= len(toks) or toks[j].text != "(" or toks[j + 2].text != ")":
            return
        party = self.gaz.surface.get((toks[j + 1].text,))
        if party and self.gaz.actors[party].kind == "party":
            info.party = info.party or party

    def _is_role(self, word: str) -> bool:
        return role_gender(word) is not None or self.gaz.is_role(word)

    def _role(self, toks, words, i, gender) -> int:
        role = words[i]
        j = _portfolio_end(toks, words, i + 1)
        hit = self.gaz.match(words, j) if j < len(words) else None
        if hit and self._first_name_not_surname(toks, words, j, hit):
            hit = None
        if hit and self.gaz.actors[hit[1]].type == "person":
            self._add(toks, i, j + hit[0], hit[1], "name", role)
            self._note_role(hit[1], role)
            return j + hit[0]
        name_len = self._name_after_role(toks, words, j)
        if name_len:
            name = " ".join(words[j:j + name_len])
            info = self.entity(name)
            info.gender = info.gender or _first_name(words[j]) or (gender if gender != "-" else None)
            self._add(toks, i, j + name_len, name, "name", role)
            self._note_role(name, role)
            return j + name_len
        of = self._role_of(toks, words, i)
        self.mentions.append(Mention(toks[i].i, toks[i].i + 1, None, "role", role,
                                     gender if gender in ("m", "f") else None, role, of))
        return i + 1

    def _role_of(self, toks, words, i) -> str | None:
        """The state or body a role belongs to: `US-Präsident`, `ukrainische Präsident`, `Frankreichs Präsident`."""
        prefix = words[i].rpartition("-")[0]
        if prefix:
            return self.gaz.prefix_owner(prefix)
        if i > 0:
            prev = words[i - 1].lower()
            for ending in ("en", "er", "es", "e"):
                if prev.endswith(ending) and self.gaz.adjectives.get(prev[: -len(ending)]):
                    return self.gaz.adjectives[prev[: -len(ending)]]
            last = self.mentions[-1] if self.mentions else None
            if last and last.end == toks[i].i and last.genitive:
                return last.actor
        return None

    def _note_role(self, name: str, role: str) -> None:
        self.roles_seen.setdefault(role_key(role), set()).add(name)
        self.roles_seen.setdefault(role_key(role).rpartition("-")[2], set()).add(name)
        prefix = role.rpartition("-")[0]
        party = self.gaz.prefix_owner(prefix) if prefix else None
        info = self.entity(name)
        if party and self.gaz.actors[party].kind == "party":
            info.party = info.party or party

    def _name_after_role(self, toks, words, j) -> int:
        """How many capitalised words after a role noun form a person's name (0-3)."""
        n = 0
        while j + n < len(toks) and n < 3:
            w, tag = words[j + n], toks[j + n].tag_
            if not (w[:1].isupper() and w.replace("-", "").isalpha() and tag in PERSON_TAGS):
                break
            if self.gaz.surface.get((w,)) and self.gaz.actors[self.gaz.surface[(w,)]].type != "person":
                break
            if self._is_role(w) and not self._role_surname(toks, words, j, n):
                break
            n += 1
        if n == 1 and toks[j].tag_ != "NE" and _first_name(words[j]) is None:
            return 0
        return n

    def _role_surname(self, toks, words, i, n) -> bool:
        """`Doris König`, `Gesine Richter`: a role noun right after a first name that ends
        the name (no capitalised word follows) is a surname."""
        nxt = words[i + n + 1] if i + n + 1 < len(words) else ""
        return n >= 1 and _first_name(words[i + n - 1]) is not None and not nxt[:1].isupper()

    def _unknown_person(self, toks, words, i) -> int | None:
        """`Irene Mihalic`: a known first name followed by a capitalised surname."""
        if _first_name(words[i]) is None or i + 1 >= len(toks):
            return None
        n = 1
        while i + n < len(toks) and n < 3 and words[i + n][:1].isupper() and words[i + n].replace("-", "").isalpha() \
                and toks[i + n].tag_ in PERSON_TAGS and (not self._is_role(words[i + n])
                                                         or self._role_surname(toks, words, i, n)):
            n += 1
        if n == 1:
            return None
        name = " ".join(words[i:i + n])
        info = self.entity(name)
        info.gender = info.gender or _first_name(words[i])
        self._add(toks, i, i + n, name, "name")
        return i + n

    def _local_heads(self, sent) -> None:
        """`Mieterverein fordert Sozialquote` over `Der Mieterverein Leipzig hat …`: a
        headline names an organisation by the head noun of the name the text gives, and
        so does a bare gazetteer alias (`der Mieterbund`) in an article on the local body."""
        heads = {}
        for info in self.actors.values():
            if not info.known and info.type != "person":
                for word in info.name.split():
                    if organisations.is_org_head(word):
                        heads.setdefault(word, set()).add(info.name)
        heads = {w: names.pop() for w, names in heads.items() if len(names) == 1}
        for m in self.mentions:
            if m.kind == "name" and m.end - m.start == 1 and m.text in heads:
                m.actor = heads[m.text]  # `der Mieterbund` after `Mieterbund Dresden` is the local one
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in sent:
            if tok.i not in taken and tok.text in heads:
                self.mentions.append(Mention(tok.i, tok.i + 1, heads[tok.text], "name", tok.text))

    def _surnames(self) -> None:
        """A later (or earlier, in a headline) bare surname names the person introduced in full."""
        surnames = {}
        for alias, names in self.gaz.ambiguous.items():
            present = [n for n in names if n in self.actors]
            if len(present) == 1:
                surnames[alias] = present[0]
        for info in self.actors.values():
            if info.type == "person" and not info.known and " " in info.name:
                surnames[info.surname] = info.name
                surnames[info.surname + "s"] = info.name
        if not surnames:
            return
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in self.doc:
            if tok.i not in taken and tok.text in surnames:
                name = surnames[tok.text]
                self.mentions.append(Mention(tok.i, tok.i + 1, name, "surname", tok.text,
                                             self.actors[name].gender, genitive=tok.text.endswith("s") and tok.text != name.split()[-1]))

    def _resolve_roles(self) -> None:
        ordered = sorted(self.mentions, key=lambda m: m.start)
        for m in ordered:
            if m.kind != "role" or m.actor:
                continue
            before = self.doc[m.start - 1].text.lower() if m.start else ""
            if before in ("die", "den") and m.gender == "m":
                continue  # `die Außenminister der G7`: many holders of the role, no one person
            if before in ("ein", "eine", "einer"):
                m.actor = self._spoken_for(m, ordered) or self._unnamed_spokesperson(m) if m.of is None else m.of
                continue  # `ein Regierungssprecher`: not the one named elsewhere
            m.actor = self._appositive_name(m, ordered) or self._spoken_for(m, ordered) or \
                self._role_actor(m, ordered)
            if m.actor:
                info = self.entity(m.actor)
                m.gender = m.gender or info.gender

    def _unnamed_spokesperson(self, m: Mention) -> str | None:
        """`ein Regierungssprecher` speaks for the government, `ein Kremlsprecher` for Russia."""
        role = m.role.lower()
        cut = role.find("sprecher")
        if cut <= 0:
            return None
        prefix = m.role[:cut].rstrip("s-")
        if prefix.lower() == "regierung":
            return self.gaz.surface.get(("Bundesregierung",))
        return self.gaz.prefix_owner(prefix) or self.gaz.surface.get((prefix,))

    def _spoken_for(self, m: Mention, ordered: list[Mention]) -> str | None:
        """`ein Sprecher des Außenministeriums`, `Sprecherin der Kommission`: the body spoken for."""
        if not m.role.lower().rstrip("n").endswith(("sprecher", "sprecherin")):
            return None
        nxt = self.doc[m.end] if m.end < len(self.doc) else None
        if nxt is None or nxt.text.lower() not in ("des", "der"):
            return None
        owner = next((x for x in ordered if x.start in (m.end + 1, m.end + 2) and x.actor), None)
        if owner and self.entity(owner.actor).type != "person":
            return owner.actor
        return None

    def _appositive_name(self, m: Mention, ordered: list[Mention]) -> str | None:
        """`Die Chefin der Bundesagentur für Arbeit, Andrea Nahles, mahnte …`: the name in
        commas right after a role phrase is the role's holder."""
        for x in ordered:
            if x.start <= m.start or x.start - m.end > 8 or x.kind != "name" or not x.actor:
                continue
            if self.entity(x.actor).type != "person":
                continue
            between = self.doc[m.end:x.start]
            tail = 0
            while tail < len(between) - 1 and between[len(between) - 1 - tail].text != "," and \
                    between[len(between) - 1 - tail].tag_ in ("NE", "ADJA"):
                tail += 1
            between = between[:len(between) - tail]
            if len(between) and between[-1].text == "," and \
                    not any(t.tag_ in ("VVFIN", "VAFIN", "VMFIN") or t.text in ".;:" for t in between):
                self._note_role(x.actor, m.role)
                return x.actor
            break
        return None

    def _role_actor(self, m: Mention, ordered: list[Mention]) -> str | None:
        key = role_key(m.role)
        prefix, _, head = key.rpartition("-")
        seen = self.roles_seen.get(key) or (self.roles_seen.get(head) if not prefix else None)
        shared = m.role.lower().rpartition("-")[2] in resources.shared_roles()
        if shared and self._city_adjective_before(m):
            return None  # `der Münchner Stadtrat` is the council, not a councillor
        if seen:
            return self._nearest(m, ordered, lambda x: x.actor in seen, backward_only=shared)
        holder = self.gaz.role_holder(m.role, self.date, present=frozenset(self.actors))
        if not holder and m.of:
            holder = self.gaz.role_holder(head, self.date, of=m.of)
        if holder and m.gender and self.gaz.actors[holder].gender not in (None, m.gender):
            holder = None
        if holder:
            self.entity(holder)
            return holder
        party = self.gaz.prefix_owner(m.role.rpartition("-")[0]) if prefix else None
        if party:
            return self._nearest(m, ordered, lambda x: x.actor and self.entity(x.actor).party == party
                                 and self.entity(x.actor).type == "person")
        if m.gender:
            return self._nearest(m, ordered, lambda x: x.actor and x.kind != "role" and x.gender == m.gender
                                 and any(k.endswith(head) for k, names in self.roles_seen.items() if x.actor in names))
        return None

    def _city_adjective_before(self, m: Mention) -> bool:
        prev = self.doc[m.start - 1] if m.start else None
        return prev is not None and prev.text[:1].isupper() and prev.text.endswith("er") and prev.tag_ in ("ADJA", "NE", "NN")

    def _nearest(self, m: Mention, ordered: list[Mention], ok, backward_only: bool = False) -> str | None:
        before = [x for x in ordered if x.start < m.start and x.actor and ok(x)]
        if before:
            return before[-1].actor
        if backward_only:
            return None
        after = [x for x in ordered if x.start > m.start and x.actor and ok(x)]
        return after[0].actor if after else None

    def _described(self, m: Mention, ordered: list[Mention], party: str) -> str | None:
        """`Die 46-Jährige`, `der Sozialdemokrat`: the person named last who fits."""
        for x in reversed([x for x in ordered if x.start < m.start and x.actor]):
            info = self.entity(x.actor)
            if info.type == "person" and info.gender == m.gender and (not party or info.party == party):
                return x.actor
        return None

    def _resolve_collectives(self) -> None:
        """`die Delegierten`, `der Parteitag`: the party mentioned last; `die Richter`: the
        court; `die Prüfer`, `die Währungshüter`: the institution last named; `der Verband`,
        `die Kommission`: the organisation last named with that word."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        last: dict[str, str] = {}
        orgs: list[str] = []
        table = resources.collectives()
        for m in ordered:
            if m.actor:
                info = self.entity(m.actor)
                if info.kind == "party":
                    last["party"] = m.actor
                if "gericht" in info.name.lower():
                    last["court"] = m.actor
                if info.type != "person":
                    orgs.append(m.actor)
                    if info.kind not in ("party", "state"):
                        last["body"] = m.actor
            elif m.kind == "definite":
                word = m.text.lower()
                m.actor = next((o for o in reversed(orgs) if word != o.lower()
                                and any(part.endswith(word) for part in o.lower().split())), None)
                m.kind = "collective" if m.actor else "definite"
            elif m.kind == "collective" and _descriptor(m.text):
                m.actor = self._described(m, ordered, _descriptor(m.text).partition(":")[2])
            elif m.kind in ("collective", "role"):
                wanted = table.get(m.text.lower())
                if wanted and wanted in last:
                    m.actor, m.kind = last[wanted], "collective"
        self.mentions = [m for m in self.mentions if m.kind != "definite"]


def find(doc: Doc, gaz: Gazetteer, date: str | None) -> tuple[list[Mention], dict[str, ActorInfo]]:
    finder = MentionFinder(doc, gaz, date)
    mentions = finder.run()
    return mentions, finder.actors
