"""`kg serve` on a remote store: the API's own test suite, run against each real server.

The API fixtures (tests/api_fixtures.py) build their stores through
$KG_API_STORE_FACTORY; servers.py supplies factories that hand out empty
RemoteStores on Oxigraph and Virtuoso servers. The suite runs in a child pytest so
its session fixtures see the variable from the start.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_remote_api_suite_passes_on_a_remote_store(server, tmp_path):
    suite = sorted(str(p) for p in TESTS.glob("test_api_*.py"))
    assert suite, "the API test suite (tests/test_api_*.py) is missing"
    env = dict(os.environ, KG_API_STORE_FACTORY=f"servers:{server}_api_store")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--tb=short", "-p", "no:cacheprovider", "--basetemp", str(tmp_path),
         "-W", "ignore::DeprecationWarning", "-m", "not embedded_only", *suite],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=1200)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-2000:]
    assert result.returncode == 0, f"API suite on {server}: {summary}\n{result.stdout[-6000:]}"
    assert re.search(r"\d+ passed", summary) and "skipped" not in summary, summary
