"""Checks of the actor gazetteer data in kg/nlp/data/actors/.

The gazetteer is hand-curated data that the extractor trusts: a broken line, a
role held by two chancellors at once or an alias pointing at two actors would
silently produce wrong positions, so the data is checked here, line by line.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACTORS = ROOT / "kg" / "nlp" / "data" / "actors"
DEV_GOLD = ROOT / "eval" / "dev" / "gold.jsonl"
TEST_GOLD = ROOT / "tests" / "data" / "gold.jsonl"

KINDS = {"person", "party", "government", "state", "institution", "organisation"}
GENDERS = {"m", "f"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _read(path: Path) -> list[tuple[int, dict]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rows.append((n, json.loads(line)))
    return rows


def _actor_files() -> list[Path]:
    """The curated actor files; `_`-prefixed scratch files and roles.jsonl are not actors."""
    return [p for p in sorted(ACTORS.glob("*.jsonl")) if not p.name.startswith("_") and p.name != "roles.jsonl"]


def _actors() -> list[tuple[str, int, dict]]:
    return [(p.name, n, rec) for p in _actor_files() for n, rec in _read(p)]


def _by_name() -> dict[str, dict]:
    return {rec["name"]: rec for _, _, rec in _actors()}


def _role_nouns() -> list[dict]:
    return [rec for _, rec in _read(ACTORS / "roles.jsonl")]


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def test_gazetteer_data_files_exist_and_parse():
    files = _actor_files()
    assert len(files) >= 5, f"expected the domain files in {ACTORS}, found {[p.name for p in files]}"
    for path in files + [ACTORS / "roles.jsonl"]:
        rows = _read(path)  # raises on a malformed line
        assert rows, f"{path.name} is empty"
        for n, rec in rows:
            assert isinstance(rec, dict), f"{path.name}:{n}: not a JSON object"


def test_gazetteer_data_required_fields_and_types():
    for fname, n, rec in _actors():
        where = f"{fname}:{n} ({rec.get('name')})"
        assert isinstance(rec.get("name"), str) and rec["name"].strip() == rec["name"] != "", where
        assert rec.get("kind") in KINDS, f"{where}: kind {rec.get('kind')!r}"
        expected_type = "person" if rec["kind"] == "person" else "organization"
        assert rec.get("type") == expected_type, f"{where}: type {rec.get('type')!r} for kind {rec['kind']}"
        aliases = rec.get("aliases")
        assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() == a != "" for a in aliases), where
        assert len(set(aliases)) == len(aliases), f"{where}: repeated alias"
        assert rec["name"] not in aliases, f"{where}: canonical name repeated as alias"
        for field in ("adjectives", "prefixes", "ambiguous"):
            if field in rec:
                assert isinstance(rec[field], list) and all(isinstance(x, str) and x for x in rec[field]), f"{where}: {field}"
        if rec["kind"] == "person":
            assert rec.get("gender") in GENDERS, f"{where}: gender"
            assert isinstance(rec.get("roles"), list), f"{where}: roles must be a list"
        else:
            assert "roles" not in rec and "party" not in rec, f"{where}: roles/party only on persons"


def test_gazetteer_data_roles_are_well_formed_and_point_at_actors():
    names = _by_name()
    for fname, n, rec in _actors():
        for role in rec.get("roles", []):
            where = f"{fname}:{n} {rec['name']} {role}"
            assert set(role) == {"role", "of", "from", "to"}, where
            assert isinstance(role["role"], str) and role["role"], where
            assert role["of"] in names, f"{where}: 'of' is not a canonical actor"
            for key in ("from", "to"):
                assert role[key] is None or DATE.match(role[key]), f"{where}: {key} must be YYYY-MM-DD or null"
            if role["from"] and role["to"]:
                assert role["from"] < role["to"], f"{where}: ends before it starts"
        party = rec.get("party")
        if party is not None:
            assert names.get(party, {}).get("kind") == "party", f"{fname}:{n}: party {party!r} is not a party actor"


def test_gazetteer_data_canonical_names_are_unique():
    seen: dict[str, str] = {}
    for fname, n, rec in _actors():
        key = _norm(rec["name"])
        assert key not in seen, f"{fname}:{n}: {rec['name']!r} already defined in {seen[key]}"
        seen[key] = f"{fname}:{n}"


def test_gazetteer_data_shared_surface_forms_are_declared_ambiguous():
    """A surface form (name or alias) naming two actors must be listed in `ambiguous` by both.

    Forms compare case-sensitively, as the gazetteer matches them: `BUND` (the
    environmental association) is not `Bund` (the federal level)."""
    owners: dict[str, dict[str, dict]] = defaultdict(dict)
    for _, _, rec in _actors():
        for form in {rec["name"], *rec["aliases"]}:
            owners[" ".join(form.split())][rec["name"]] = rec
    problems = []
    for form, recs in owners.items():
        if len(recs) > 1:
            for rec in recs.values():
                if form not in {" ".join(a.split()) for a in rec.get("ambiguous", [])}:
                    problems.append(f"{form!r}: {sorted(recs)} (not declared by {rec['name']})")
    assert not problems, "\n".join(problems)


def test_gazetteer_data_ambiguous_lists_only_own_surface_forms():
    for fname, n, rec in _actors():
        own = {rec["name"], *rec["aliases"]}
        for form in rec.get("ambiguous", []):
            assert form in own, f"{fname}:{n}: ambiguous {form!r} is not a surface form of {rec['name']}"


def test_gazetteer_data_role_nouns_file():
    rows = _role_nouns()
    assert len(rows) >= 100
    seen = set()
    for rec in rows:
        assert set(rec) >= {"role", "gender", "compound", "single_holder"}, rec
        assert rec["gender"] in {"m", "f", "-"}, rec
        assert isinstance(rec["compound"], bool) and isinstance(rec["single_holder"], bool), rec
        assert rec["role"] not in seen, f"role noun {rec['role']!r} listed twice"
        seen.add(rec["role"])
        if "base" in rec:
            assert rec["base"] in {r["role"] for r in rows}, rec
    assert {"Ministerin", "Abgeordnete", "Stadträtin", "Bundeskanzler"} <= seen


def _single_holder_bases() -> dict[str, str]:
    """Every single-holder role form -> its base (masculine) form."""
    return {r["role"]: r.get("base", r["role"]) for r in _role_nouns() if r["single_holder"]}


def test_gazetteer_data_single_holder_roles_do_not_overlap():
    """At most one Bundeskanzler of Deutschland (one Kremlchef, one CDU-Chef ...) on any date."""
    single = _single_holder_bases()
    spells: dict[tuple[str, str], set[tuple[str, str | None, str]]] = defaultdict(set)
    for _, _, rec in _actors():
        for role in rec.get("roles", []):
            base = single.get(role["role"])
            if base:
                assert role["from"], f"{rec['name']}: single-holder role {role['role']} needs a start date"
                spells[(base, role["of"])].add((role["from"], role["to"], rec["name"]))
    assert ("Bundeskanzler", "Deutschland") in spells
    clashes = []
    for key, items in spells.items():
        ordered = sorted(items, key=lambda x: (x[0], x[1] or "9999"))
        for (s1, e1, p1), (s2, e2, p2) in zip(ordered, ordered[1:]):
            if (e1 is None or e1 > s2) and p1 != p2:
                clashes.append(f"{key}: {p1} ({s1}–{e1}) overlaps {p2} ({s2}–{e2})")
    assert not clashes, "\n".join(clashes)


def _holders(role: str, of: str, date: str) -> set[str]:
    return {rec["name"] for _, _, rec in _actors() for r in rec.get("roles", [])
            if r["role"] == role and r["of"] == of and r["from"] <= date and (r["to"] is None or date < r["to"])}


def test_gazetteer_data_time_scoped_roles_resolve_by_date():
    assert _holders("US-Präsident", "USA", "2022-06-01") == {"Joe Biden"}
    assert _holders("US-Präsident", "USA", "2025-11-28") == {"Donald Trump"}
    assert _holders("Bundeskanzler", "Deutschland", "2023-12-12") == {"Olaf Scholz"}
    assert _holders("Bundeskanzler", "Deutschland", "2025-05-06") == {"Friedrich Merz"}
    assert _holders("Bundesinnenminister", "Deutschland", "2025-06-03") == {"Alexander Dobrindt"}
    assert _holders("Ministerpräsident", "Hessen", "2023-11-10") == {"Boris Rhein"}
    assert _holders("Kremlchef", "Russland", "2025-11-28") == {"Wladimir Putin"}


def test_gazetteer_data_base_role_nouns_resolve_with_their_state():
    """`der russische Präsident`: the bare noun plus the state named by the adjective."""
    assert _holders("Präsident", "Russland", "2025-11-28") == {"Wladimir Putin"}
    assert _holders("Außenminister", "USA", "2025-06-01") == {"Marco Rubio"}
    assert _holders("Außenminister", "Deutschland", "2025-06-01") == {"Johann Wadephul"}
    assert _holders("Innenminister", "Bayern", "2025-06-01") == {"Joachim Herrmann"}
    assert _holders("Bundeskanzler", "Österreich", "2025-10-24") == {"Christian Stocker"}


def test_gazetteer_data_covers_every_dev_gold_actor():
    names = set(_by_name())
    missing = sorted({json.loads(line)["actor"] for line in DEV_GOLD.read_text(encoding="utf-8").splitlines()
                      if line.strip()} - names)
    assert not missing, f"dev-gold actors without a gazetteer entry: {missing}"


def test_gazetteer_data_metonyms_name_their_state():
    names = _by_name()
    for alias, actor in [("Kiew", "Ukraine"), ("Moskau", "Russland"), ("Kreml", "Russland"), ("Washington", "USA"),
                         ("Weißes Haus", "USA"), ("Brüssel", "EU"), ("Peking", "China"), ("Élysée", "Frankreich"),
                         ("Downing Street", "Großbritannien"), ("Ankara", "Türkei"), ("Teheran", "Iran"),
                         ("Bundesregierung", "Deutschland"), ("Grünen-Fraktion", "Grüne"), ("Unionsfraktion", "CDU/CSU")]:
        assert alias in names[actor]["aliases"], f"{alias} should be an alias of {actor}"
