"""kg agreement: Krippendorff's alpha against hand computation, attribution F1 between two coders."""
from __future__ import annotations

import json

import pytest

from kg.agreement import agreement, nominal_alpha, per_article
from kg.cli import main


def test_agreement_alpha_of_krippendorffs_binary_example():
    """Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', example A: two observers,
    ten units, no missing data. n = 20 values, 14 zeros and 6 ones; four units disagree, so the
    off-diagonal coincidences o_01 = 4: alpha = 1 - (n-1) o_01 / (n_0 n_1) = 1 - 19*4/(14*6) = 0.095."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert nominal_alpha(list(zip(a, b))) == pytest.approx(1 - 19 * 4 / (14 * 6))
    assert round(nominal_alpha(list(zip(a, b))), 3) == 0.095


def test_agreement_alpha_of_krippendorffs_nominal_example():
    """Example B: two observers, twelve units, nominal values a..e. Three units disagree (a/b, d/b,
    a/d): the off-diagonal coincidences sum to 6; n = 24 with n_a=4, n_b=6, n_c=6, n_d=6, n_e=2, so
    sum over c != k of n_c n_k = 24^2 - 128 = 448 and alpha = 1 - 23*6/448 = 0.692."""
    a = "a a b b d c c c e d d a".split()
    b = "b a b b b c c c e d d d".split()
    assert nominal_alpha(list(zip(a, b))) == pytest.approx(1 - 23 * 6 / 448)


def test_agreement_alpha_undefined_without_variation_and_skips_missing_values():
    assert nominal_alpha([("support", "support"), ("support", "support")]) is None
    assert nominal_alpha([]) is None
    # the unit with one value is not pairable: (y,y),(x,y) -> n=4, n_x=1, n_y=3: 1 - 3*2/(16-10) = 0
    assert nominal_alpha([("x", None), ("y", "y"), ("x", "y")]) == pytest.approx(0.0)


def _pos(article, sentence, actor, side, act, kind="person"):
    return {"article": article, "sentence": sentence, "actor": actor, "actor_type": kind, "side": side, "act": act}


S1 = "Anna Beispiel fordert ein Tempolimit auf Autobahnen."
S2 = "Der Verband Muster lehnt ein Tempolimit ab."
S3 = "Bernd Probe verlangt mehr Radwege."
S4 = "Clara Test kündigt eine Reform der Pflege an."
S5 = "Die Kasse Beispiel kritisiert die Reform."
CODER_A = [_pos("x1", S1, "Anna Beispiel", "support", "demand"),
           _pos("x1", S2, "Verband Muster", "oppose", "rejection", "organization"),
           _pos("x1", S3, "Bernd Probe", "support", "demand"),
           _pos("x2", S4, "Clara Test", "support", "commitment"),
           _pos("x2", S5, "Kasse Beispiel", "oppose", "rejection", "organization")]
CODER_B = [_pos("x1", S1, "Beispiel", "support", "demand"),  # the surname names the person
           _pos("x1", S2, "Verband Muster", "support", "rejection", "organization"),  # side differs
           _pos("x1", S3, "Radverband", "support", "demand", "organization"),  # another actor: no pair
           _pos("x2", S4, "Clara Test", "support", "proposal"),  # act differs
           _pos("x2", S5, "Kasse Beispiel", "oppose", "rejection", "organization")]


def test_agreement_of_two_coders_overall_and_per_article():
    """By hand: 4 pairs of 5 and 5 positions (F1 0.8). Side pairs s/s, o/s, s/s, o/o: n_s=5,
    n_o=3, alpha = 1 - 7*2/(64-34) = 0.533. Act pairs d/d, r/r, c/p, r/r: n = 2,4,1,1,
    alpha = 1 - 7*2/(64-22) = 0.667."""
    overall = agreement(CODER_A, CODER_B)
    assert overall.numbers == {
        "articles": 2, "a": 5, "b": 5, "paired": 4, "precision": 0.8, "recall": 0.8, "f1": 0.8,
        "side_units": 4, "side_agreement": 0.75, "side_alpha": 0.533,
        "act_units": 4, "act_agreement": 0.75, "act_alpha": 0.667}
    assert [p["actor"] for p in overall.only_a] == ["Bernd Probe"]
    assert [p["actor"] for p in overall.only_b] == ["Radverband"]
    assert [(d["a"]["actor"], d["fields"]) for d in overall.differ] == [
        ("Verband Muster", ["side"]), ("Clara Test", ["act"])]
    articles = per_article(CODER_A, CODER_B, ["x1", "x2", "x3"])
    x1, x2, x3 = (articles[k].numbers for k in ("x1", "x2", "x3"))
    assert (x1["f1"], x1["side_alpha"], x1["act_alpha"]) == (0.667, 0.0, 1.0)  # s/s, o/s: 1 - 3*2/6
    assert (x2["f1"], x2["side_alpha"], x2["act_alpha"]) == (1.0, 1.0, 0.4)  # c/p, r/r: 1 - 3*2/10
    assert (x3["a"], x3["b"], x3["f1"], x3["side_alpha"]) == (0, 0, 0.0, None)


def test_agreement_f1_is_the_same_whichever_coder_comes_first():
    assert agreement(CODER_A, CODER_B).numbers["f1"] == agreement(CODER_B, CODER_A).numbers["f1"]


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_agreement_cli_on_two_files_as_table_and_json(tmp_path, capsys):
    a, b = _write(tmp_path / "anna.jsonl", CODER_A), _write(tmp_path / "ben.jsonl", CODER_B)
    assert main(["agreement", "--jsonl", a, b]) == 0
    table = capsys.readouterr().out
    overall = next(line for line in table.splitlines() if line.startswith("OVERALL")).split()
    assert overall[1:] == ["5", "5", "4", "0.8", "0.8", "0.8", "4", "0.75", "0.533", "4", "0.75", "0.667"]
    assert "Only " in table and "Radverband" in table and "act 'commitment' / 'proposal'" in table
    assert main(["agreement", "--jsonl", a, b, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["side_alpha"] == 0.533 and set(out["articles"]) == {"x1", "x2"}
    assert out["articles"]["x2"]["act_alpha"] == 0.4


def test_agreement_cli_bad_input_is_one_line_and_exit_2(tmp_path, capsys):
    a = _write(tmp_path / "a.jsonl", CODER_A)
    (tmp_path / "bad.jsonl").write_text('{"article": "x1"}\n', encoding="utf-8")
    for argv, words in ((["agreement", "--jsonl", a, str(tmp_path / "bad.jsonl")], "bad.jsonl:1: missing field"),
                        (["agreement", "--jsonl", a, str(tmp_path / "none.jsonl")], "cannot read"),
                        (["agreement", "--jsonl", a, a], "two different coders")):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and words in err, err
