"""Article -> positions: runs the German pipeline and turns its statements into `Position`s.

The pipeline (kg.nlp) decides who takes which side in which sentence; this module
adds what is about the article as a whole: the topic (with paragraph and headline
as context), the statement date relative to the article date, canonical actor
data, and the surface forms of each actor. No rdflib here.
"""
from __future__ import annotations

import gc
from collections import deque
from dataclasses import replace
from functools import cache
from typing import Callable, Iterable, Iterator

from kg import iris
from kg.model import Article, Position

BUDGET_BASE, BUDGET_PER_1000_CHARS = 20.0, 0.1  # CPU seconds; see budget_for
APPOSITION = 6  # tokens between two mentions of one actor that still designate it
YOUNG_OBJECTS = 10_000  # allocations between two collections of the young generation (see _freeze_loaded)


def budget_for(text: str) -> float:
    """CPU seconds an article may take: a generous multiple of the pipeline's pace
    (about 30 s for 1,000,000 characters), so only a pathological input runs out."""
    return BUDGET_BASE + BUDGET_PER_1000_CHARS * len(text) / 1000


def extract(article: Article) -> list[Position]:
    """Every position the pipeline finds in one article, in text order, each with its
    proposition in the codebook in use (kg.nlp.propositions.use_codebook).

    The Doc's annotations hold it in cycles (each Tok and sentence span refers back to it), so it
    would live until the cyclic collector's next young or middle collection, walked by each on
    the way; its user_data (annotations and extension values) is cleared once the positions are
    made, and reference counting frees the article's objects as extract returns.

    :raise TimeoutError: the article took more than budget_for(text) CPU seconds."""
    from kg.nlp import analyse
    from kg.nlp.propositions import active_index, with_propositions

    doc = analyse(article.text, article.date, budget=budget_for(article.text))
    positions = positions_from_doc(article, doc)
    found = with_propositions(positions, active_index(), whole_sentences(doc))
    doc.user_data.clear()  # the cycles broken (see above)
    return found


def whole_sentences(doc) -> list[str]:
    """The sentence each statement stands in, so each position of positions_from_doc (one per
    statement, in their order): the evidence may be one of its clauses joined by `;` or `:`
    (kg.nlp.sentence_view), while the words around it still tell what the claim is about
    (`Heizungsgesetz: Die Fraktionen haben sich geeinigt`). The statement knows its sentence."""
    from kg.nlp.doc import sentences_of, text_of

    text, sents = text_of(doc), sentences_of(doc)
    return [text[sents[st.sent].start_char:sents[st.sent].end_char].strip() for st in doc._.statements or []]


def positions_from_doc(article: Article, doc) -> list[Position]:
    from kg.nlp.doc import sentences_of, text_of

    sents = sentences_of(doc)
    context = _Context(doc, sents)
    aliases = _aliases(doc)
    text = text_of(doc)
    dates = _DateChain(article.date, doc)
    out, actors = [], doc._.actors
    for st in doc._.statements or []:
        sent = sents[st.sent]
        info = actors[st.actor]
        topic = context.topic(st.sent, st.claim, st.actor)
        out.append(Position(
            article=article.id, sentence=text[st.start:st.end], start=st.start, end=st.end,
            actor=st.actor, actor_type="person" if info.type == "person" else "organization",
            actor_iri=iris.actor_iri(st.actor), stance="support" if st.polarity > 0 else "oppose",
            act=st.act, claim=st.claim,
            topic=topic.iri if topic else None, topic_label=topic.label if topic else None,
            cap_major=topic.cap_major if topic else None,
            date=dates.date(st.sent, sent, st.anchor), article_date=article.date,
            confidence=st.confidence, aliases=aliases.get(st.actor, []), actor_kind=info.kind,
            party=_party(info, dates.date(st.sent, sent, st.anchor) or article.date),
            claim_points_back=st.claim_points_back))
    return out


