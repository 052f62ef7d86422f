"""Persons the article introduces that no list knows: `Irene Mihalic` (a known first name
and a capitalised family name; also `Irene K. Mihalic`, `Kurt von Hallberg`, `Ali al-Rashid`), `Kwame Mensah, der Sprecher der Partei, …`, `Der Leiter der
Behörde, Ngozi Adeyemi, …`, `Tomasz Wrzesniak, der …`, `Kerem Yıldırımlı (SPD)`, and two
names next to a verb of saying (`kritisierte Chidi Okonkwo`)."""
from __future__ import annotations

from kg.nlp import organisations, resources
from kg.nlp.article_actors import ActorView, first_name
from kg.nlp.german import ARTICLE_PREFIXES, FINITE, NAME_PARTICLES
from kg.nlp.role_nouns import is_role, role_gender

PERSON_TAGS = {"NE", "NN", "FM", "XY", "ADJA", "ADJD", "VVFIN", "VVPP"}


def speaks(toks, i: int, n: int) -> bool:
    """Is toks[i:i+n] next to a finite verb of saying or taking a side (`Ngozi Adeyemi
    sagte`, `erklärte Ngozi Adeyemi`)?"""
    around = [toks[i + n]] if i + n < len(toks) else []
    before = i - 1 if i and toks[i - 1].tag_ != "ART" else i - 2  # `kritisierte die KDB`
    around += [toks[before]] if before >= 0 else []
    verbs = resources.verbs()
    return any(t.tag_ == "VVFIN" and t.lemma_ in verbs for t in around)


def middle_initial(words, j: int) -> bool:
    """`K.` between a first name and a surname: one capital letter and a full stop, a
    capitalised word after it."""
    return j + 1 < len(words) and len(words[j]) == 2 and words[j][0].isupper() and words[j][1] == "." \
        and words[j + 1][:1].isupper()


def capitalised(word: str) -> bool:
    """A name word: capitalised, or a family name after an Arabic article (`al-Rashid`)."""
    return word[:1].isupper() or (word.lower().startswith(ARTICLE_PREFIXES) and word[3:4].isupper())


def stance_noun(word: str) -> bool:
    """`signalisierte Fraktionsvize Anton Huber Zustimmung`: a stance noun of the lexicon
    (`Zustimmung`, `Kritik`) after a first name and a surname is the object, no third name."""
    return word.lower() in resources.nouns()


