"""Writing and undoing decisions: checked whole, validated against the shapes, one transaction.

A decision goes only into its reviewer's review graph of the article (and a new actor into
the actors graph), with the article's review status graph written again in the same
transaction (kg.review.status); the article's own graph is never written here, and kg.ingest never
writes a review graph, so machine and human data cannot overwrite each other. Everything
that can fail (body, field values, state, SHACL) fails before the single write, so a
refused decision leaves the store exactly as it was.
"""
from __future__ import annotations

import datetime as dt

import rdflib
from rdflib import Literal, URIRef

from kg import iris
from kg.review import read
from kg.review.fields import apply, bad
from kg.review.model import (KINDS, Decision, ReviewError, ReviewedPosition, decision_iri, new_decision_id,
                             now_literal, review_graph_iri, review_position_iri)
from kg.review.status import article_status_graph, status_graph, status_graph_iri
from kg.review.users import check_name
from kg.review.view import resolve
from kg.store import Store

_BODY = ("kind", "position", "fields", "sentence")


def decide(store: Store, article_id: str, user: str, body, now: dt.datetime | None = None) -> Decision:
    """Record one decision of `user` on an article and return it (as read back, resolved).

    :raise ReviewError: 400 bad body or value, 404 no such article, 409 a position of another
        article or a decision that contradicts one of the user's own (undo that first)."""
    check_name(user)
    article = read.article_info(store, article_id)
    if article is None:
        raise ReviewError(404, f"no article {article_id!r}")
    kind, fields = _check_body(body)
    machine = read.machine_positions(store, article_id)
    earlier = read.decisions(store, article_id)
    review = resolve(article, machine, earlier)
    time = now_literal(now)
    if kind == "add":
        target, base = None, _template(article, body.get("sentence"))
    else:
        target = _position(store, article_id, machine, body.get("position"))
        base = target
    result, changed, new_actor = apply(store, base, fields)
    if target is not None:
        _refuse_twice(review.decisions, user, target)
    result.confidence, result.origin = 1.0, "review"  # a coder's position is certain
    if kind == "correct" and not changed:
        raise bad("a correction changes at least one field (confirm the position otherwise)")
    if kind == "add":
        _check_added(result, fields, review.decisions, user)
    key = target.iri if target else f"{result.start}:{result.end}:{result.actor_iri}:{result.claim}"
    decision_id = new_decision_id(article_id, user, time, key)
    graph = decision_graph(article, user, kind, decision_id, time, target,
                           result if kind in ("correct", "add") else None, changed)
    actors = _actor_graph(new_actor)
    _validate(store, article_id, graph, actors, result if kind in ("correct", "add") else None)
    anchor = target or result
    made = Decision(iri=decision_iri(decision_id), kind=kind, article=article_id, reviewer=user, time=time,
                    start=anchor.start, end=anchor.end, actor=anchor.actor_iri, position=target and target.iri,
                    digest=target and target.digest(), changed=sorted(changed),
                    result=result if kind in ("correct", "add") else None)
    marks = status_graph(article["iri"], resolve(article, machine, earlier + [made]), earlier + [made])
    store.replace_graphs({status_graph_iri(article_id): marks},
                         merge={review_graph_iri(article_id, user): graph, **({iris.ACTORS_GRAPH: actors} if actors else {})})
    after = resolve(article, read.machine_positions(store, article_id), read.decisions(store, article_id))
    return next(d for d in after.decisions if d.id == decision_id)


def _check_body(body) -> tuple[str, dict]:
    if not isinstance(body, dict):
        raise bad("the body is a JSON object: {\"kind\", \"position\"?, \"fields\"?, \"sentence\"?}")
    unknown = set(body) - set(_BODY)
    if unknown:
        raise bad(f"unknown key {sorted(unknown)[0]!r}; a decision has {', '.join(_BODY)}")
    kind = body.get("kind")
    if kind not in KINDS:
        raise bad(f"'kind' is one of {', '.join(KINDS)}, not {kind!r}")
    fields = body.get("fields", {})
    if kind in ("confirm", "reject") and fields:
        raise bad(f"a {kind} decision takes no 'fields' (correct the position instead)")
    if kind in ("confirm", "reject", "correct") and "sentence" in body:
        raise bad(f"a {kind} decision names its 'position', not a 'sentence'")
    if kind == "add" and body.get("position") is not None:
        raise bad("an add decision names its 'sentence', not a 'position'")
    if kind in ("correct", "add") and not fields:
        raise bad(f"a {kind} decision needs 'fields'")
    return kind, fields