class _Context:
    """Lemma bags of sentences, paragraphs and the headline, for topic tie-breaking."""

    def __init__(self, doc, sents):
        self.sents = sents
        self.para_of = doc._.para_of_sent or [0] * len(sents)
        from kg.nlp.doc import toks_of

        toks = toks_of(doc)
        self.words = [[t for t in toks[s.start:s.end] if t.is_alpha or _is_hyphenated(t.text)] for s in sents]
        self.lemmas = [[_topic_word(t) for t in s] for s in self.words]
        self.named = _designations(doc._.mentions or [])
        self.paras: dict[int, list[str]] = {}
        for k, lem in enumerate(self.lemmas):
            self.paras.setdefault(self.para_of[k], []).extend(lem)
        self.headline = self.lemmas[0] if self.lemmas else []  # the first sentence: the headline
        self.article = [w for lem in self.lemmas for w in lem]
        self._article_topic = False
        self._sentence_topics: dict[int, object] = {}

    def topic(self, k: int, claim: str, holder: str | None = None):
        """The claim's topic, with sentence, paragraph and headline as context (the claim
        leaves out the speaker and the reporting clause: "…, sagte der Papst"); the sentence's
        when the claim names no field; the article's dominant topic where both are silent or
        vague (kg.nlp.topics.with_article_prior), unless the sentence with its context reaches
        OWN_TOPIC_EVIDENCE."""
        from kg.nlp.topics import MACROECONOMICS, OWN_TOPIC_EVIDENCE, classify, with_article_prior

        para = self.paras.get(self.para_of[k], [])
        if k not in self._sentence_topics:  # the sentence's own topic: the same for each of its statements
            self._sentence_topics[k] = classify(self.lemmas[k], [para, self.headline])
        sentence = self._sentence_topics[k]
        claimed = self._claim_lemmas(k, claim)
        leave_out = self.named.get(holder, ())  # the holder's name is no topic
        said = [lem for i, lem in claimed if i not in leave_out]
        own = classify(said, [self.lemmas[k], para, self.headline]) if said else None
        if own is None or own.lead == 0:
            own = replace(sentence, lead=0.0) if sentence and claimed else sentence  # keywords outside the claim
        prior = self.article_topic()
        if own and own.lead and prior and prior.cap_major == MACROECONOMICS:
            para = self.lemmas[k]  # a budget article's claims keep their own field (pensions, defence)
        chosen = with_article_prior(own, prior, para)
        if chosen is prior and sentence and sentence.cap_major != prior.cap_major \
                and sentence.score >= OWN_TOPIC_EVIDENCE:
            return sentence
        return chosen

    def _claim_lemmas(self, k: int, claim: str) -> list[tuple[int, str]]:
        """Lemmas of the sentence's words that make up the claim (the claim is a phrase of
        them), each with its token's index in the Doc."""
        words = set(claim.split())
        return [(t.i, lem) for t, lem in zip(self.words[k], self.lemmas[k]) if t.text in words]

    def article_topic(self):
        if self._article_topic is False:
            from kg.nlp.topics import article_topic

            self._article_topic = article_topic(self.article, self.headline)
        return self._article_topic


def _designations(mentions) -> dict[str, set[int]]:
    """Doc indices naming each actor: its mentions, and an apposition between two of them
    ("Die Chefin der Bundesagentur für Arbeit, Andrea Nahles"): who speaks, not what about."""
    out: dict[str, set[int]] = {}
    last: dict[str, int] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if not m.actor or m.kind == "pronoun":
            continue
        start = last[m.actor] if m.actor in last and 0 <= m.start - last[m.actor] <= APPOSITION else m.start
        out.setdefault(m.actor, set()).update(range(start, m.end))
        last[m.actor] = m.end
    return out


def _is_hyphenated(text: str) -> bool:
    """EU-Gipfel, CO2-Preis, E-Auto-Zölle: not is_alpha, but topic keywords all the same."""
    return "-" in text and any(c.isalpha() for c in text)


def _topic_word(token) -> str:
    return token.lemma_.lower() if token.is_alpha else token.text.lower()


class _DateChain:
    """Statement dates in text order, so reported speech inherits the date of the
    statement it continues (kg.nlp.dates); the trigger token picks the dated clause."""

    def __init__(self, article_date: str | None, doc):
        self.doc, self.article_date = doc, article_date
        self.para_of = doc._.para_of_sent or []
        self.read = 0
        from kg.nlp.dates import DateChain
        from kg.nlp.doc import TokSpan, sentences_of, toks_of

        self.sents = [TokSpan(doc, s) for s in sentences_of(doc)]
        self.toks = toks_of(doc)
        self.chain = DateChain(article_date, self.sents)

    def date(self, k: int, sent, anchor: int | None) -> str | None:
        for j in range(self.read, k):  # narration between statements dates what follows it too
            self.chain.reading(self.sents[j], self._para(j))
        self.read = max(self.read, k)
        return self.chain.date(self.sents[k], self._para(k), self.toks[anchor] if anchor is not None else None)

    def _para(self, k: int):
        return self.para_of[k] if k < len(self.para_of) else None


