"""No import cycles between the project's modules.

Reads every module's imports with `ast` -- those inside functions too, which hide a
cycle from Python until the function runs -- and builds the graph between the
project's own modules. `from pkg import name` depends on the module `pkg.name` when
there is one, else on `pkg`; a package is not counted as importing its submodules
unless it names them. Imports under `if TYPE_CHECKING:` never run and are left out.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kg", "api")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in [*(ROOT / package).rglob("*.py"), *(ROOT / package).rglob("*.pyx")]:
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skip


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    if path.suffix == ".pyx":  # Cython, which ast cannot read: its top-level imports by pattern
        found = re.findall(r"^(?:from|import) ([\w.]+)", path.read_text(encoding="utf-8"), re.M)
        return {d for d in found if d in modules and d != name}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skip, deps = _type_checking_nodes(tree), set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            deps |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            subs = {f"{base}.{a.name}" for a in node.names} & set(modules)
            deps |= subs or {base}
            if len(subs) < len(node.names):
                deps.add(base)
    return {d for d in deps if d in modules and d != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path `a -> b -> … -> a`, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_imports_graph_reads_the_project():
    graph = import_graph()
    assert {"kg.nlp.fields", "kg.nlp.factories", "api.sparql", "kg.store"} <= set(graph)
    assert "kg.nlp.fields" in graph["kg.nlp.factories"]
    assert "kg.nlp.doc" in graph["kg.nlp.mentions"]  # an import inside a function counts as well


def test_imports_find_cycle_names_it():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_no_cycle_between_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


COMPONENT_MODULES = ("kg.nlp.sentences", "kg.nlp.tagger", "kg.nlp.fields", "kg.nlp.mentions", "kg.nlp.coreference",
                     "kg.nlp.attribution")


def _reachable(graph: dict[str, set[str]], start: str) -> dict[str, str | None]:
    """Modules reachable from `start`, each with the module it was reached from."""
    came_from: dict[str, str | None] = {start: None}
    todo = [start]
    while todo:
        node = todo.pop()
        for dep in sorted(graph[node]):
            if dep not in came_from:
                came_from[dep] = node
                todo.append(dep)
    return came_from


def test_imports_no_component_imports_another():
    """Components share the Doc (kg.nlp.doc, kg.nlp.clause_model, kg.nlp.article_actors), not
    each other's modules: the pipeline order lives in kg.nlp.pipeline alone."""
    graph, found = import_graph(), []
    for component in COMPONENT_MODULES:
        came_from = _reachable(graph, component)
        for other in COMPONENT_MODULES:
            if other != component and other in came_from:
                path = [other]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                found.append(" -> ".join(reversed(path)))
    assert found == []
