"""The fuzz suite reuses the API fixtures of tests/ (api_fixtures.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api_fixtures import *  # noqa: E402,F401,F403 (fixtures)