def _aliases(doc) -> dict[str, list[str]]:
    """Names each actor goes by in the article (`Merz`, `Kiew`): a job title is no name, so
    role nouns, descriptions and pronouns are left out, and `Bundeskanzler Friedrich Merz`
    gives `Friedrich Merz`; a first name alone (`Wibke`) is never a name."""
    from kg.nlp.article_actors import NAME_KINDS, NAME_PARTICLES

    out: dict[str, set[str]] = {}
    for m in doc._.mentions or []:
        if m.actor and m.kind in NAME_KINDS:
            text = m.text[len(m.role):].strip() if m.role and m.text.startswith(m.role) else m.text
            if text and all(w[:1].isupper() or w in NAME_PARTICLES for w in text.split()):  # not `der Behörde Anna …`
                out.setdefault(m.actor, set()).add(text)
    return {a: sorted(s - {a}) for a, s in out.items()}


def _party(info, date: str | None) -> str | None:
    """A person's party on the statement date (ActorInfo.party_on: the gazetteer's dated
    spells where it has them), else the party it or the article names (`Merz (CDU)`)."""
    return info.party_on(date) if info.type == "person" else None


def extract_checked(article: Article) -> list[Position]:
    """extract(), where any failure of the pipeline on this article is the article's rejection
    (an ArticleError naming it), never the end of a run or a server error."""
    from kg.errors import ArticleError, KGError

    try:
        return extract(article)
    except KGError:
        raise
    except TimeoutError as e:
        raise ArticleError(article.source or article.id, f"extracting article {article.id!r} ran out of time: {e}") \
            from None
    except Exception as e:  # OverflowError of a date at the calendar's end, RecursionError, a bug
        raise ArticleError(article.source or article.id,
                           f"extracting article {article.id!r} failed: {type(e).__name__}: {e}") from None


def rejection(article: Article, error: Exception) -> str:
    """The one line that rejects `article` for `error`: an ArticleError or ValidationError as
    it words itself (extract_checked names the article), any other error with the article's
    source, the exception's class and message; never a traceback."""
    from kg.errors import ArticleError, ValidationError

    if isinstance(error, (ArticleError, ValidationError)):
        return str(error)
    return f"{article.source or article.id}: {type(error).__name__}: {error}"


def extract_many(articles: Iterable[Article], workers: int = 1,
                 rejected: Callable[[Article, Exception], None] | None = None
                 ) -> Iterator[tuple[Article, list[Position]]]:
    """(article, positions) in input order; with workers > 1 in a process pool.

    At most a few articles per worker are in flight, so memory stays flat however
    long the input is (Pool.imap would read the whole input ahead). With `rejected`,
    an article whose extraction fails goes there and the others go on; without it the
    failure is raised.
    """
    def outcome(article, get):
        try:
            return get()
        except Exception as e:
            if rejected is None:
                raise
            rejected(article, e)
            return None

    if workers <= 1:
        warm()
        for article in articles:
            positions = outcome(article, lambda: extract_checked(article))
            if positions is not None:
                yield article, positions
        return
    import multiprocessing as mp

    forking = "fork" in mp.get_all_start_methods()
    if forking:
        warm()  # children inherit the loaded model instead of each loading it
    ctx = mp.get_context("fork" if forking else None)
    with ctx.Pool(workers, initializer=None if forking else warm) as pool:
        pending: deque = deque()

        def finished(keep: int):
            while len(pending) > keep:
                a, res = pending.popleft()
                positions = outcome(a, res.get)
                if positions is not None:
                    yield a, positions

        for article in articles:
            pending.append((article, pool.apply_async(extract_checked, (article,))))
            yield from finished(workers * 4 - 1)
        yield from finished(0)


def warm() -> None:
    """Load everything extraction reads (pipeline with HanTa, gazetteer, codebook, topic
    index, dateparser) once, before the first article: a worker, or the parent it forks from.

    What is loaded then lives as long as the process, so it is moved out of the cyclic
    garbage collector's sight (gc.freeze): otherwise every full collection walks the
    model's objects again (6 % of one core's time on the bench), and in a forked worker
    touching them would copy the parent's pages."""
    from kg.nlp import gazetteer, load_pipeline, propositions, time_expressions, topics

    load_pipeline()
    propositions.active_index()
    gazetteer.load()
    topics.default_index()
    time_expressions.prepare()  # dateparser, for absolute dates
    _freeze_loaded()


@cache
def _freeze_loaded() -> None:
    """gc.freeze() once per process: a later call would also freeze what a caller holds
    then, and garbage among it would never be collected. Then the young generation is
    collected every YOUNG_OBJECTS container allocations, not CPython's 700: an article's
    objects (tokens, views, mentions) live until it is done and then die by reference
    counting, so frequent young collections only walk live objects again and promote them
    (the collector's time on the bench: 0.13 -> 0.09 CPU-s per 240 articles)."""
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
