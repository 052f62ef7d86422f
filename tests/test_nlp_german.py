"""Closed-class words are defined once (kg/nlp/german.py); small open-class lists are data."""
import ast
import re
from pathlib import Path

import pytest

from kg.nlp import german, resources

NLP = Path(german.__file__).parent


def _literal_word_sets(path: Path):
    """(line, words) of every set/tuple literal of two or more strings assigned at module level."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and value.args:  # frozenset({...})
            value = value.args[0]
        if isinstance(value, (ast.Set, ast.Tuple, ast.List)) and len(value.elts) >= 2 \
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
            yield node.lineno, frozenset(e.value for e in value.elts)


def test_german_no_module_redefines_a_closed_class():
    closed = {name: words for name, words in vars(german).items()
              if name.isupper() and isinstance(words, frozenset)}
    assert {"FINITE", "DEFINITE", "RELATIVE", "CONDITIONS"} <= set(closed)
    clashes = [f"{path.name}:{line} redefines german.{name}"
               for path in sorted(NLP.glob("*.py")) if path.name != "german.py"
               for line, words in _literal_word_sets(path)
               for name, known in closed.items() if words == known]
    assert clashes == []


def test_german_every_word_class_is_read_by_a_rule():
    names = {row[0] for row in resources._rows("word_classes.tsv")}
    used = {m for path in NLP.glob("*.py")
            for m in re.findall(r'word_class\("(\w+)"\)', path.read_text(encoding="utf-8"))}
    assert names and names == used


def test_german_unknown_word_class_fails_loudly():
    assert "warnen" in resources.word_class("warning")
    with pytest.raises(KeyError):
        resources.word_class("no-such-class")
