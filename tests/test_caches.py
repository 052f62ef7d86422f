"""kg.caches: every memo the pipeline keeps between articles is bounded, and bounded in one place.

bench/memory_curve.py shows a worker's memory flat once the memos are full, which is too slow
and too noisy for a test; these tests check what makes it so: no memo of kg/ is sized
anywhere but kg.caches, each holds no more than its bound, and emptying them all changes
nothing an extraction finds.
"""
import re
from pathlib import Path

from kg import caches
from kg.extract import extract
from kg.ingest import article_graphs
from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent
# a memo keyed by a word, a sentence or any other open-ended key (a bound above a handful)
SIZED = re.compile(r"lru_cache\(maxsize=(\d[\d_]*)\)|len\([\w.]+\) [<>]=? \d[\d_]{3,}")
ARTICLE = Article(id="memo-1", date="2024-03-01", text=(
    "Die Partei der Gärtner fordert mehr Geld für Stadtparks. Das lehnt Finanzminister Ole Brandt ab: "
    "„Die Schuldenbremse gilt“, sagte der Minister am Dienstag in Berlin."))


def test_no_memo_is_sized_outside_the_budget():
    """Guards against a bound set where the memo is defined, out of sight of the budget: a
    functools cache of more than 16 entries, or a dict filled while `len(d) < N`."""
    stray = []
    for path in (ROOT / "kg").rglob("*.py"):
        if path.name == "caches.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in SIZED.finditer(line):
                if m.group(1) is None or int(m.group(1).replace("_", "")) > 16:
                    stray.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not stray, "memos sized outside kg.caches:\n" + "\n".join(stray)


def test_every_bound_names_a_memo_the_pipeline_registers():
    """Each bound belongs to a memo extraction and validation fill (no stale names), and none
    is over it; HanTa's guesses are memos of the Python tables only (the compiled ones keep a
    fixed table per known suffix), which run where the compiled ones are not built."""
    from kg.nlp import hanta_dp

    article_graphs(ARTICLE, extract(ARTICLE))
    report = caches.report()
    assert [name for name, _, _ in report] == list(caches.BOUNDS)
    registered = set(caches.registered())
    python_only = {"hanta.guesses", "hanta.suffixes"} if hanta_dp._hanta_table else set()
    assert registered <= set(caches.BOUNDS), registered - set(caches.BOUNDS)
    assert set(caches.BOUNDS) - registered <= python_only, set(caches.BOUNDS) - registered - python_only
    assert all(size <= bound for _, size, bound in report)
    assert sum(size for name, size, _ in report if name != "spacy.strings") > 0


def test_a_memo_stops_or_starts_again_at_its_bound(monkeypatch):
    monkeypatch.setitem(caches.BOUNDS, "topics.word_hits", 3)
    kept, renewed = caches.Memo("topics.word_hits"), caches.Memo("topics.word_hits", renew=True)
    for k in range(5):
        assert kept.keep(k, str(k)) == str(k) and renewed.keep(k, str(k)) == str(k)
    assert dict(kept) == {0: "0", 1: "1", 2: "2"}  # the first keys stay
    assert dict(renewed) == {3: "3", 4: "4"}  # emptied when the fourth came


def test_clearing_every_memo_changes_no_result():
    """The memos are pure: the same article gives the same positions from empty memos."""
    before = extract(ARTICLE)
    caches.clear()
    assert all(size == 0 for name, size, _ in caches.report() if name != "spacy.strings")
    assert extract(ARTICLE) == before