def _position(store: Store, article_id: str, machine: list[ReviewedPosition], value) -> ReviewedPosition:
    """The machine position a confirm/reject/correct names (IRI or /positions/{id} id)."""
    if not isinstance(value, str) or not value.strip():
        raise bad("a confirm, reject or correct decision names its 'position' (IRI or id)")
    iri = value if value.startswith(("http://", "https://")) else f"{iris.BASE}position/{value}"
    for p in machine:
        if p.iri == iri:
            return p
    if read.safe_iri(iri) is None:
        raise bad(f"'position': {value!r} is not a position IRI or id")
    rows = store.query(read.PREFIXES + f"""SELECT ?a ?g WHERE {{ GRAPH ?g {{ <{iri}> a sp:Position ;
        prov:wasDerivedFrom ?a }} }} LIMIT 1""")
    if rows and str(rows[0]["a"]) != iris.article_iri(article_id):
        raise ReviewError(409, f"position {iri} belongs to another article ({rows[0]['a']}), not to {article_id!r}")
    if rows:
        raise ReviewError(409, f"position {iri} is a reviewer's position, not the machine's; undo its decision to change it")
    raise bad(f"article {article_id!r} has no machine position {value!r}")


def _refuse_twice(decisions: list[Decision], user: str, target: ReviewedPosition) -> None:
    for d in decisions:
        if d.reviewer == user and (target.iri in d.targets or d.position == target.iri):
            raise ReviewError(409, f"you already decided '{d.kind}' on this position (decision {d.id}); "
                                   f"undo it first (DELETE …/decisions/{d.id})")


def _template(article: dict, sentence) -> ReviewedPosition:
    """The empty position an `add` fills: the sentence between the given offsets."""
    text = article["text"]
    if not isinstance(sentence, dict) or set(sentence) != {"start", "end"} \
            or not all(isinstance(sentence[k], int) and not isinstance(sentence[k], bool) for k in ("start", "end")):
        raise bad("an add decision needs 'sentence': {\"start\": int, \"end\": int}")
    start, end = sentence["start"], sentence["end"]
    if not 0 <= start < end <= len(text) or not text[start:end].strip():
        raise bad(f"'sentence' {start}-{end} is not a non-empty span of the article text (0-{len(text)})")
    return ReviewedPosition(iri="", article=article["id"], start=start, end=end, sentence=text[start:end],
                            actor_iri="", actor_label=None, stance="", act="", claim="", date=article.get("date"),
                            origin="review")


def _check_added(result: ReviewedPosition, fields: dict, decisions: list[Decision], user: str) -> None:
    missing = [f for f in ("actor", "act", "claim") if f not in fields]
    if "stance" not in fields and "side" not in fields:
        missing.append("stance (or side)")
    if missing:
        raise bad(f"an added position needs {', '.join(missing)}")
    for d in decisions:
        r = d.result
        if d.reviewer == user and d.kind == "add" and r is not None and \
                (r.start, r.end, r.actor_iri, r.claim) == (result.start, result.end, result.actor_iri, result.claim):
            raise ReviewError(409, f"you already added this position (decision {d.id})")


def decision_graph(article: dict, user: str, kind: str, decision_id: str, time: str,
                   target: ReviewedPosition | None, result: ReviewedPosition | None,
                   changed: list[str]) -> rdflib.Graph:
    """The triples one decision adds to its review graph: the decision, the position it
    states (with evidence and proposition), the review activity and the reviewer."""
    from kg.build import position_node
    from kg.namespaces import PROV, RDF, SP, XSD, bind_prefixes
    from kg.provenance import review_activity

    graph = bind_prefixes(rdflib.Graph())
    node, article_iri = URIRef(decision_iri(decision_id)), URIRef(article["iri"])
    activity = review_activity(graph, user)
    graph.add((node, RDF.type, SP.Decision))
    graph.add((node, SP.decisionKind, Literal(kind)))
    graph.add((node, SP.onArticle, article_iri))
    anchor = target or result
    graph.add((node, SP.sentenceStart, Literal(anchor.start, datatype=XSD.integer)))
    graph.add((node, SP.sentenceEnd, Literal(anchor.end, datatype=XSD.integer)))
    graph.add((node, SP.decidedActor, URIRef(anchor.actor_iri)))
    graph.add((node, PROV.wasAttributedTo, activity_reviewer(graph, activity)))
    graph.add((node, PROV.generatedAtTime, Literal(time, datatype=XSD.dateTime)))
    if target is not None:
        graph.add((node, SP.onPosition, URIRef(target.iri)))
        graph.add((node, SP.positionDigest, Literal(target.digest())))
    for name in changed:
        graph.add((node, SP.changedField, Literal(name)))
    if result is not None:
        result.iri = review_position_iri(article["id"], decision_id)
        position = position_node(graph, result.to_position(), article_iri, activity, URIRef(result.iri))
        if target is not None:
            graph.add((position, PROV.wasRevisionOf, URIRef(target.iri)))
        graph.add((node, SP.resultingPosition, position))
    return graph


