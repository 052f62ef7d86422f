"""Opening the store the CLI and API use: remote when configured, else embedded.

The choice is made here, once, so that kg.store (the store interface and the
embedded store) and kg.remote (the remote store built on that interface) do not
import each other.
"""
from __future__ import annotations

import os

from kg.remote import ENV, open_remote, remote_settings
from kg.store import OxigraphStore, Store


def open_store(path: str | os.PathLike | None = None, **kwargs) -> Store:
    """The store the CLI and API use: remote when configured (kg.remote), else embedded."""
    # endpoint keywords (kg.remote.ENV) or $KG_QUERY_ENDPOINT etc.
    remote = {key: kwargs.pop(key) for key in list(kwargs) if key in ENV}
    settings = None if kwargs.get("in_memory") else remote_settings(**remote)
    if settings is not None:
        return open_remote(settings)
    return OxigraphStore(path, **kwargs)
