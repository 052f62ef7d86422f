"""Collective subjects and heads named by the kind of body they stand for.

`Die Gewerkschaft verlangt mehr Lohn`, `Arbeitgeber: …`, `Landkreise pochen auf Geld`
stand for the one organisation of the article that fits (categories.tsv); `der
Gewerkschaftschef`, `der Ausschussvorsitzende` for the person introduced as head of such
a body (body_heads.tsv). With none or several fitting, no one: no position beats a guess.
"""
from __future__ import annotations

from kg.nlp import resources
from kg.nlp.article_actors import ActorView, Mention
from kg.nlp.gazetteer import role_key


class CategoryReferences(ActorView):
    """Asked by kg.nlp.coreference (category heads) and kg.nlp.collectives (subjects)."""

    def resolve(self) -> None:
        """`Die Gewerkschaft verlangt mehr Lohn`, `Arbeitgeber: …`: a collective subject
        (categories.tsv) stands for the one organisation of the article whose name or alias
        fits, also before it is named (headlines); with none or several, for no one."""
        if not any(m.kind == "category" for m in self.mentions):
            return
        forms = self._org_forms()
        for m in self.mentions:
            if m.kind != "category":
                continue
            words, scope = resources.categories()[m.text.lower()]
            definite = scope == "definite" and m.start and self.doc[m.start - 1].text.lower() == "die"
            if scope != "any" and not definite and not self._in_heading(m):
                m.kind = "collective"
                continue
            fit = {name for name, texts in forms.items() if any(w in t for w in words for t in texts)}
            m.actor, m.kind = (fit.pop() if len(fit) == 1 else None), "collective"

    def _org_forms(self) -> dict[str, set[str]]:
        """Every organisation of the article with its names and aliases, lower case."""
        forms: dict[str, set[str]] = {}
        for x in self.mentions:
            if x.actor and self.entity(x.actor).type != "person":
                forms.setdefault(x.actor, {x.actor.lower()}).add(x.text.lower())
        for name, texts in forms.items():
            texts |= {form.lower() for form in self.gaz.forms.get(name, ())}
        return forms

    def category_heads(self, m: Mention, key: str) -> set[str]:
        """`der Gewerkschaftschef`, `der Ausschussvorsitzende`: the persons introduced as
        that head of a body of the kind (`GDL-Chef Mario Reiß`, `Der Vorsitzende des
        Verteidigungsausschusses, Thomas Röwekamp`; body kinds in body_heads.tsv)."""
        kind = max((c for c in resources.body_heads() if key.startswith(c) and len(key) > len(c) + 3),
                   key=len, default=None)
        if kind is None:
            return set()
        rest = key[len(kind):]
        rest = rest[1:] if rest not in resources.role_heads() and rest[1:] in resources.role_heads() else rest
        words = resources.body_heads()[kind]
        forms = None
        out = set()
        for x in self.mentions:
            if x.start >= m.start or not x.actor or not x.role or self.entity(x.actor).type != "person" \
                    or not role_key(x.role).endswith(rest):
                continue
            end = x.end if x.kind == "name" else next(
                (t.i for t in self.doc[x.end:min(x.end + 8, len(self.doc))] if t.text == ","), x.end)
            phrase = self.doc[x.start:end].text.lower()
            owner = self.gaz.prefix_owner(x.role.rpartition("-")[0]) if "-" in x.role else None
            if owner and forms is None:
                forms = self._org_forms()
            if any(w in phrase for w in words) or (owner and any(w in t for w in words for t in forms.get(owner, ()))):
                out.add(x.actor)
        return out
