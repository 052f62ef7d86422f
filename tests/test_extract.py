"""extract() end to end on the seed article, and extract_many() order and workers."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import iris
from kg.articles import read_paths
from kg.extract import extract, extract_many
from kg.model import ACTS, Article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8eac7816d47259b9.txt"


@pytest.fixture(scope="module")
def seed_positions():
    [article] = list(read_paths([SEED]))
    return article, extract(article)


def test_extract_seed_finds_putin_positions(seed_positions):
    _, positions = seed_positions
    putin = [p for p in positions if p.actor == "Wladimir Putin"]
    assert len(putin) >= 8
    assert any(p.act == "demand" for p in putin)
    assert all(p.actor_iri == iris.actor_iri("Wladimir Putin") and p.actor_type == "person" for p in putin)


def test_extract_seed_rejection_is_oppose(seed_positions):
    _, positions = seed_positions
    [kiew] = [p for p in positions if p.sentence == "Kiew lehnt dies ab."]
    assert (kiew.actor, kiew.stance, kiew.act) == ("Ukraine", "oppose", "rejection")
    assert "Kiew" in kiew.aliases


def test_extract_fills_every_field_with_valid_values(seed_positions):
    article, positions = seed_positions
    for p in positions:
        assert article.text[p.start:p.end] == p.sentence
        assert p.stance in ("support", "oppose") and p.act in ACTS
        assert 0 <= p.confidence <= 1 and p.claim
        assert p.article_date == "2025-11-28" and p.article == article.id
        assert p.topic and p.topic_label and isinstance(p.cap_major, int)


def test_extract_month_only_article_date_keeps_month_precision():
    article = Article("m1", "2024-03", "Die CDU fordert eine Reform des Bürgergelds.")
    [p] = extract(article)
    assert p.article_date == "2024-03" and p.date.startswith("2024-03")


def test_extract_many_keeps_order_with_workers():
    articles = [Article(f"a{i}", "2025-01-0%d" % (i % 9 + 1), f"Die SPD fordert Reform Nummer {i}.")
                for i in range(12)]
    serial = [(a.id, [p.to_json() for p in ps]) for a, ps in extract_many(iter(articles))]
    parallel = [(a.id, [p.to_json() for p in ps]) for a, ps in extract_many(iter(articles), workers=2)]
    assert [i for i, _ in parallel] == [a.id for a in articles]
    assert serial == parallel


WORDS = ("Merz SPD Kiew lehnt ab sagte er sie „ “ « » \" ( ) . , : ; fordert Die der nicht kein will Putin "
         "CDU-Chef Ministerin Chefin dass sei habe Das hat entschieden laut zufolge Andrea Nahles dagegen ? "
         "So Mit diesen Worten Sprecher des Weißen Hauses Regierung in Paris Der Bayerische Flüchtlingsrat "
         "US-Vorgaben gemeinsam mit bis wenn werde dem den nach Angaben").split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS + ["\n\n"]), max_size=60), st.sampled_from(["2025-01-01", "2024-03", None]))
def test_extract_any_word_salad_gives_well_formed_positions(words, date):
    text = " ".join(words)
    for p in extract(Article("x", date, text)):
        assert text[p.start:p.end] == p.sentence and p.claim
        assert 0 <= p.confidence <= 1 and p.stance in ("support", "oppose")


def test_extract_reported_speech_inherits_the_date_of_its_statement():
    text = ("Die Entscheidung betreffe nur einen Einzelfall, erklärte Alexander Dobrindt am Montagabend. "
            "Angestrebt werde eine Entscheidung im Hauptverfahren.")
    positions = extract(Article("d", "2025-06-03", text))
    assert [(p.actor, p.date) for p in positions] == [("Alexander Dobrindt", "2025-06-02")] * 2


def test_extract_aliases_are_names_not_job_titles():
    """`Bundeskanzler Friedrich Merz … der Kanzler … Merz`: the aliases are names only."""
    article = Article(id="alias", date="2025-11-28", text=(
        "Bundeskanzler Friedrich Merz forderte einen Sparkurs. Der Kanzler sagte, die Länder müssten "
        "mitziehen. Merz kritisierte zudem die Opposition."))
    aliases = {a for p in extract(article) if p.actor == "Friedrich Merz" for a in p.aliases}
    assert aliases == {"Merz"}


def test_extract_party_of_a_person_on_the_statement_date():
    article = Article(id="party", date="2025-11-28", text="Friedrich Merz forderte einen Sparkurs.")
    [position] = extract(article)
    assert position.party == "CDU" and "party" not in position.to_json()


# Today the pipeline fails on this article: a date before year 1 ("Gestern" on 0001-01-01)
# overflows the calendar. Should it learn to stop at year 1, these tests need another input.
FAILING = {"id": "year-one", "date": "0001-01-01",
           "text": "Die SPD fordert mehr Geld für Kommunen. Gestern sagte Merz, er lehne das ab."}


@pytest.mark.parametrize("fmt", ["jsonl", "nquads"])
def test_extract_cli_rejects_the_article_the_pipeline_fails_on_and_goes_on(tmp_path, capsys, fmt):
    """One 'rejected:' line naming the article and the exception (no traceback), the other
    articles printed whole, exit code 1 (not 2: the command ran)."""
    import json

    from kg.cli import main

    good = [{"id": f"ok{i}", "date": "2024-03-01", "text": f"Die {party} fordert mehr Geld für Kommunen."}
            for i, party in enumerate(["SPD", "CDU"])]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [good[0], FAILING, good[1]]) + "\n",
                    encoding="utf-8")
    assert main(["extract", "--format", fmt, str(path)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"rejected: {path}: extracting article 'year-one' failed: "
                                "OverflowError: date value out of range"]
    if fmt == "jsonl":
        assert {json.loads(line)["article"] for line in out.splitlines()} == {"ok0", "ok1"}
    else:
        assert iris.article_iri("ok0") in out and iris.article_iri("ok1") in out
        assert iris.article_iri("year-one") not in out
