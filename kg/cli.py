"""The `kg` command: one subcommand per module in kg/commands/.

Each module exposes `register(subparsers)`, which adds its parser and sets
`func`; errors the library raises on purpose (KGError) become one line on
stderr and exit code 2, so scripts can rely on the exit status.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from kg.errors import KGError

COMMANDS = ["ingest", "load", "delete", "extract", "evaluate", "agreement", "export", "query", "validate", "stats", "serve", "push", "network", "user"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Standpunkt: a knowledge graph of who stands where in German political news.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"kg.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def _version() -> str:
    """The installed distribution's version (pyproject.toml), or 'unknown' when run from a bare tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("standpunkt")
    except PackageNotFoundError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KGError as e:
        print(f"kg {args.command}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
