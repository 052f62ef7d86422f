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
SOURCES = [ROOT / "eval" / "dev" / "articles", ROOT / "tests" / "data" / "articles"]  # never heldout, blind, fresh or wikinews
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


# -- a scale corpus (issue 13): up to 100,000 articles, streamed to JSONL ----------------------
# Subjects swapped within a group of one grammatical gender, so articles stay German
# while the topics move: "das Bürgergeld" may become "das Elterngeld".
SUBJECTS = [
    ["Bürgergeld", "Elterngeld", "Klimageld", "Heizungsgesetz", "Tempolimit", "Deutschlandticket"],
    ["Krankenhausreform", "Rentenreform", "Schuldenbremse", "Wehrpflicht", "Mietpreisbremse",
     "Grundsteuer", "Pflegereform", "Erbschaftsteuer"],
    ["Mindestlohn", "Wehrdienst", "Kohleausstieg", "Solidaritätszuschlag", "Digitalpakt", "Haushalt"],
]
_SUBJECT = {w: g for g in SUBJECTS for w in g}
_SUBJECT_RE = re.compile(r"\b(" + "|".join(sorted(_SUBJECT, key=len, reverse=True)) + r")(?=s\b|es\b|\b)")


def _resubject(text: str, rng: random.Random) -> str:
    """Each subject noun of the article replaced by one other of its group (consistently)."""
    chosen: dict[str, str] = {}
    return _SUBJECT_RE.sub(lambda m: chosen.setdefault(m[1], rng.choice(_SUBJECT[m[1]])), text)


def iter_scale_corpus(n: int, seed: int = 13):
    """`n` synthetic articles, lazily: a dev or test headline paragraph, 3-9 paragraphs drawn
    from all sources, recurring surnames renamed, subjects swapped, a date in 2015-2026."""
    rng = random.Random(seed)
    pool = sources()
    paragraphs = [p for a in pool for p in a.text.split("\n\n")[1:] if p.strip()]
    for i in range(n):
        base = pool[rng.randrange(len(pool))]
        body = [base.text.split("\n\n")[0]] + rng.sample(paragraphs, min(len(paragraphs), rng.randint(3, 9)))
        text = _resubject(_rename("\n\n".join(body), rng), rng)
        year, month, day = rng.randint(2015, 2026), rng.randint(1, 12), rng.randint(1, 28)
        yield Article(id=f"scale{i:07d}", date=f"{year}-{month:02d}-{day:02d}", text=text)


def write_jsonl(path, n: int, seed: int = 13) -> int:
    """The scale corpus as JSONL (gzip when the name ends in .gz); returns its size in bytes."""
    import gzip
    import json

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as f:
        for a in iter_scale_corpus(n, seed):
            f.write(json.dumps({"id": a.id, "date": a.date, "text": a.text}, ensure_ascii=False) + "\n")
    return path.stat().st_size


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Write the scale corpus (dev and test articles recombined).")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("out", help="a .jsonl or .jsonl.gz file")
    args = ap.parse_args()
    size = write_jsonl(args.out, args.articles, args.seed)
    print(f"{args.articles} articles, {size:,} bytes -> {args.out}")
