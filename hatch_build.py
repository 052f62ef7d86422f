"""Compiles kg.nlp._hanta_table and _hanta_sentence (Cython) when the package is built or installed.

hatchling runs the hook for every wheel, editable ones too (`make install`, `make install-test`):
the extensions are built in place, next to kg/nlp/hanta_dp.py, where an editable install and a
checkout on PYTHONPATH import it, and a regular wheel packs it. Where it cannot be built (no C
compiler, no Python headers) the install goes on with a warning and kg.nlp.hanta_dp and
hanta_viterbi use their Python loops: the same results, slower. `python hatch_build.py` builds
them in place by hand,
for a checkout that is on PYTHONPATH but was not installed.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, outside a build
    BuildHookInterface = object

MODULES = {"kg.nlp._hanta_table": "kg/nlp/_hanta_table.pyx", "kg.nlp._hanta_sentence": "kg/nlp/_hanta_sentence.pyx"}


def build_in_place(root: Path) -> list[Path]:
    """Cythonize and compile MODULES under `root`, each shared library beside its source; their paths."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    cwd = os.getcwd()
    os.chdir(root)
    try:
        with tempfile.TemporaryDirectory() as temp:
            extensions = [Extension(name, [source]) for name, source in MODULES.items()]
            dist = Distribution({"ext_modules": cythonize(extensions, quiet=True)})
            command = dist.get_command_obj("build_ext")
            command.inplace, command.build_temp = True, temp
            dist.run_command("build_ext")
            built = [root / command.get_ext_fullpath(name) for name in MODULES]
            for path in built:  # built now: kg.nlp.compiled_loops leaves out one older than its source
                os.utime(path)
            return built
    finally:
        os.chdir(cwd)


class CompiledTables(BuildHookInterface):
    """The hatchling build hook (pyproject.toml: tool.hatch.build.targets.wheel.hooks.custom)."""

    def initialize(self, version: str, build_data: dict) -> None:
        try:
            built = build_in_place(Path(self.root))
        except Exception as error:  # noqa: BLE001 -- any failure leaves the Python tables in use
            print(f"warning: {', '.join(MODULES)} not built ({error}); HanTa's analyses run in Python, slower", file=sys.stderr)
            return
        if version != "editable":
            build_data["pure_python"], build_data["infer_tag"] = False, True
            for path in built:
                build_data["force_include"][str(path)] = str(path.relative_to(self.root))


if __name__ == "__main__":
    print(build_in_place(Path(__file__).resolve().parent))