class PersonNames(ActorView):
    """Asked by kg.nlp.mentions.MentionFinder at each token; adds to the same ArticleActors."""

    def _is_role(self, word: str) -> bool:
        return is_role(word, self.gaz)

    def role_surname(self, toks, words, i, n) -> bool:
        """`Doris König`, `Gesine Richter`: a role noun right after a first name that ends
        the name (no capitalised word follows) is a surname."""
        nxt = words[i + n + 1] if i + n + 1 < len(words) else ""
        return n >= 1 and first_name(words[i + n - 1]) is not None and not nxt[:1].isupper()

    def unknown(self, toks, words, i) -> int | None:
        """`Irene Mihalic`: a known first name followed by a capitalised surname; a middle
        initial between them (`Irene K. Mihalic`) belongs to the name."""
        if first_name(words[i]) is None or i + 1 >= len(toks):
            return None
        skip = int(middle_initial(words, i + 1) or self._particle(toks, words, i + 1))
        n = 1 + skip
        while i + n < len(toks) and n < 3 + skip and capitalised(words[i + n]) and words[i + n].replace("-", "").isalpha() \
                and (toks[i + n].tag_ in PERSON_TAGS or toks[i + n].tag_.startswith("VV")) and (not self._is_role(words[i + n])
                                                         or self.role_surname(toks, words, i, n)) \
                and not (n >= 2 and stance_noun(words[i + n])):
            n += 1
        if n == 1 + skip:
            return None
        name = " ".join(words[i:i + n])
        info = self.entity(name)
        info.gender = info.gender or first_name(words[i])
        self._add(toks, i, i + n, name, "name")
        return i + n

    def _particle(self, toks, words, j) -> bool:
        """`von` in `Kurt von Hallberg`: a particle right after a first name, before a
        capitalised word that is no known actor, role or organisation word."""
        if j + 1 >= len(words) or words[j] not in NAME_PARTICLES or not capitalised(words[j + 1]):
            return False
        w = words[j + 1]
        return toks[j + 1].tag_ in ("NE", "NN", "FM") and not (self.gaz.match(words, j + 1) or self._is_role(w)
                                                              or organisations.is_org_head(w))

    def apposed(self, toks, words, i) -> int | None:
        """A name no first-name list knows, told by an apposition with a role noun: `Kwame
        Mensah, der Sprecher der Partei, …` (the role after it) or `Der Leiter der Behörde,
        Ngozi Adeyemi, …` (after a role phrase no one was named with; also closing the
        sentence: `„…“, sagte der Leiter der Behörde, Ngozi Adeyemi.`)."""
        n = self._name_words(toks, words, i)
        if n < 2:
            return None
        after = words[i + n] if i + n < len(words) else ""
        role_after = after == "," and (self._role_next(toks, words, i + n + 1) or self._relative_next(toks, words, i + n + 1))
        if after == "(" and i + n + 2 < len(words) and words[i + n + 2] == ")":  # `Ngozi Adeyemi (SPD)`
            party = self.gaz.surface.get((words[i + n + 1],))
            role_after = "-" if party and self.gaz.actors[party].kind == "party" else role_after
        last = next((m for m in reversed(self.mentions) if m.kind == "role"), None)
        role_before = i and words[i - 1] == "," and last is not None and not last.actor \
            and toks[i].i - last.end <= 10 and (after in (",", "(", ".", "") or toks[i + n].tag_ in FINITE) \
            and not any(t.tag_ in FINITE or t.text in ".;:" for t in self.doc[last.end:toks[i].i]) \
            and not any(m.start > last.start and m.actor and self._info(m.actor).type == "person" for m in self.mentions)
        speaking = not (role_after or role_before) and n == 2 and speaks(toks, i, n)
        if not (role_after or role_before or speaking):
            return None
        name = " ".join(words[i:i + n])
        info = self.entity(name)
        info.type = info.kind = "person"
        info.gender = info.gender or (role_after if role_after in ("m", "f") else last.gender if role_before else None)
        self._add(toks, i, i + n, name, "name")
        return i + n

    def _name_words(self, toks, words, i) -> int:
        """How many words from i on may form a person's name: two or three capitalised
        words, the first tagged as a name, none a known actor, role or organisation word."""
        n = 0
        while i + n < len(toks) and n < 3:
            w, tag = words[i + n], toks[i + n].tag_
            if not (w[:1].isupper() and w.replace("-", "").isalpha() and (tag in ("NE", "FM") or n and (
                    tag == "NN" or tag.startswith("V")))):
                break
            if self.gaz.match(words, i + n) or self._is_role(w) or organisations.is_org_head(w) \
                    or w.lower() in resources.collectives() or (n >= 2 and stance_noun(w)):
                break
            n += 1
        return n

    @staticmethod
    def _relative_next(toks, words, j) -> str | bool:
        """`Kwame Mensah, der am Montag zurücktrat, …`: a relative clause on a person (its
        pronoun's gender) -- an organisation's would be `die`/`das` after a name that
        tells it (org words, the gazetteer), which the caller has ruled out."""
        if j >= len(words) or toks[j].tag_ != "PRELS" or words[j] not in ("der", "die"):
            return False
        return "m" if words[j] == "der" else "f"

    def _role_next(self, toks, words, j) -> str | bool:
        """`der Sprecher …`, `Sprecherin der …`: a role noun (after an article and
        adjectives) from j on; its gender from the article, `-` when unknown."""
        article = words[j].lower() if j < len(words) else ""
        if article in ("der", "die", "ein", "eine"):
            j += 1
        while j < len(words) and toks[j].tag_ == "ADJA":
            j += 1
        if j >= len(words) or not self._is_role(words[j]):
            return False
        return {"der": "m", "ein": "m", "die": "f", "eine": "f"}.get(article) or role_gender(words[j]) or "-"
