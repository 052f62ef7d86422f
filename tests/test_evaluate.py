"""kg evaluate: the reference scorer's numbers, per article, misses and false alarms."""
import importlib.util
import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import KGError
from kg.evaluate import load_jsonl, per_article, score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "dev" / "gold.jsonl"
ARTICLES = ROOT / "eval" / "dev" / "articles"


def _reference():
    spec = importlib.util.spec_from_file_location("score_reference", ROOT / "eval" / "score_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def system_rows():
    from kg.articles import read_paths
    from kg.extract import extract

    return [p.to_json() for a in read_paths([ARTICLES]) for p in extract(a)]


def test_evaluate_matches_reference_scorer_on_dev_set(system_rows):
    gold, ref = load_jsonl(GOLD), _reference()
    assert score(system_rows, gold).numbers == ref.score(system_rows, gold)
    for article, sc in per_article(system_rows, gold).items():
        assert sc.numbers == ref.score(system_rows, gold, {article})


def test_evaluate_matches_reference_on_degraded_output():
    gold, ref = load_jsonl(GOLD), _reference()
    degraded = []
    for i, g in enumerate(gold):
        row = dict(g, actor=g["actor"].split()[-1] if i % 3 else "Niemand",
                   stance="oppose" if i % 4 == 0 else g["stance"], date=None if i % 5 == 0 else g["date"])
        degraded.append(row)
    assert score(degraded, gold).numbers == ref.score(degraded, gold)


def test_evaluate_lists_misses_and_false_alarms():
    gold = load_jsonl(GOLD)
    system = [dict(gold[0], actor="Niemand"), dict(gold[1])]
    sc = score(system, gold)
    assert sc.numbers["matched"] == 1
    assert system[0] in sc.false_alarms and gold[0] in sc.misses and gold[1] not in sc.misses


def test_evaluate_cli_json_per_article(tmp_path, capsys):
    out = tmp_path / "sys.jsonl"
    out.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in load_jsonl(GOLD)), encoding="utf-8")
    assert main(["evaluate", "--gold", str(GOLD), "--system", str(out), "--per-article", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["f1"] == 1.0 and report["overall"]["strict_f1"] == 1.0
    assert set(report["articles"]) == {g["article"] for g in load_jsonl(GOLD)}


def test_evaluate_bad_gold_line_names_file_and_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"article": "a", "sentence": "s", "actor": "X"}\n{"article": "a"}\n', encoding="utf-8")
    with pytest.raises(KGError, match=r"gold.jsonl:2: missing field\(s\) sentence, actor"):
        load_jsonl(bad)


def test_evaluate_matches_reference_with_alternatives_and_claims():
    """cap_alt / act_alt accept a second value; claims are scored by content-word F1."""
    gold, ref = load_jsonl(GOLD), _reference()
    gold = [dict(g, cap_alt=[19], act_alt=["assertion"]) if i % 2 else g for i, g in enumerate(gold)]
    system = [dict(g, cap_major=19 if i % 3 else g.get("cap_major"), act="assertion" if i % 4 else g.get("act"),
                   claim=" ".join((g.get("claim") or "").split()[: 1 + i % 3]))
              for i, g in enumerate(gold)]
    ours = score(system, gold).numbers
    assert ours == ref.score(system, gold)
    assert 0 < ours["claim_ok"] < 1 and 0 < ours["claim_f1"] < 1


def test_evaluate_claim_f1_compares_content_words_by_prefix():
    from kg.evaluate import claim_f1

    assert claim_f1("die Erhöhung der Renten", "Rentenerhöhung") == pytest.approx(2 / 3)
    assert claim_f1("höhere Renten", "Renten erhöhen") == 0.5
    assert claim_f1("sich", "Wehrpflicht") == 0.0


def test_evaluate_proposition_grouping_and_side_accuracy():
    """Pairwise "same proposition" over matched positions: keys need only group alike."""
    gold = [g for g in load_jsonl(GOLD) if g["article"] == "d04"]
    renamed = [dict(g, proposition="x-" + g["proposition"]) for g in gold]
    perfect = score(renamed, gold).propositions
    assert perfect["grouping_f1"] == 1.0 and perfect["side_acc"] == 1.0
    lumped = score([dict(g, proposition="one", side="support") for g in gold], gold).propositions
    assert lumped["grouping_recall"] == 1.0 and lumped["grouping_precision"] < 1.0
    assert lumped["side_acc"] == round(sum(g["side"] == "support" for g in gold) / len(gold), 3)
    alone = score([dict(g, proposition=f"p{i}") for i, g in enumerate(gold)], gold).propositions
    assert alone["grouping_recall"] == 0.0 and alone["grouping_f1"] == 0.0
    assert score(gold, [{k: v for k, v in g.items() if k != "proposition"} for g in gold]).propositions is None


def test_evaluate_dev_gold_has_a_proposition_and_side_on_every_line():
    gold = load_jsonl(GOLD)
    assert all(g.get("proposition") and g.get("side") in ("support", "oppose") for g in gold)
    shared = {g["proposition"] for g in gold if sum(h["proposition"] == g["proposition"] for h in gold) > 1}
    assert len(shared) >= 15
