"""Family names standing alone: `kritisierte Lehmann`, `Lehmanns Plan`, `sagte Li`.

A bare family name names the person the article introduced in full -- also when the
gazetteer knows another person of that name (`Hannah Merz` wins over the gazetteer's
`Merz`) -- and else the gazetteer's bearer of it (Gazetteer.bearer: the one the article
otherwise names, then the one in office on the date; several: no one). Family names
come first in some names (`Li Qiang`, `Moon Jae-in`: the record's `family` field).
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.doc import toks_of
from kg.nlp.article_actors import ActorView, Mention, first_name
from kg.nlp.persons import speaks
from kg.nlp.role_nouns import is_role

TIME_NOUNS = resources.word_class("time_noun")


def is_time_word(tok) -> bool:
    """`im Sommer`, `seit Herbst`, `bis Ostern`: a time of year (word class time_noun) after a
    preposition names a time, never a person of that family name."""
    if tok.text.lower() not in TIME_NOUNS or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    if prev.tag_ in ("ART", "ADJA") and tok.i > 1:
        prev = tok.doc[tok.i - 2]  # `nach dem Sommer`, `im vergangenen Sommer`
    return prev.tag_ in ("APPR", "APPRART")


class FamilyNames(ActorView):
    """Links the bare family names of one article (after the mention finder's scan)."""

    def run(self) -> None:
        """A bare family name (`kritisierte Lehmann`, `Lehmanns Plan`) names the person the
        article introduced in full, also one the gazetteer knows under another first name;
        with no one introduced, the gazetteer's bearer (Gazetteer.bearer: by the article's
        other actors, then by office on the date). A gazetteer alias of one bearer
        (`Merz`) gives way to another bearer the article names in full (`Hannah Merz`)."""
        full = {m.actor for m in self.mentions if m.kind == "name" and m.actor and " " in m.text}
        surnames = self._article_families(full)
        for m in self.mentions:
            other = surnames.get(m.text) if m.kind == "name" and m.end - m.start == 1 else None
            if other and other != m.actor and m.actor not in full and self._info(m.actor).type == "person":
                m.actor, m.kind, m.gender = other, "surname", self.actors[other].gender
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in toks_of(self.doc):
            if tok.i in taken or not tok.text[:1].isupper():
                continue
            name = surnames.get(tok.text)
            if name is None and tok.text in self.gaz.families and self._bare_family(tok):
                name = self.gaz.bearer(tok.text, self.date, frozenset(self.actors))
                if name:
                    self.entity(name)
            if name:
                self.mentions.append(Mention(tok.i, tok.i + 1, name, "surname", tok.text, self.actors[name].gender,
                                             genitive=tok.text.endswith("s") and tok.text != self._family(name)))
        self._introduced_before()

    def _introduced_before(self) -> None:
        """`… erklärte Commander Randy Henderson. … Henderson betonte`: a bare name next to a
        verb of saying whose two-word form stood earlier in the article names that person,
        though no list knew the first name."""
        doc, toks = self.doc, toks_of(self.doc)
        seconds = {b.text for a, b in zip(toks, toks[1:]) if a.tag_ in ("NE", "FM") and b.tag_ == "NE"}
        if not seconds:
            return
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in toks:
            if tok.text not in seconds or tok.i in taken or not self._bare_family(tok) or not speaks(doc, tok.i, 1):
                continue
            j = next((j for j in range(tok.i - 1, 0, -1) if toks[j].text == tok.text and j - 1 not in taken
                      and toks[j - 1].tag_ in ("NE", "FM") and toks[j - 1].text.isalpha() and toks[j - 1].text[:1].isupper()
                      and not is_role(toks[j - 1].text, self.gaz)), None)
            if j is None:
                continue
            name = f"{doc[j - 1].text} {tok.text}"
            info = self.entity(name)
            info.gender = info.gender or first_name(doc[j - 1].text)
            self._add(doc, j - 1, j + 1, name, "name")
            self._add(doc, tok.i, tok.i + 1, name, "surname")
            taken |= {j - 1, j, tok.i}

    def _article_families(self, full: set[str]) -> dict[str, str]:
        """Family name (and genitive) -> the one person the article names in full bearing it."""
        bearers: dict[str, set[str]] = {}
        for alias, names in self.gaz.ambiguous.items():
            present = [n for n in names if n in self.actors]
            if len(present) == 1:
                bearers.setdefault(alias, set()).add(present[0])
        for info in self.actors.values():
            family = self._family(info.name) if info.type == "person" and info.name in full else None
            if family:
                for form in (family, family + "s"):
                    bearers.setdefault(form, set()).add(info.name)
        return {form: names.pop() for form, names in bearers.items() if len(names) == 1}

    def _family(self, name: str) -> str:
        return self.gaz.family_of.get(name) or name.split()[-1]

    def _bare_family(self, tok) -> bool:
        """Is this capitalised word a family name standing alone, not a noun or the start
        of another name (`der Spiegel`, `Weil die …`, `Schmidt GmbH`)?"""
        if tok.tag_ not in ("NE", "NN", "FM") or first_name(tok.text) or is_time_word(tok):
            return False
        toks = toks_of(self.doc)
        prev = toks[tok.i - 1] if tok.i else None
        if prev is not None and (prev.tag_ in ("ART", "PDAT", "PPOSAT", "PIAT", "ADJA") or prev.text[:1].isupper()
                                 and prev.tag_ in ("NE", "NN") and first_name(prev.text)):
            return False
        if (prev is None or tok.is_sent_start) and tok.tag_ != "NE":
            return False  # `Klein`, `Kurz` opening a sentence
        nxt = toks[tok.i + 1] if tok.i + 1 < len(toks) else None
        return nxt is None or not (nxt.text[:1].isupper() and nxt.tag_ == "NE")
