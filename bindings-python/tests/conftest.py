"""Makes the test helpers (``vectors.py``) importable from every test module, and sets the
property tests' profile: no per-example deadline (a time limit is a timing assertion, which
belongs to the benchmarks; a loaded machine would fail a correct example)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    from hypothesis import settings
except ImportError:  # the runs on the oldest and newest Pythons install numpy and pytest only
    pass
else:
    settings.register_profile("edgecore", deadline=None)
    settings.load_profile("edgecore")
