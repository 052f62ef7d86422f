"""The compiled HanTa loops (kg.nlp._hanta_table, kg.nlp._hanta_sentence), where built and current.

`pip install -e .` builds them once (hatch_build.py); nothing rebuilds them when their Cython
sources change afterwards (a pull, a checkout, an edit), and a stale build would compute what
the old source said. So a compiled module older than its sources is not used: the Python
loops, with the same results, run instead, and a warning says to rebuild.
"""
from __future__ import annotations

import importlib
import warnings
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).parent
SHARED = ("_hanta_rows.pxd",)  # cimported by both


def load_compiled(name: str) -> ModuleType | None:
    """The module kg.nlp.`name` if it is built and no older than `name`.pyx and SHARED."""
    try:
        module = importlib.import_module(f"kg.nlp.{name}")
    except ImportError:
        return None
    built = Path(module.__file__)
    if stale(built, [HERE / f"{name}.pyx", *(HERE / s for s in SHARED)]):
        warnings.warn(f"{built.name} is older than its sources and is not used; rebuild it with "
                      "`python hatch_build.py` (or `make install`)", stacklevel=2)
        return None
    return module


def stale(built: Path, sources: list[Path]) -> bool:
    """Whether any of `sources` that exists was modified after `built`."""
    made = built.stat().st_mtime
    return any(source.exists() and source.stat().st_mtime > made for source in sources)
