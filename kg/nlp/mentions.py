"""Actor mentions: every span of an article that names or may refer to an actor.

Finds every way an article names an actor: gazetteer names and aliases
(`Kiew` -> Ukraine), role + name (`EU-Ratspräsident António Costa`), unknown
persons from a first name or a role noun before capitalised words
(`Der Innenpolitiker Sebastian Fiedler`), party affiliation from `(CDU)`, and
later references: a surname, a bare role noun (`der Kremlchef`, `die Ministerin`,
`der CSU-Politiker`), a collective noun (`die Delegierten`) standing for the
party last mentioned. Pronouns are only marked here; attribution resolves them,
because the right antecedent of `sagte er` is the last speaker. Organisations and
state organs are found by kg.nlp.org_mentions, bare family names linked by
kg.nlp.surnames; what refers back is resolved later, by the coreference component
(kg.nlp.coreference), from the ArticleActors this module fills (kg.nlp.article_actors).
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.caches import memo
from kg.nlp import resources
from kg.nlp.doc import sentence_toks, sentences_of
from kg.nlp.article_actors import NAME_KINDS, ActorView, ArticleActors, Mention, descriptor, first_name  # noqa: F401
from kg.nlp.german import DATIVE_GENDER, DEFINITE, DEMONSTRATIVE_GENDER, FINITE, GROUP_COUNTS, PERSONAL_GENDER
from kg.nlp.gazetteer import Gazetteer, role_key
from kg.nlp.org_mentions import LAND_GOVERNMENTS, TOWNS, OrganisationMentions, _state_organ_word
from kg.nlp.organisations import is_org_head
from kg.nlp.media import OPEN_QUOTES, MediaMentions, is_media_head
from kg.nlp.persons import PERSON_TAGS, PersonNames, capitalised, stance_noun
from kg.nlp.role_nouns import is_role, role_gender
from kg.nlp.surnames import FamilyNames, is_time_word

_first_name = first_name


def _portfolio_end(toks, words, j: int) -> int:
    """`Stadträtin für Umwelt Anna Beispiel`, `Senatorin für Bildung und
    Jugend Katrin Weber`, `Der Direktor der Wetterbehörde Roberto Lima`: skip the portfolio
    or the body between a role noun and the name."""
    if j + 2 < len(words) and words[j] in ("der", "des"):
        k = j + 1
        while k < len(words) and toks[k].tag_ == "ADJA":
            k += 1
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if k < len(words) and toks[k].tag_ == "NN" and k + 2 < len(words) and words[k + 2][:1].isupper() \
                and (_first_name(nxt) or toks[k + 1].tag_ == "NE" and toks[k + 2].tag_ == "NE"):
            return k + 1
        return j
    if j + 2 >= len(words) or words[j] != "für" or toks[j + 1].tag_ != "NN":
        return j
    k = j + 2
    while k + 1 < len(words) and words[k] in ("und", ",") and toks[k + 1].tag_ == "NN":
        k += 2
    nxt = words[k] if k < len(words) else ""
    return k if nxt[:1].isupper() and (_first_name(nxt) or toks[k].tag_ == "NE") else j


@memo("mentions.unlisted")
def _unlisted(word: str) -> bool:
    """Is the word in none of the word lists the mention checks read of the word they start
    at: first names (PersonNames.unknown), state organs (organ_in_seat), collectives and
    their descriptors (_described, council), generic actors (council), categories
    (_described), outlets and their head nouns (MediaMentions), towns and Land governments,
    organisation heads, also under a genitive `-s`/`-es` (organisations.find), role nouns
    (_at)? Cached by word: asked of most tokens."""
    low = word.lower()
    return word not in resources.first_names() and not _state_organ_word(word) and low not in resources.collectives() \
        and low not in resources.generic_actors() and low not in resources.categories() \
        and low not in resources.media()[1] and not is_media_head(word) and word not in TOWNS \
        and word not in LAND_GOVERNMENTS and role_gender(word) is None \
        and not any(is_org_head(stem) for stem in (word, word.removesuffix("s"), word.removesuffix("es")))


def _plural(words: list[str], i: int) -> bool:
    """`die Amerikaner`, `die 46-Jährigen`: `die` before a describing noun that is no feminine
    form (those end in `-in` or, as adjectives, `-e`: `die Amerikanerin`, `die 46-Jährige`)
    is a plural -- a people or a group, no one person named before."""
    return words[i - 1].lower() == "die" and not words[i].lower().endswith(("in", "e"))


class MentionFinder(ActorView):
    """Runs over one Doc, filling the article's ArticleActors as it goes."""

    def __init__(self, state: ArticleActors):
        super().__init__(state)
        self.orgs = OrganisationMentions(state)
        self.media = MediaMentions(state)
        self.persons = PersonNames(state)

    def run(self) -> ArticleActors:
        sents = sentences_of(self.doc)
        for sent in sents:
            self._scan(sent)
        self._joint_actors()
        if sents:
            self.orgs.local_heads(sents[0])
        self.orgs.foreign_ministries()
        self.orgs.foreign_party_families()
        self.orgs.party_family_adjectives()
        FamilyNames(self.state).run()
        self.orgs.pending_sources()
        self.mentions.sort(key=lambda m: m.start)
        return self.state

    def _joint_actors(self) -> None:
        """`CDU und CSU fordern`, `der Vorschlag von CDU und CSU`: the two sister parties named
        together act as the Union (one actor, CDU/CSU); `CDU und SPD` stay two."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        drop = set()
        for a, b in zip(ordered, ordered[1:]):
            joint = self.gaz.joint.get(frozenset((a.actor, b.actor))) if a.actor and b.actor else None
            if not joint or id(a) in drop or a.kind != "name" or b.kind != "name":
                continue
            if not all(t.text.lower() in ("und", "sowie", ",", "/") for t in self.doc[a.end:b.start]):
                continue
            a.end, a.actor, a.text = b.end, joint, self.doc[a.start:b.end].text
            self.entity(joint)
            drop.add(id(b))
        self.mentions = [m for m in self.mentions if id(m) not in drop]

    def _place_of_body(self, toks, words, i, hit) -> bool:
        """`die Botschaft in Riad`, `das Institut von Athen`, `die Staatsanwaltschaft Oslo`: a
        capital that stands for its state elsewhere (`Moskau lehnt ab`) is only the seat
        of the body named before it here."""
        if hit[0] != 1 or self._info(hit[1]).kind != "state" or words[i] == hit[1] or i == 0:
            return False
        if words[i] == hit[1] + "s" and not self.orgs.is_body_word(words[i - 1]):
            return False  # `nach Auffassung Polens`: the state's own view, not a body seated there
        k = i - 1 if words[i - 1] not in ("in", "von") else i - 2
        return k >= 0 and toks[k].tag_ in ("NN", "NE") and words[k][:1].isupper() and not (
            self.gaz.match(words, k) or _state_organ_word(words[k]))

    def _first_name_not_surname(self, toks, words, i, hit) -> bool:
        """`Günther Felßner` is not Daniel Günther: a one-word person alias that is a first
        name, followed by a capitalised name, opens another person's name."""
        if hit[0] != 1 or self._info(hit[1]).type != "person" or not _first_name(words[i]):
            return False
        nxt = words[i + 1] if i + 1 < len(words) else ""
        return nxt[:1].isupper() and nxt.replace("-", "").isalpha() and toks[i + 1].tag_ in ("NE", "NN") \
            and not self._is_role(nxt) and not self.gaz.match(words, i + 1)

    def _time_not_person(self, toks, i, hit) -> bool:
        """`im Sommer`, `seit Herbst`: a time of year after a preposition is never the
        person of that family name (kg.nlp.surnames.is_time_word)."""
        return hit[0] == 1 and self._info(hit[1]).type == "person" and is_time_word(toks[i])

    def _local(self, words, i) -> tuple[int, str] | None:
        name = self.local.get((words[i],))
        return (1, name) if name else None

    def _scan(self, sent) -> None:
        toks = sentence_toks(self.doc, sent)
        words = [t.text for t in toks]
        i = 0
        while i < len(toks):
            i = self._at(toks, words, i)

    def _at(self, toks, words, i) -> int:
        """Mentions from token i on; the index after them (i + 1 where none starts)."""
        if self._plain(toks, words, i):
            return self._referring(toks, words, i)
        end = self._named(toks, words, i) or self._described(toks, words, i)
        if end:
            return end
        gender = role_gender(words[i]) if words[i][:1].isupper() or "-" in words[i] else None
        if gender is not None or self.gaz.is_role(words[i]):
            return self._role(toks, words, i, gender)
        end = self.persons.unknown(toks, words, i) or self.persons.apposed(toks, words, i) \
            or self.orgs.acronym(toks, words, i) or self.orgs.named_source(toks, words, i)
        return end or self._referring(toks, words, i)

    def _plain(self, toks, words, i) -> bool:
        """Can only a referring word (`wir`, a pronoun, a definite noun: _referring) start at
        token i? So where no gazetteer form starts, no local name or role noun stands and no
        word list holds the word (_unlisted), for a lower-case word or a punctuation mark
        (but a hyphen, `CDU-Politiker`, or an opening quotation mark, `die „Rundschau“`),
        tagged neither ADJA (`die russische Führung`: state_organ, an organisation's
        adjectives) nor TRUNC (`Industrie- und Handelskammer`), and for a capitalised common
        noun (NN: a name's checks want NE or FM, an acronym two capitals): every other check
        needs a capital, a hyphen, a full stop in a name, a quotation mark or a listed word
        there. Most tokens, asked once instead of some fifteen times."""
        w, tag = words[i], toks[i].tag_
        if w.isalpha():
            shaped = w.islower() and tag not in ("ADJA", "TRUNC") or w.istitle() and tag == "NN"
        else:
            shaped = toks[i].is_punct and "-" not in w and w not in OPEN_QUOTES and tag not in ("ADJA", "TRUNC")
        return shaped and _unlisted(w) and w not in self.gaz.first_words and (w,) not in self.local \
            and not self.gaz.is_role(w)

    def _named(self, toks, words, i) -> int | None:
        """Gazetteer names, organisations, state organs, party bodies, councils."""
        hit = self.gaz.match(words, i) or self._local(words, i)
        if hit and (self._first_name_not_surname(toks, words, i, hit) or self._time_not_person(toks, i, hit)):
            hit = None
        org = self.orgs.unknown_org(toks, words, i, hit) or self.orgs.organ_in_seat(toks, words, i)
        if org:
            return org
        if hit and self._place_of_body(toks, words, i, hit):
            return i + hit[0]
        if hit and not (hit[0] == 1 and self._is_role(words[i]) and self._info(hit[1]).type == "person"):
            n, name = hit
            if i + n < len(words) and self._info(name).kind == "state" and words[i + n - 1].endswith("s") \
                    and _state_organ_word(words[i + n]):
                n += 1  # `Israels Armee`, `Chinas Regierung`: the state itself
            self._add(toks, i, i + n, name, "name")
            return i + n
        state = self.orgs.state_organ(toks, words, i)
        if state:
            self._add(toks, i, i + 2, state, "name")
            return i + 2
        if "-" in words[i]:  # compounds only: the two lookups below read the prefix
            owner = self._prefix_owner(words[i])
            if owner:
                self.entity(owner)
                self.mentions.append(Mention(toks[i].i, toks[i].i + 1, owner, "prefix", words[i]))
                return i + 1
            party = self._party_body(words[i])
            if party:
                self._add(toks, i, i + 1, party, "name")
                return i + 1
        return self.orgs.council(toks, words, i) or self.orgs.land_government(toks, words, i) or \
            self.orgs.city(toks, words, i) or self.media.outlet(toks, words, i)

    def _described(self, toks, words, i) -> int | None:
        """Words that stand for actors named elsewhere: `beider Parteien`, `die Gewerkschaft`,
        `die 46-Jährige`, `die Delegierten` (resolved by the coreference component)."""
        tok, low = toks[i], words[i].lower()
        kind, gender, role = None, None, None
        if i and words[i - 1].lower().rstrip("nr") in GROUP_COUNTS and resources.collectives().get(low, "").startswith("group:"):
            kind, role = "group", str(GROUP_COUNTS[words[i - 1].lower().rstrip("nr")])
        elif low in resources.categories() and words[i][:1].isupper():
            kind = "category"
        elif descriptor(words[i]) and i and words[i - 1].lower() in ("der", "die", "dem") and not _plural(words, i):
            kind, gender = "collective", "f" if words[i - 1].lower() == "die" else "m"
        elif resources.collectives().get(low, "self") != "self" and not resources.collectives()[low].startswith(
                "person:@") and not (i + 1 < len(words) and _first_name(words[i + 1])):
            kind = "collective"
        if kind is None:
            return None
        self.mentions.append(Mention(tok.i, tok.i + 1, None, kind, tok.text, gender, role))
        return i + 1

    def _referring(self, toks, words, i) -> int:
        """`Wir als Fraktion der Grünen`, pronouns, demonstratives and definite nouns that refer back."""
        tok = toks[i]
        low = tok.lower_  # (words[i].lower(), read once: most tokens come here)
        if low == "wir" and i + 2 < len(words) and words[i + 1] == "als":
            hit = self.gaz.match(words, i + 2)
            if hit and self._info(hit[1]).type != "person":  # `Wir als Grünen-Fraktion fordern …`
                self._add(toks, i, i + 2 + hit[0], hit[1], "self")
                return i + 2 + hit[0]
        if tok.tag_ == "PPER" and words[i] in DATIVE_GENDER and i + 1 < len(words) and words[i + 1] == "zufolge":
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "pronoun", tok.text, DATIVE_GENDER[words[i]]))
        elif tok.tag_ == "PPER" and words[i] in PERSONAL_GENDER:
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "pronoun", tok.text, PERSONAL_GENDER[words[i]]))
        elif tok.tag_ in ("PDS", "PIS", "NN") and low in DEMONSTRATIVE_GENDER and i + 1 < len(words) \
                and toks[i + 1].tag_ in FINITE and not words[i + 1].endswith("en"):  # `Diese forderten`: plural
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "demonstrative", tok.text,
                                         DEMONSTRATIVE_GENDER[low]))
        elif tok.lemma_.lower() in resources.collectives() or low in resources.collectives():
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "collective", tok.text))
        elif tok.tag_ == "NN" and i and words[i - 1].lower() in DEFINITE and len(tok.lemma_) >= 5:
            self.mentions.append(Mention(tok.i, tok.i + 1, None, "definite", tok.lemma_))
        return i + 1

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

    def _is_role(self, word: str) -> bool:
        return is_role(word, self.gaz)

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
        if name_len == 1 and words[j].endswith("s") and words[j + 1:j + 2] == [","] and words[j + 2:j + 3] \
                and words[j + 2][:1].isupper():
            name_len = 0  # `Der Präsident Maliwanas, Kofi Bempah, …`: a genitive, the name follows
        bearer = self._role_bearer(role, words[j]) if name_len == 1 else None
        if bearer:  # `Wirtschaftsminister Clement`: the gazetteer's person of that name and office
            self._add(toks, i, j + 1, bearer, "name", role)
            self._note_role(bearer, role)
            return j + 1
        if name_len:
            name = " ".join(words[j:j + name_len])
            info = self.entity(name)
            info.gender = info.gender or _first_name(words[j]) or (gender if gender != "-" else None)
            self._add(toks, i, j + name_len, name, "name", role)
            self._note_role(name, role)
            return j + name_len
        end = self.persons.unknown(toks, words, j) if j < len(words) else None
        if end:  # `Innenministerin Ana del Campo`: a name with a particle; the role is its apposition
            self.mentions.pop()
            name = " ".join(words[j:end])
            self._add(toks, i, end, name, "name", role)
            self._note_role(name, role)
            return end
        of = self._role_of(toks, words, i)
        self.mentions.append(Mention(toks[i].i, toks[i].i + 1, None, "role", role,
                                     gender if gender in ("m", "f") else None, role, of))
        return i + 1

    def _role_bearer(self, role: str, family: str) -> str | None:
        """The gazetteer person a role noun + bare family name names: among the bearers of
        the name, the one who held an office of that kind; else Gazetteer.bearer."""
        bearers = self.gaz.families.get(family)
        if not bearers:
            return None
        head = role_key(role).rpartition("-")[2]
        fitting = [n for n in bearers if any(role_key(r["role"].split()[-1]).endswith(head)
                                              for r in self.gaz.actors[n].roles)]
        if len(fitting) == 1:
            return fitting[0]
        return self.gaz.bearer(family, self.date, frozenset(self.actors))

    def _role_of(self, toks, words, i) -> str | None:
        """The state or body a role belongs to: `US-Präsident`, `ukrainische Präsident`,
        `Frankreichs Präsident`, `der Ministerpräsident aus Düsseldorf` (a Land's seat)."""
        prefix = words[i].rpartition("-")[0]
        if prefix:
            return self.gaz.prefix_owner(prefix)
        if i + 2 < len(words) and words[i + 1] == "aus" and words[i + 2] in self.gaz.seats:
            return self.gaz.seats[words[i + 2]]
        if i > 0:
            prev = words[i - 1].lower()
            for ending in ("en", "er", "es", "e"):
                if prev.endswith(ending) and self.gaz.adjectives.get(prev[: -len(ending)]):
                    return self.gaz.adjectives[prev[: -len(ending)]]
            last = next((m for m in reversed(self.mentions) if m.kind not in ("definite", "collective", "category")
                     or m.actor), None)  # the genitive between: `Der Direktor der Behörde, …`
            if last and last.end == toks[i].i and last.genitive:
                return last.actor
        return None

    def _name_after_role(self, toks, words, j) -> int:
        """How many name words (capitalised, or `al-Rashid`) after a role noun form a person's name (0-3)."""
        n = 0
        while j + n < len(toks) and n < 3:
            w, tag = words[j + n], toks[j + n].tag_
            if not (capitalised(w) and w.replace("-", "").isalpha()
                    and (tag in PERSON_TAGS or n and tag.startswith("VV"))):
                break
            known = self.gaz.surface.get((w,))
            if known and self.gaz.actors[known].type != "person" and not (
                    n and self.gaz.actors[known].kind == "state" and w != known):
                break  # `Roberto Lima`: a capital's name may be a family name
            if self._is_role(w) and not self.persons.role_surname(toks, words, j, n):
                break
            if n >= 2 and stance_noun(w):
                break  # `Fraktionsvize Anton Huber Zustimmung zur …`: the object
            n += 1
        if n == 1 and (toks[j].tag_ != "NE" and _first_name(words[j]) is None or _first_name(words[j])):
            return 0  # a first name alone (`Fraktionschefin Wibke`) is no one's name
        return n

def find(doc: Doc, gaz: Gazetteer, date: str | None) -> ArticleActors:
    """The mentions and actors of one article, before coreference."""
    return MentionFinder(ArticleActors(doc, gaz, date)).run()
