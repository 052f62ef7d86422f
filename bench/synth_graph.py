"""A synthetic dataset shaped like real Standpunkt positions, for the benchmark (~1 M triples).

Same IRIs (kg.iris), same properties and named-graph layout as `kg ingest` writes:
one graph per article holding the article node, its positions and their evidence;
actors in the actors graph; the real topic scheme and ontology. Actor popularity is
Zipf-like (a few actors hold many positions, as in the news), dates spread over seven
years with some month-only and undated positions, and about 2 % of the claims mention
the Schuldenbremse so that a text FILTER has something to find. Positions carry a
proposition (an issue of ontology/issues.ttl, Zipf-like popularity) and a side: each actor
leans one way on each proposition and strays from it one time in six, so discourse networks
have structure; persons are members of a party, actors have a kind. These draws use a second
random stream, so the other draws are those of the generator without propositions.

    python bench/synth_graph.py --triples 1000000 --out bench/out/synth.nq
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import iris  # noqa: E402

SP = iris.ONTOLOGY
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
P = {  # predicate IRIs, written once
    "holder": f"<{SP}holder>", "stance": f"<{SP}stance>", "act": f"<{SP}act>", "topic": f"<{SP}topic>",
    "claim": f"<{SP}claim>", "date": "<http://purl.org/dc/terms/date>", "from": "<http://www.w3.org/ns/prov#wasDerivedFrom>",
    "evidence": f"<{SP}evidence>", "confidence": f"<{SP}confidence>", "value": "<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>",
    "start": f"<{SP}startOffset>", "end": f"<{SP}endOffset>", "identifier": "<http://purl.org/dc/terms/identifier>",
    "text": "<https://schema.org/text>", "headline": "<https://schema.org/headline>",
    "label": "<http://www.w3.org/2000/01/rdf-schema#label>", "alt": "<http://www.w3.org/2004/02/skos/core#altLabel>",
}
FIRST = ["Friedrich", "Olaf", "Annalena", "Robert", "Christian", "Markus", "Sahra", "Lars", "Saskia", "Boris",
         "Nancy", "Hubertus", "Karl", "Svenja", "Alice", "Tino", "Janine", "Ricarda", "Omid", "Hendrik"]
LAST = ["Merz", "Scholz", "Baerbock", "Habeck", "Lindner", "Söder", "Wagenknecht", "Klingbeil", "Esken",
        "Pistorius", "Faeser", "Heil", "Lauterbach", "Schulze", "Weidel", "Chrupalla", "Wissler", "Lang",
        "Nouripour", "Wüst", "Günther", "Kretschmer", "Woidke", "Dreyer", "Rhein", "Weil", "Schwesig"]
ORGS = ["SPD", "CDU", "CSU", "Grüne", "FDP", "AfD", "Linke", "BSW", "Bundesregierung", "Bundesrat", "DGB",
        "BDI", "Verdi", "IG Metall", "Städtetag", "Russland", "Ukraine", "EU-Kommission", "Nato", "Bundesbank"]
VERBS = ["fordert", "lehnt ab", "unterstützt", "verlangt", "kritisiert", "begrüßt", "will", "warnt vor"]
OBJECTS = ["höhere Investitionen", "eine Reform", "neue Schulden", "mehr Personal", "eine Obergrenze",
           "Entlastungen", "ein Verbot", "schnellere Verfahren", "eine Steuererhöhung", "Kürzungen"]
STANCES = [f"<{SP}Support>", f"<{SP}Oppose>"]
ACTS = [f"<{SP}{a}Act>" for a in ("Demand", "Proposal", "Rejection", "Support", "Commitment", "Assertion")]


def lit(text: str, lang: str | None = "de", datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if datatype:
        return f'"{escaped}"^^<{XSD}{datatype}>'
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def actors(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """(name, schema class, short alias), persons and organisations, unique names."""
    out, seen = [], set()
    for org in ORGS:
        out.append((org, "Organization", org.split()[0]))
        seen.add(org)
    while len(out) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{name} {len(out)}"
        seen.add(name)
        out.append((name, "Person", name.split()[1]))
    return out


def topics() -> list[tuple[str, str]]:
    from rdflib.namespace import RDF, SKOS

    from kg import ontology

    g = ontology.topics_graph()
    return sorted((str(t), str(g.value(t, SKOS.prefLabel) or t)) for t in g.subjects(RDF.type, SKOS.Concept))


def reference_nquads() -> str:
    from kg import ontology

    lines = []
    from kg.codebook import default_codebook

    for graph, iri in ((ontology.topics_graph(), iris.TOPICS_GRAPH), (ontology.vocabulary_graph(), iris.ONTOLOGY_GRAPH),
                       (default_codebook(), iris.ISSUES_GRAPH)):
        lines += [f"{line[:-1].rstrip()} <{iri}> ." for line in graph.serialize(format="nt").splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


PARTIES = ORGS[:8]


def issues() -> list[tuple[str, str]]:
    """(issue IRI, German label) of ontology/issues.ttl."""
    from rdflib.namespace import RDF, SKOS

    from kg.codebook import default_codebook

    g = default_codebook()
    return sorted((str(t), str(g.value(t, SKOS.prefLabel) or t)) for t in g.subjects(RDF.type, SKOS.Concept))


class Sides:
    """Propositions and sides for positions, from their own random stream."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed + 1)
        self.issues = issues()
        self.weights = [1 / (i + 1) ** 0.8 for i in range(len(self.issues))]
        self.rng.shuffle(self.issues)

    def draw(self, name: str) -> tuple[str, str, str, str]:
        """(proposition IRI, label, issue IRI, side IRI) for one position of actor `name`."""
        issue, label = self.rng.choices(self.issues, self.weights)[0]
        lean = random.Random(f"{name}|{issue}").random() < 0.5
        support = lean if self.rng.random() > 1 / 6 else not lean
        return iris.proposition_iri(issue.rsplit("/", 1)[-1]), label, issue, STANCES[0 if support else 1]


