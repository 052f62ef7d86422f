"""A deterministic benchmark corpus for the extractor: >= 200 distinct articles.

Articles are recombined from the paragraphs of the development (and, when
present, test) articles: each synthetic article keeps the headline paragraph of
one source and draws further paragraphs from others, with person surnames
swapped for invented ones and the date moved, so sentence caches cannot make
the benchmark look faster than new text would be.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from kg.articles import read_paths
from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "eval" / "dev" / "articles", ROOT / "tests" / "data" / "articles"]
FIRST = ["Anna", "Jonas", "Lea", "Paul", "Mara", "Felix", "Nora", "Timo", "Ella", "Ben", "Lina", "Erik"]
LAST = ["Kaiser", "Brandt", "Vogel", "Winter", "Lorenz", "Hartmann", "Seidel", "Engel", "Krüger",
        "Busch", "Roth", "Franke", "Albrecht", "Schuster", "Böhm", "Pohl", "Kuhn", "Voigt"]
PERSON = re.compile(r"\b([A-ZÄÖÜ][a-zäöüéá]+) ([A-ZÄÖÜ][a-zäöüßj]+)\b")


def sources() -> list[Article]:
    found = []
    for folder in SOURCES:
        if folder.is_dir():
            found += [a for a in read_paths([folder]) if isinstance(a, Article)]
    return found


def _rename(text: str, rng: random.Random) -> str:
    """Swap the surnames of two-word names that recur in the text for invented ones."""
    names = {m.group(2) for m in PERSON.finditer(text) if text.count(m.group(2)) > 1}
    for old in sorted(names):
        text = re.sub(rf"\b{re.escape(old)}\b", f"{rng.choice(LAST)}{rng.randint(2, 99)}", text)
    return text


def corpus(n: int = 240, seed: int = 7) -> list[Article]:
    """`n` distinct synthetic articles (deterministic for a seed)."""
    rng = random.Random(seed)
    pool = sources()
    paragraphs = [p for a in pool for p in a.text.split("\n\n")[1:] if p.strip()]
    out = []
    for i in range(n):
        base = pool[i % len(pool)]
        body = [base.text.split("\n\n")[0]] + rng.sample(paragraphs, min(len(paragraphs), rng.randint(5, 9)))
        text = _rename("\n\n".join(body), rng)
        year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
        out.append(Article(id=f"bench{i:04d}", date=f"{year}-{month:02d}-{day:02d}", text=text))
    return out
