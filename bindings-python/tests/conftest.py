"""Makes the test helpers (``vectors.py``) importable from every test module, and sets the
property tests' profile: no per-example deadline (a time limit is a timing assertion, which
belongs to the benchmarks; a loaded machine would fail a correct example)."""

import sys
from pathlib import Path

from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

settings.register_profile("edgecore", deadline=None)
settings.load_profile("edgecore")