def proposition_lines(p: str, sides: "Sides", name: str, seen: dict) -> list[str]:
    proposition, label, issue, side = sides.draw(name)
    lines = [f"{p} <{SP}proposition> <{proposition}>", f"{p} <{SP}side> {side}"]
    if proposition not in seen:
        seen[proposition] = True
        lines += [f"<{proposition}> {RDF_TYPE} <{SP}Proposition>", f"<{proposition}> {P['label']} {lit(label)}",
                  f"<{proposition}> <{SP}issue> <{issue}>"]
    return lines


def write_article(out, rng, art_id, day, people, topic_list, weights, per_article,
                  sides: "Sides | None" = None) -> tuple[int, list[str]]:
    a = f"<{iris.article_iri(art_id)}>"
    g = f" {a} .\n"
    lines = [f"{a} {RDF_TYPE} <https://schema.org/NewsArticle>", f"{a} {P['identifier']} {lit(art_id, None)}",
             f"{a} {P['date']} {lit(day.isoformat(), datatype='date')}",
             f"{a} {P['headline']} {lit('Meldung ' + art_id)}"]
    sentences, offset, used, propositions = [], 0, [], {}
    for k in range(per_article):
        name, _, _ = rng.choices(people, weights)[0]
        topic, topic_label = rng.choice(topic_list)
        verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
        claim = f"{obj} bei {topic_label}" + (" trotz Schuldenbremse" if rng.random() < 0.02 else "")
        sentence = f"{name} {verb} {claim}."
        start, end = offset, offset + len(sentence)
        offset = end + 1
        sentences.append(sentence)
        pos = iris.position_iri(art_id, start, name, claim)
        p, e = f"<{pos}>", f"<{iris.evidence_iri(pos)}>"
        r = rng.random()
        when = (None if r < 0.05 else lit(day.isoformat()[:7], datatype="gYearMonth") if r < 0.15
                else lit((day - timedelta(days=rng.randint(0, 3))).isoformat(), datatype="date"))
        lines += [f"{p} {RDF_TYPE} <{SP}Position>", f"{p} {P['holder']} <{iris.actor_iri(name)}>",
                  f"{p} {P['stance']} {STANCES[verb in ('lehnt ab', 'kritisiert', 'warnt vor')]}",
                  f"{p} {P['act']} {rng.choice(ACTS)}", f"{p} {P['topic']} <{topic}>", f"{p} {P['claim']} {lit(claim)}",
                  f"{p} {P['from']} {a}", f"{p} {P['evidence']} {e}",
                  f"{p} {P['confidence']} {lit(str(round(rng.uniform(0.5, 0.95), 2)), datatype='decimal')}",
                  f"{e} {RDF_TYPE} <{SP}Evidence>", f"{e} {P['value']} {lit(sentence)}",
                  f"{e} {P['start']} {lit(str(start), datatype='integer')}",
                  f"{e} {P['end']} {lit(str(end), datatype='integer')}"]
        if when:
            lines.append(f"{p} {P['date']} {when}")
        if sides:
            lines += proposition_lines(p, sides, name, propositions)
        used.append(name)
    lines.append(f"{a} {P['text']} {lit(' '.join(sentences))}")
    out.write(g.join(lines) + g)
    return len(lines), used


