"""Subcommands of `kg`; see kg.cli."""
from __future__ import annotations

import argparse


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """--store, shared by every command that opens the embedded store."""
    parser.add_argument("--store", metavar="DIR",
                        help="embedded store folder (default: $KG_STORE or ./data/store)")