def activity_reviewer(graph: rdflib.Graph, activity: URIRef) -> URIRef:
    from kg.namespaces import PROV

    return graph.value(activity, PROV.wasAssociatedWith)


def _actor_graph(new_actor) -> rdflib.Graph | None:
    if new_actor is None:
        return None
    from kg.build import ACTOR_CLASSES
    from kg.namespaces import RDF, RDFS, SP

    graph, node = rdflib.Graph(), URIRef(new_actor.iri)
    graph.add((node, RDF.type, SP.Actor))
    graph.add((node, RDF.type, ACTOR_CLASSES[new_actor.type]))
    graph.add((node, RDFS.label, Literal(new_actor.name)))
    if new_actor.kind:
        graph.add((node, SP.actorKind, Literal(new_actor.kind)))
    return graph


def _validate(store: Store, article_id: str, graph: rdflib.Graph, actors: rdflib.Graph | None,
              result: ReviewedPosition | None) -> None:
    """SHACL over the new triples with the article node (evidence must match its text) and
    the actor nodes they name; the machine positions are not judged again.
    :raise ReviewError(400): with the report's first line."""
    from kg.validate import union, validate_graph

    article = iris.article_iri(article_id)
    parts = [graph, store.query(f"CONSTRUCT {{ <{article}> ?p ?o }} WHERE {{ GRAPH <{article}> {{ <{article}> ?p ?o }} }}")]
    if actors is not None:
        parts.append(actors)
    if result is not None and actors is None:
        parts.append(store.query(read.PREFIXES + f"""CONSTRUCT {{ <{result.actor_iri}> ?p ?o }}
            WHERE {{ GRAPH <{iris.ACTORS_GRAPH}> {{ <{result.actor_iri}> ?p ?o
                     FILTER(?p IN (rdf:type, rdfs:label, sp:actorKind)) }} }}"""))  # not its party's node
    subject = f"decision on {article_id}"
    # the article node was judged when it was ingested; of its constraints only the one on
    # evidence sentences (which covers the decision's position) is the decision's business
    report = [line for line in validate_graph(union(*parts), subject)
              if not line.startswith(f"{subject}: node <{article}>") or "evidenceMatchesText" in line]
    if report:
        raise bad(f"the decision does not conform to the shapes: {report[0]}")


def undo(store: Store, article_id: str, user: str, decision_id: str) -> None:
    """Remove one of `user`'s decisions (with the position it stated) from the article's review.

    :raise ReviewError: 404 no such decision, 409 it is another article's, 403 another reviewer's."""
    check_name(user)
    if read.article_info(store, article_id) is None and not read.decisions(store, article_id):
        raise ReviewError(404, f"no article {article_id!r}")
    iri = decision_iri(decision_id)
    if read.safe_iri(iri) is None:
        raise ReviewError(404, f"no decision {decision_id!r}")
    rows = store.query(read.PREFIXES + f"""SELECT ?g ?a ?r WHERE {{ GRAPH ?g {{ <{iri}> a sp:Decision ;
        sp:onArticle ?a ; prov:wasAttributedTo ?r }} }}""")
    if not rows:
        raise ReviewError(404, f"no decision {decision_id!r}")
    graph_name, owner = str(rows[0]["g"]), str(rows[0]["r"]).rsplit("/", 1)[-1]
    if str(rows[0]["a"]) != iris.article_iri(article_id):
        raise ReviewError(409, f"decision {decision_id} belongs to another article ({rows[0]['a']})")
    if owner != user:
        raise ReviewError(403, f"decision {decision_id} is {owner}'s; only its reviewer may undo it")
    store.replace_graphs({graph_name: without_decision(store.graph(graph_name), URIRef(iri)),
                          status_graph_iri(article_id): article_status_graph(store, article_id, without=iri)})


def without_decision(graph: rdflib.Graph, decision: URIRef) -> rdflib.Graph:
    """The review graph without one decision, its position and that position's evidence; the
    propositions, activity and reviewer only while something still uses them."""
    from kg.namespaces import PROV, RDF, SP

    drop = {decision}
    for position in graph.objects(decision, SP.resultingPosition):
        drop |= {position, *graph.objects(position, SP.evidence)}
    kept = rdflib.Graph()
    for triple in graph:
        if triple[0] not in drop:
            kept.add(triple)
    if not any(kept.subjects(RDF.type, SP.Decision)):
        return rdflib.Graph()  # the reviewer's last decision on the article: the graph goes
    used = set(kept.objects(None, SP.proposition))
    for proposition in set(kept.subjects(RDF.type, SP.Proposition)) - used:
        kept.remove((proposition, None, None))
    return kept
