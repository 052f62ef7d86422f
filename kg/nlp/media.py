"""News outlets as sources: `berichtete die Zeitung „Kieler Rundschau“`, `laut „Nordkurier“`,
`wie tagesschau.de meldet`, `die Nachrichtenagentur Reuters`.

An outlet reports what others said and is a source in its own right when it is the
subject of a verb of saying or the actor of `laut`/`zufolge`. It is named by a head noun
that says what it is (`Zeitung`, `Nachrichtenagentur`, `Sender`: data/media.tsv) followed by
its name in quotation marks or as a proper name, by a quoted name right after `laut` or as
the subject of a verb of saying, by a web address, or by a name the list knows.
Asked by kg.nlp.mentions.MentionFinder at each token, like kg.nlp.org_mentions.
"""
from __future__ import annotations

import re
from kg.nlp import resources
from kg.nlp.article_actors import ActorView
from kg.nlp.clauses import SUBJECT_TAGS
from kg.nlp.german import FUNCTION_WORDS
from kg.nlp.persons import speaks

OPEN_QUOTES = {"„": "“", "»": "«", "\"": "\"", "“": "”", "‚": "‘"}
DOMAIN = re.compile(r"^[A-Za-z0-9][\w-]*(\.[\w-]+)*\.(de|com|net|org|at|ch|eu|fr|uk|info)$")
SOURCE_WORDS = ("laut", "zufolge")  # `laut „Nordkurier“`, `dem „Nordkurier“ zufolge`
NAMING = resources.word_class("naming")  # `nannte den Plan „Gift“`: a quoted predicate, no outlet
MAX_NAME = 5  # words of a quoted outlet name
OUTLET = "Medium"  # the role of an outlet's mentions: attribution reads it


def is_outlet(m) -> bool:
    """Does the mention name a news outlet (found here)?"""
    return m.role == OUTLET


is_media_head = resources.is_media_head


class MediaMentions(ActorView):
    """Outlet mentions of one article, added to its ArticleActors."""

    def outlet(self, toks, words, i) -> int | None:
        """The outlet named from token i on (the index after it), or None."""
        known = self._known(words, i)
        if known:
            return self._outlet(toks, i, i + len(known[0]), known[1])
        if "." in words[i] and DOMAIN.match(words[i]) and (self._after_source_word(words, i) or speaks(toks, i, 1)):
            return self._outlet(toks, i, i + 1, words[i])
        if is_media_head(words[i]) and i + 1 < len(words):
            quoted = self._quoted(words, i + 1)
            if quoted:
                return self._outlet(toks, i, quoted[0], quoted[1])
            if DOMAIN.match(words[i + 1]):
                return self._outlet(toks, i, i + 2, words[i + 1])
            j = i + 1
            while j < len(words) and j < i + 4 and toks[j].tag_ in ("NE", "FM") and words[j][:1].isupper():
                j += 1
            if j == i + 1 and toks[j].tag_ == "NN" and words[j][:1].isupper() and speaks(toks, j, 1):
                j += 1  # `die Zeitung Nordkurier berichtete`: a name the tagger took for a noun
            return self._outlet(toks, i, j, " ".join(words[i + 1:j])) if j > i + 1 else None  # `die Zeitung China Daily`
        quoted = self._quoted(words, i) if words[i] in OPEN_QUOTES else None
        if quoted and (self._after_source_word(words, i) or self._zufolge(words, quoted[0])
                       or (not i or words[i - 1].lower() in ("die", "der", "das", "wie")) and self._reports(toks, i, quoted[0])):
            return self._outlet(toks, i, quoted[0], quoted[1])
        return None

    @staticmethod
    def _reports(toks, i: int, j: int) -> bool:
        """Is the quoted name the subject of a verb of saying: `die „Rundschau“ berichtete`, or
        `schrieb die „Rundschau“.` at the clause's end (not `nannte das „Gift“`)?"""
        after = toks[j] if j < len(toks) else None
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if after is not None and after.tag_ == "VVFIN" and speaks(toks, i, j - i):
            return nxt is None or nxt.tag_ not in SUBJECT_TAGS  # not `„Niemals“ sagte die Ministerin`
        before = toks[i - 2] if i > 1 else None
        return before is not None and before.tag_ == "VVFIN" and before.lemma_ not in NAMING \
            and (after is None or after.is_punct) and speaks(toks, i, j - i)

    def _outlet(self, toks, i: int, j: int, name: str) -> int:
        if name not in self.gaz.actors:
            info = self.entity(name)
            info.type, info.kind, info.known, info.gender = "organization", "organisation", False, None
        self._add(toks, i, j, name, "name", OUTLET)
        if " " not in name:
            self.local[(name,)] = name  # `laut Nordkurier` after `die Zeitung „Nordkurier“`
        return j

    @staticmethod
    def _known(words, i) -> tuple[tuple[str, ...], str] | None:
        for key in resources.media()[1].get(words[i].lower(), ()):
            if tuple(w.lower() for w in words[i:i + len(key)]) == key:
                return key, " ".join(words[i:i + len(key)])
        return None

    @staticmethod
    def _quoted(words, k: int) -> tuple[int, str] | None:
        """A short quoted name opening at k: (index after the closing mark, the name)."""
        close = OPEN_QUOTES.get(words[k]) if k < len(words) else None
        if close is None:
            return None
        for j in range(k + 1, min(len(words), k + MAX_NAME + 2)):
            if words[j] == close:
                inner = words[k + 1:j]
                ok = inner and inner[0][:1].isupper() and not FUNCTION_WORDS & {w.lower() for w in inner[1:]} \
                    and all(w.replace("-", "").replace(".", "").isalnum() for w in inner)
                return (j + 1, " ".join(inner)) if ok else None
        return None

    @staticmethod
    def _after_source_word(words, i) -> bool:
        k = i - 1
        while k >= 0 and words[k].lower() in ("der", "die", "das", "dem", "des"):
            k -= 1
        return k >= 0 and words[k].lower() == "laut"

    @staticmethod
    def _zufolge(words, j) -> bool:
        return j < len(words) and words[j].lower() == "zufolge"
