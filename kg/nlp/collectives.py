"""Collective nouns and descriptions that refer back: `die Delegierten`, `der Parteitag`
-> the party last named; `die Richter` -> the court; `die Prüfer`, `die Währungshüter` ->
the institution last named; `der Verband` -> the organisation last named with that word;
`die 46-Jährige`, `der Sozialdemokrat`, `die Schwedin` -> the person last named who fits;
`beider Parteien`, `der drei Länder` -> the actors of that kind last named together.
"""
from __future__ import annotations

import copy

from kg.nlp import resources
from kg.nlp.article_actors import ActorView, ArticleActors, Mention, descriptor
from kg.nlp.categories import CategoryReferences

GROUP_KINDS = {"state": {"state", "government"}}
AUTHORITY_KINDS = {"institution", "government"}  # `die Ermittler`: police, prosecutors, agencies; no company or outlet


class CollectiveReferences(ActorView):
    """Run by kg.nlp.coreference after the role nouns are resolved."""

    def __init__(self, state: ArticleActors, categories: CategoryReferences):
        super().__init__(state)
        self.categories = categories

    def _described(self, m: Mention, ordered: list[Mention], party: str) -> str | None:
        """`Die 46-Jährige`, `der Sozialdemokrat`, `die Schwedin` (party `@Schweden`): the
        person named last who fits; `der Österreicher Magnus Brunner`: the name right after."""
        after = next((x for x in ordered if x.start == m.end and x.actor), None)
        if after and self.entity(after.actor).type == "person":
            return after.actor
        for x in reversed([x for x in ordered if x.start < m.start and x.actor]):
            info = self.entity(x.actor)
            if info.type != "person" or info.gender != m.gender:
                continue
            if party.startswith("@") and self._states_of(info, ordered) - {party[1:]}:
                continue
            if not party or party.startswith("@") or info.party == party:
                return x.actor
        return None

    def _partner(self, party: str | None) -> str | None:
        """`der Koalitionspartner`: the other side of the federal coalition in office on the
        article's date, seen from the party named last (or a person's party); with two or
        more others (a coalition of three), no one."""
        date = self.date or ""
        for start, end, sides in resources.coalitions():
            if party and start <= date[:10] and (not end or date[:10] < end):
                others = [side[0] for side in sides if party not in side]
                if len(others) != 1 or len(others) == len(sides):
                    return None
                return self.entity(others[0]).name  # one of the article's actors from now on
        return None

    def _states_of(self, info, ordered: list[Mention]) -> set[str]:
        """The states a person is known to belong to: their gazetteer offices' states, and
        a nationality noun right before their name (`der Österreicher Magnus Brunner`)."""
        states = {r.get("of") for r in info.roles if r.get("of") in self.gaz.actors
                  and self.gaz.actors[r["of"]].kind == "state"}
        for x in ordered:
            nxt = descriptor(x.text) if x.kind == "collective" else None
            if nxt and nxt.startswith("person:@") and any(y.start == x.end and y.actor == info.name for y in ordered):
                states.add(nxt.partition("@")[2])
        return states

    def run(self) -> None:
        """`die Delegierten`, `der Parteitag`: the party mentioned last; `die Richter`: the
        court; `die Prüfer`, `die Währungshüter`: the institution last named (`die Ermittler`: the
        public authority last named, not a company or outlet); `der Verband`,
        `die Kommission`: the organisation last named with that word."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        last: dict[str, str] = {}
        orgs: list[str] = []
        table = resources.collectives()
        for m in ordered:
            if not m.actor and m.of and self.entity(m.of).kind == "party":
                last["party"] = m.of  # `CDU-Chef X … seiner Partei`, X a name no list knows: the CDU
            if m.actor:
                info = self.entity(m.actor)
                if info.kind == "party":
                    last["party"] = m.actor
                elif info.type == "person" and info.party_on(self.date):
                    last["party"] = info.party_on(self.date)  # `Dobrindt … beim Koalitionspartner`
                if "gericht" in info.name.lower():
                    last["court"] = m.actor
                if info.type != "person":
                    orgs.append(m.actor)
                    if info.kind not in ("party", "state"):
                        last["body"] = m.actor
                    if info.kind in AUTHORITY_KINDS:
                        last["authority"] = m.actor
            elif m.kind == "definite":
                word = m.text.lower()
                m.actor = next((o for o in reversed(orgs) if word != o.lower()
                                and any(part.endswith(word) for part in o.lower().split())), None)
                m.kind = "collective" if m.actor else "definite"
            elif m.kind == "collective" and descriptor(m.text):
                m.actor = self._described(m, ordered, descriptor(m.text).partition(":")[2])
            elif m.kind == "collective" and table.get(m.text.lower()) == "partner":
                m.actor = self._partner(last.get("party"))
            elif m.kind in ("collective", "role"):
                wanted = table.get(m.text.lower())
                if wanted and wanted in last:
                    m.actor, m.kind = last[wanted], "collective"
        self.mentions = [m for m in self.mentions if m.kind != "definite"]
        self.categories.resolve()
        self._resolve_groups()

    def _resolve_groups(self) -> None:
        """`beider Parteien`, `der drei Länder`: the actors of that kind last named together,
        one mention each on the same words."""
        ordered = sorted(self.mentions, key=lambda m: m.start)
        out = []
        for m in ordered:
            if m.kind != "group":
                out.append(m)
                continue
            kind = resources.collectives()[m.text.lower()].partition(":")[2]
            members = self._last_group([x for x in out if x.actor and x.start < m.start], kind, int(m.role))
            out += [copy.copy(m) for _ in members]
            for x, actor in zip(out[len(out) - len(members):], members):
                x.actor, x.kind, x.role = actor, "collective", None
        self.mentions = out

    def _last_group(self, before: list[Mention], kind: str, count: int) -> list[str]:
        """The last `count` distinct actors of `kind` joined by `und`/commas before a point."""
        group: list[str] = []
        for x in reversed(before):
            if self.entity(x.actor).kind not in GROUP_KINDS.get(kind, {kind}):
                group = []
                continue
            if group and not self._joined(x, before):
                group = []
            if x.actor not in group:
                group.insert(0, x.actor)
            if len(group) == count:
                return group
        return []

    def _joined(self, x: Mention, before: list[Mention]) -> bool:
        nxt = next((y for y in before if y.start > x.start), None)
        between = self.doc[x.end:nxt.start] if nxt else []
        return nxt is not None and all(t.text.lower() in ("und", "sowie", ",", "die", "der") for t in between)