def generate(path: Path, triples: int = 1_000_000, seed: int = 7, per_article: int = 8,
             propositions: bool = True) -> dict:
    """Write the dataset as N-Quads to `path`; return what the benchmark queries need."""
    rng = random.Random(seed)
    sides = Sides(seed) if propositions else None
    people = actors(rng, 2000)
    weights = [1 / (i + 1) ** 0.9 for i in range(len(people))]
    topic_list = [t for t in topics() if "/topic/" in t[0]]
    path.parent.mkdir(parents=True, exist_ok=True)
    count, articles, seen_actors = 0, [], set()
    start = date(2019, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        reference = reference_nquads()
        out.write(reference)
        count += reference.count("\n")
        while count + 4 * len(seen_actors) < triples:
            art_id = f"s{len(articles):06d}"
            day = start + timedelta(days=rng.randint(0, 7 * 365 - 1))
            n, used = write_article(out, rng, art_id, day, people, topic_list, weights, per_article, sides)
            count += n
            articles.append(art_id)
            seen_actors.update(used)
        for name, cls, alias in people:
            if name not in seen_actors:
                continue
            a = f"<{iris.actor_iri(name)}>"
            g = f" <{iris.ACTORS_GRAPH}> .\n"
            rows = [f"{a} {RDF_TYPE} <{SP}Actor>", f"{a} {RDF_TYPE} <https://schema.org/{cls}>",
                    f"{a} {P['label']} {lit(name, None)}", f"{a} {P['alt']} {lit(alias, None)}"]
            if sides:
                kind = "person" if cls == "Person" else "party" if name in PARTIES else "organisation"
                rows.append(f"{a} <{SP}actorKind> {lit(kind, None)}")
                if kind == "person":
                    party = PARTIES[random.Random(name).randrange(len(PARTIES))]
                    rows.append(f"{a} <https://schema.org/memberOf> <{iris.actor_iri(party)}>")
            out.write(g.join(rows) + g)
            count += len(rows)
    return {"triples": count, "articles": len(articles), "positions": len(articles) * per_article,
            "popular_actors": [iris.slug(p[0]) for p in people[:40] if p[0] in seen_actors],
            "topics": [t for t, _ in topic_list], "article_ids": articles[:: max(1, len(articles) // 200)]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "synth.nq")
    parser.add_argument("--no-propositions", action="store_true",
                        help="positions without proposition and side (the generator before issue 14)")
    args = parser.parse_args(argv)
    meta = generate(args.out, args.triples, args.seed, propositions=not args.no_propositions)
    args.out.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    print(f"{meta['triples']:,} triples, {meta['articles']:,} articles, {meta['positions']:,} positions -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
