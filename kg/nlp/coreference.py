"""Within-article coreference: which actor a role noun, a description or a collective
noun names.

`der Kremlchef` -> the holder of the role on the article's date, `die Ministerin` ->
the person last introduced with that role, `Die Chefin der Bundesagentur, Andrea
Nahles,` -> the name in the apposition, `ein Sprecher des Ministeriums` -> the body,
`die 46-Jährige`, `der Sozialdemokrat` -> the person last named who fits, `die
Delegierten`, `die Richter`, `die Prüfer` -> the party, court or institution last named
(kg.nlp.collectives), `die Gewerkschaft` -> the one union of the article (kg.nlp.categories).

A component of its own: it reads the mentions the `actor_mentions` component left on the
Doc (`doc._.article_actors`, kg.nlp.article_actors) and resolves them in place.
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.article_actors import ActorView, ArticleActors, Mention
from kg.nlp.categories import CategoryReferences
from kg.nlp.collectives import CollectiveReferences
from kg.nlp.doc import sentences_of
from kg.nlp.gazetteer import _in_office, role_key


def _office_fits(role: str, keys: set[str]) -> bool:
    """Does a gazetteer office name one of the role keys? `bayerischer Innenminister` is an
    `innenminister`; `EU-Innenkommissar` is a `kommissar` (the body's prefix marks a compound)."""
    key = role_key(role.split()[-1])
    prefix, _, head = key.rpartition("-")
    return key in keys or head in keys or bool(prefix) and any(head.endswith(k) for k in keys)


class Coreference(ActorView):
    """Resolves one article's role nouns, descriptions, collectives and categories."""

    def __init__(self, state: ArticleActors):
        super().__init__(state)
        self.categories = CategoryReferences(state)

    def run(self) -> ArticleActors:
        self.categories.resolve()  # first, so that `eine Sprecherin der Notenbank` finds its body
        self._resolve_roles()
        CollectiveReferences(self.state, self.categories).run()
        self.mentions.sort(key=lambda m: m.start)
        self._resolve_demonstratives()
        for m in self.mentions:  # a party reached through a person (`Merz … die Delegierten`) may
            if m.actor:  # be named nowhere in the article: it becomes one of its actors all the same
                self.entity(m.actor)
        return self.state

    def _resolve_demonstratives(self) -> None:
        """`Merz traf den SPD-Politiker Lars Castellucci. Dieser stellte klar, …`: a
        demonstrative names the person mentioned last whose sex agrees (not, like `er`,
        the last subject or speaker), within the sentence before."""
        for n, m in enumerate(self.mentions):
            if m.kind != "demonstrative":
                continue
            for x in reversed(self.mentions[:n]):
                info = self.actors.get(x.actor) if x.actor else None
                if info is not None and info.type == "person" and info.gender == m.gender and not x.genitive:
                    m.actor = x.actor if self._sentences_apart(x, m) <= 1 else None
                    break

    def _resolve_roles(self) -> None:
        """Appositions first (`Die Landrätin des Kreises Kleve, Silke Gorißen,`), so that a
        headline role before them (`Landrätin kritisiert Land`) can look ahead to the name."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        for m in ordered:
            before = self.doc[m.start - 1].text.lower() if m.start else ""
            if m.kind == "role" and not m.actor and before not in ("ein", "eine", "einer") \
                    and not (before in ("die", "den") and m.gender == "m"):
                m.actor = self._appositive_name(m, ordered)
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
                self._role_actor(m, ordered) or self._head_of(m, ordered)
            if m.actor:
                info = self.entity(m.actor)
                m.gender = m.gender or info.gender

    def _sentences_apart(self, a: Mention, b: Mention) -> int:
        return sum(1 for s in sentences_of(self.doc) if a.start < s.start <= b.start)

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

    def _head_of(self, m: Mention, ordered: list[Mention]) -> str | None:
        """`Der Präsident des Bundesamts für Verfassungsschutz warnte …`: a role no one is
        named for, heading a body in the genitive, speaks for that body."""
        return self._genitive_body(m, ordered)

    def _spoken_for(self, m: Mention, ordered: list[Mention]) -> str | None:
        """`ein Sprecher des Außenministeriums`, `Sprecherin der Kommission`: the body spoken for."""
        if not m.role.lower().endswith(("sprecher", "sprecherin", "sprechern")):
            return None
        return self._genitive_body(m, ordered)

    def _genitive_body(self, m: Mention, ordered: list[Mention]) -> str | None:
        """The organisation named in the genitive right after `m` (`… des X`, `… der X`), or
        with `von` (`ein Sprecher von Siemens`, `vom Verband`)."""
        nxt = self.doc[m.end] if m.end < len(self.doc) else None
        if nxt is None or nxt.text.lower() not in ("des", "der", "von", "vom"):
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
        owned = self.gaz.role_holder(head, self.date, of=m.of) if m.of else None
        if owned:  # `der sächsische Ministerpräsident`, `Sachsens Regierungschef`
            self.entity(owned)
            return owned
        fits = self._role_fits(m, key, head, prefix, seen or set())
        if fits:
            if self._tied(m, ordered, fits):
                return None
            return self._nearest(m, ordered, lambda x: x.actor in fits,
                                 backward_only=shared and not self._in_heading(m))  # `Landrätin kritisiert Land`
        holder = self.gaz.role_holder(m.role, self.date, present=frozenset(self.actors))
        if holder and m.gender and self.gaz.actors[holder].gender not in (None, m.gender):
            holder = None
        if holder:
            self.entity(holder)
            return holder
        party = self.gaz.prefix_owner(m.role.rpartition("-")[0]) if prefix else None
        sex = self._role_sex(m)
        if party:
            return self._nearest(m, ordered, lambda x: x.actor and self.entity(x.actor).party == party
                                 and self.entity(x.actor).type == "person"
                                 and (not sex or self.entity(x.actor).gender in (None, sex)))
        if m.gender:
            return self._nearest(m, ordered, lambda x: x.actor and x.kind != "role" and x.gender == m.gender
                                 and any(k.endswith(head) for k, names in self.roles_seen.items() if x.actor in names))
        return None

    def _role_fits(self, m: Mention, key: str, head: str, prefix: str, seen: set[str]) -> set[str]:
        """The article's persons a bare role noun may name: those introduced with that
        role or a compatible one (`Ministerpräsident Olaf Lies … der Regierungschef`),
        and known persons holding it on the article date; the nearest of them wins over
        the gazetteer's office holder, so a Land's head named just before beats the
        federal one."""
        if m.of and self.entity(m.of).kind != "party":
            return set(seen)
        keys = {key} | resources.role_compatible().get(key if not prefix else head, frozenset())
        fits = set(seen)
        party = self._member_of(m.role)
        if party:  # `der CDU-Politiker` after `der CDU-Landrat Max Muster`; `der Unionspolitiker`
            members = {party} | {p for joint, name in self.gaz.joint.items() if name == party for p in joint}
            fits |= {n for n, info in self.actors.items() if info.type == "person" and info.party in members}
        for k in keys:
            fits |= self.roles_seen.get(k, set()) | self.roles_seen.get("landes" + k, set())  # `Landesinnenminister`
        fits |= self.categories.category_heads(m, key)
        for name, info in self.actors.items():
            if info.type == "person" and any(
                    _office_fits(r["role"], keys) and _in_office(self.date, r.get("from"), r.get("to"))
                    for r in info.roles):
                fits.add(name)
        gender = self._role_sex(m)
        if gender:
            fits = {n for n in fits if self.entity(n).gender in (None, gender)}
        return fits

    def _member_of(self, role: str) -> str | None:
        """The party a member noun names: `CDU-Politiker`, `Unionspolitiker`, `SPD-Frau`."""
        prefix, _, rest = role.rpartition("-")
        if not prefix:
            prefix = next((p for p in self.gaz.prefixes if role.startswith(p) and len(role) > len(p) + 3), "")
            rest = role[len(prefix):]
        party = self.gaz.prefix_owner(prefix) if prefix else None
        if not party or self.gaz.actors[party].kind != "party":
            return None
        return party if "@party" in resources.role_compatible().get(role_key(rest), ()) else None

    def _role_sex(self, m: Mention) -> str | None:
        """`der Vorsitzende`, `die Abgeordnete`: for a role noun in -e the article tells."""
        if not m.role.lower().endswith("e"):
            return m.gender
        before = self.doc[m.start - 1].text.lower() if m.start else ""
        return {"der": "m", "die": "f"}.get(before)

    def _tied(self, m: Mention, ordered: list[Mention], fits: set[str]) -> bool:
        """`Christian Stocker traf Friedrich Merz. Der Bundeskanzler …`: the two last
        fitting persons share a sentence and neither was introduced with a role: no guess."""
        before = [x for x in ordered if x.start < m.start and x.actor in fits]
        if len(before) < 2 or before[-1].actor == before[-2].actor:
            return False
        a, b = before[-2], before[-1]
        if any(x.role for x in (a, b)):
            return False
        return not any(t.text in ".!?" or "\n" in t.text for t in self.doc[a.end:b.start])

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


def resolve(state: ArticleActors) -> ArticleActors:
    """Coreference over the mentions kg.nlp.mentions.find left in `state`."""
    return Coreference(state).run()
