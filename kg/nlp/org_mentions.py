"""Organisation mentions: the part of the mention finder that names bodies, not persons.

Organisations the gazetteer lacks (kg.nlp.organisations), city councils named by
their city (`der Leipziger Stadtrat` -> `Stadtrat Leipzig`), state organs that stand
for their state (`das Handelsministerium in Peking`, `die russische Führung`), and
head nouns that refer to the local body an article introduces (`der Mieterbund`
after `Mieterbund Dresden`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.caches import memo
from kg.nlp import organisations, resources
from kg.nlp.article_actors import ActorView, Mention, first_name
from kg.nlp.doc import text_of
from kg.nlp.persons import speaks
from kg.nlp.german import DEFINITE, ER_DETERMINERS

DATELINE = re.compile(r"(?:^|\n)\s*([A-ZÄÖÜ][\w-]+)(?: \([^)]*\))? [-–] [A-ZÄÖÜ„]")
TOWNS = resources.word_class("town")
LAND_GOVERNMENTS = resources.word_class("land_government")
PARTY_FAMILIES = resources.word_class("party_family")
GROUP_NOUNS = resources.word_class("group_noun")
CODE_THINGS = resources.word_class("code_thing")  # `die Mission ARX-12`: a code that names no body
SPOKESPERSONS = tuple(resources.word_class("spokesperson"))  # `ein Sprecher von X`: X is a body


@memo("mentions.state_organ_word")
def _state_organ_word(word: str) -> bool:
    """`Regierung`, `Führung`, and any ministry (`Handelsministerium`, `Außenministeriums`)."""
    low = word.lower()
    return low in resources.state_organs() or low.rstrip("s").removesuffix("e").endswith("ministerium")


class OrganisationMentions(ActorView):
    """Asked by kg.nlp.mentions.MentionFinder at each token; adds to the same ArticleActors."""

    def __init__(self, state):
        super().__init__(state)
        self.pending: list[tuple] = []  # named_source's finds, added after the family names

    @staticmethod
    def is_body_word(word: str) -> bool:
        """`Botschaft`, `Regierung`, `Handelskammer`: a noun for a body that may be seated in a
        capital or belong to a state (`die Botschaft Polens`)."""
        return organisations.is_org_head(word) or _state_organ_word(word) or word.lower() in resources.bodies()

    def unknown_org(self, toks, words, i, hit) -> int | None:
        """An organisation named by a head noun the gazetteer lacks (kg.nlp.organisations);
        it wins over a shorter gazetteer form inside it (`Bund Deutscher Kriminalbeamter`
        is not `Bund`, `Mieterbund Dresden` not the federal association)."""
        org = organisations.find(toks, words, i, self.gaz, first_name)
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

    def acronym(self, toks, words, i) -> int | None:
        """`TEPCO erklärte`, `kritisierte die KDB`: an acronym the gazetteer lacks, next to
        a verb of saying or taking a side, names an organisation (elsewhere it may be a
        product, a law or a unit, and stays none); once so introduced it names the
        organisation anywhere in the article. A code after a noun for a mission, a flight or
        a model names that thing (`die Mission ARX-12 leitet … ein`)."""
        word = words[i]
        if len(word) > 8 or word.upper() != word or sum(c.isupper() for c in word) < 2 \
                or not word.replace("-", "").isalnum() or word in resources.abbreviations() \
                or (i and toks[i - 1].tag_ == "APPR") or not speaks(toks, i, 1) \
                or (i and words[i - 1].lower().rpartition("-")[2] in CODE_THINGS):
            return None
        self._add(toks, i, i + 1, self._generic(word, "organisation"), "name")
        self.local[(word,)] = word  # `laut ISNA` later: the acronym the article introduced names it anywhere
        return i + 1

    def named_source(self, toks, words, i) -> int | None:
        """`laut Quarkwerk`, `Quarkwerk zufolge`: a name no list knows, that a source marker
        points to, names the source the sentence reports (a body, unless a first name made
        it a person before this is asked). Without the mention the sentence went to the
        last speaker. So does the name a spokesperson speaks for (`ein Sprecher von
        Quarkwerk`): a body."""
        if toks[i].tag_ not in ("NE", "FM") or not words[i][:1].isupper() or not words[i].replace("-", "").isalnum():
            return None
        n = 1
        while i + n < len(toks) and n < 3 and toks[i + n].tag_ in ("NE", "FM") and words[i + n][:1].isupper():
            n += 1
        marker = (i and words[i - 1].lower() in resources.bare_source_words("before")) \
            or (i + n < len(words) and words[i + n].lower() in resources.bare_source_words("after")) \
            or (i > 1 and words[i - 1] in ("von", "vom") and words[i - 2].lower().endswith(SPOKESPERSONS))
        if not marker or any(first_name(w) for w in words[i:i + n + 1]):
            return None  # `laut Hauptmann Lukas Brenner`: a title before a person's name, no body
        self.pending.append((toks, i, i + n, " ".join(words[i:i + n])))
        return i + n

    def pending_sources(self) -> None:
        """Add the sources named_source found, once family names are known: `laut Lehmann`
        after `Anna Lehmann`, or a person the article named in full, is that person."""
        taken = {k for m in self.mentions for k in range(m.start, m.end)}
        for toks, i, j, name in self.pending:
            if not any(toks[k].i in taken for k in range(i, j)):
                self._add(toks, i, j, name if name in self.actors else self._generic(name, "organisation"), "name")

    def land_government(self, toks, words, i) -> int | None:
        """`Kiel - Die Landesregierung will …`: a bare Land government in an article with a
        Land capital's dateline is that Land (the capital known from `Landtag in Kiel`)."""
        if words[i] not in LAND_GOVERNMENTS or not i or words[i - 1].lower() not in DEFINITE:
            return None
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in ("von", "in") or nxt[:1].isupper():
            return None
        city = DATELINE.search(text_of(self.doc))
        landtag = self.gaz.surface.get(("Landtag", "in", city.group(1))) if city else None
        land = landtag.removeprefix("Landtag ") if landtag else None
        if land not in self.gaz.actors:
            return None
        self._add(toks, i, i + 1, land, "name")
        return i + 1

    def city(self, toks, words, i) -> int | None:
        """`die Stadt Köln`, `die Gemeinde Kressbronn`: the town itself is the actor."""
        if words[i] not in TOWNS or not i or words[i - 1].lower() not in DEFINITE or i + 1 >= len(words) \
                or toks[i + 1].tag_ != "NE" or first_name(words[i + 1]):
            return None
        name = words[i + 1]
        if name not in self.gaz.actors:
            info = self.entity(name)
            info.type, info.kind, info.known, info.gender = "organization", "government", False, None
        self._add(toks, i, i + 2, name, "name")
        return i + 2

    def foreign_ministries(self) -> None:
        """`Peking reagierte gelassen … eine Sprecherin des Außenministeriums`: a bare
        ministry noun right after a foreign state is that state's, not the German one."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        for n, m in enumerate(ordered):
            word = m.text.lower()
            if m.end - m.start != 1 or "ministerium" not in word or word.startswith("bundes") or not m.actor:
                continue
            info = self.gaz.actors.get(m.actor)
            if info is None or info.kind not in ("government", "institution"):
                continue
            state = next((x.actor for x in reversed(ordered[:n]) if m.start - x.end <= 40 and x.actor
                          and self._info(x.actor).kind == "state"), None)
            if state and state != "Deutschland":
                m.actor = state
                self.entity(state)

    def foreign_party_families(self) -> None:
        """`die schwedischen Sozialdemokraten`, `die niederländischen Grünen`: a party family's
        name after a foreign state's adjective is that state's party, not the German party
        the name is an alias of; the mention is dropped."""
        def foreign(m) -> bool:
            if m.end - m.start != 1 or m.text.lower() not in PARTY_FAMILIES or m.start == 0:
                return False
            adj = self.doc[m.start - 1]
            stems = [adj.lower_[:-len(e)] for e in ("en", "er", "es", "e") if adj.lower_.endswith(e)]
            state = next((self.gaz.adjectives[s] for s in stems if s in self.gaz.adjectives), None) \
                if adj.tag_ == "ADJA" else None
            return state is not None and state != "Deutschland" and self._info(state).kind == "state"
        self.mentions = [m for m in self.mentions if not foreign(m)]

    def party_family_adjectives(self) -> None:
        """`Linke Gruppen`, `linke Parteien`: a party family's name before a noun for groups
        of people (word_classes.tsv group_noun) is an adjective describing them, no party."""
        def adjective(m) -> bool:
            if m.end - m.start != 1 or m.text.lower() not in PARTY_FAMILIES or m.end >= len(self.doc):
                return False
            return self.doc[m.end].lower_ in GROUP_NOUNS
        self.mentions = [m for m in self.mentions if not adjective(m)]

    def council(self, toks, words, i) -> int | None:
        """`Der Stadtrat beschloss`, `der Leipziger Stadtrat`, `die Polizei in Kabul`: a
        council, and a body news names by what it is (generic_actors.tsv), is an actor of
        its own, named with its place; `Stadtrat Jens Bauer` is a person, `die Opposition`
        one actor wherever it is."""
        word = words[i]
        generic = resources.generic_actors().get(word.lower())
        if resources.collectives().get(word.lower()) != "self" and not generic or not i \
                or words[i - 1].lower() not in DEFINITE | {"im"} and \
                not (toks[i - 1].tag_ in ("ADJA", "NE", "NN") and words[i - 1].endswith("er")):
            return None
        if i + 1 < len(words) and (first_name(words[i + 1]) or toks[i + 1].tag_ == "NE" and words[i + 1][:1].isupper()):
            return None
        if generic and generic[2] == "national":
            self._add(toks, i, i + 1, self._generic(generic[0], generic[1]), "name")
            return i + 1
        noun = generic[0] if generic else \
            word[:-1] if word.endswith("s") and resources.collectives().get(word[:-1].lower()) == "self" else word
        adj = words[i - 1] if words[i - 1][:1].isupper() and words[i - 1].endswith("er") and i > 0 \
            and words[i - 1].lower() not in DEFINITE else None
        end = i + 1
        town = 1 if i + 3 < len(words) and words[i + 1] == "der" and words[i + 2] in TOWNS else 0
        if i + 2 + town < len(words) and (town or words[i + 1] in ("von", "in")) and toks[i + 2 + town].tag_ == "NE":
            name, end = f"{noun} {words[i + 2 + town]}", i + 3 + town  # `der Stadtrat von Freiburg`, `der Stadt Frankfurt`
        else:
            name = self._council_name(noun, adj)
        self._add(toks, i - (1 if adj else 0), end, self._generic(name, generic[1] if generic else "institution"), "name")
        return end

    def _generic(self, name: str, kind: str) -> str:
        """An actor the gazetteer may lack, of the given kind."""
        if name not in self.gaz.actors:
            info = self.entity(name)
            info.type, info.kind, info.known, info.gender = "organization", kind, False, None
        return name

    def _council_name(self, noun: str, adj: str | None) -> str:
        """`Leipziger Stadtrat` -> `Stadtrat Leipzig`, `Münchner Stadtrat` -> `Stadtrat München`;
        a bare `der Stadtrat` is the council the article names elsewhere, or the council of
        the dateline's city (`Leipzig - Der Stadtrat …`)."""
        if adj:
            city = adj[:-2]
            if len(city) > 2 and city[-1] == "n" and city[-2] not in "aeiouäöü":
                city = city[:-1] + "en"  # Münchner -> München, Dresdner -> Dresden
            return f"{noun} {city}"
        text = text_of(self.doc)
        for word in {w for w in text.split() if w.endswith("er") and w[:1].isupper() and len(w) > 5
                     and w.lower() not in ER_DETERMINERS}:
            if f"{word} {noun}" in text:
                return self._council_name(noun, word)
        city = DATELINE.search(text)
        return f"{noun} {city.group(1)}" if city else noun

    def organ_in_seat(self, toks, words, i) -> int | None:
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

    def state_organ(self, toks, words, i) -> str | None:
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

    def local_heads(self, sent) -> None:
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
