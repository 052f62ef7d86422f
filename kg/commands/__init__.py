"""Subcommands of `kg`; see kg.cli."""
from __future__ import annotations

import argparse


def add_store_option(parser: argparse.ArgumentParser, *, remote: bool = True) -> None:
    """--store, and (unless `remote` is False) the options that name a remote store instead."""
    parser.add_argument("--store", metavar="DIR",
                        help="embedded store folder (default: $KG_STORE or ./data/store)")
    if remote:
        from kg.remote import add_remote_options

        add_remote_options(parser)


def add_base_option(parser: argparse.ArgumentParser) -> None:
    """--base-iri: the namespace data IRIs are minted under (and, for kg serve, answered at)."""
    parser.add_argument("--base-iri", metavar="URL", default=None,
                        help="mint actor, article, position and graph IRIs under URL (ending in '/') "
                             "instead of https://w3id.org/standpunkt/ (default: $KG_BASE_IRI); "
                             "give the same URL to kg ingest and kg serve")


def apply_base_option(args: argparse.Namespace) -> None:
    """:raise KGError: not an http(s) URL ending in '/'."""
    from kg import iris
    from kg.errors import KGError

    if args.base_iri:
        try:
            iris.set_base(args.base_iri)
        except ValueError as e:
            raise KGError(f"--base-iri: {e}") from None


def open_from_args(args: argparse.Namespace, *, read_only: bool = False):
    """The store the command's options (or the environment) name: remote or embedded.

    Read-only commands open the embedded store read-only, so they work while
    `kg serve` holds it.
    """
    from kg.remote import remote_options
    from kg.stores import open_store

    return open_store(args.store, read_only=read_only, **remote_options(args))


def add_codebook_options(p) -> None:
    """--codebook FILE and --codebook-mode, shared by kg ingest and kg extract."""
    p.add_argument("--codebook", metavar="FILE",
                   help="a SKOS codebook (Turtle, RDF/XML, JSON-LD …) whose concepts are the issues claims are "
                        "matched to; it stays with the store for later ingests (default: ontology/issues.ttl)")
    p.add_argument("--codebook-mode", choices=("replace", "extend"), default="replace",
                   help="replace the project's issues with the codebook's, or extend them (default replace)")


def read_codebook_option(args):
    """The user's codebook graph of --codebook (checked before anything is written), or None."""
    if not args.codebook:
        return None
    from kg.codebook import read_codebook

    return read_codebook(args.codebook)

