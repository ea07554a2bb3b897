"""The fuzzer (``tests/fuzz/``): every callable of the package, read from its stubs, called
with hostile values in child processes, each batch under a time limit. A crash, an abort, a
hang, a NaN or infinity out, or an exception other than an ``EdgecoreError`` subclass,
``TypeError`` or the fuzzer's own fails the test, which reports the seed and the input.

``PY_FUZZ_CASES`` sets the number of calls (default 4,000, about a minute here;
``make fuzz`` runs ten times FUZZ_CASES) and ``PY_FUZZ_SEED`` the first seed (default 0; ``make fuzz``
draws one). Rerun one batch by hand with the command printed on failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from fuzz.targets import stub_targets

CHILD = Path(__file__).resolve().parent / "fuzz" / "child.py"
CASES = int(os.environ.get("PY_FUZZ_CASES", "4000"))
FIRST_SEED = int(os.environ.get("PY_FUZZ_SEED", "0"))
PER_BATCH = 400
BATCH_TIMEOUT = 300


def test_every_stub_callable_is_a_target() -> None:
    labels = {t.label for t in stub_targets()}
    for name in ("clv_batch", "settle", "Bet.__new__", "Board.advance", "EventResult.final", "Schedule.end_date"):
        assert name in labels, name
    assert len(labels) > 150


@pytest.mark.timeout(0)
@pytest.mark.parametrize("batch", range(max(1, -(-CASES // PER_BATCH))))
def test_fuzz_batch(batch: int) -> None:
    seed = FIRST_SEED + batch
    examples = min(PER_BATCH, CASES - batch * PER_BATCH) if CASES > batch * PER_BATCH else 1
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "last-input.txt"
        command = [sys.executable, str(CHILD), "--seed", str(seed), "--examples", str(examples), "--log", str(log)]
        rerun = " ".join(command[1:-2]) + " --log last-input.txt"
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=BATCH_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"seed {seed}: hang (over {BATCH_TIMEOUT} s) at {log.read_text()!r}\nrerun: python {rerun}")
        last = log.read_text() if log.exists() else ""
        if out.returncode < 0:
            pytest.fail(f"seed {seed}: killed by signal {-out.returncode} at {last!r}\nrerun: python {rerun}\n{out.stderr[-3000:]}")
        assert out.returncode == 0, f"seed {seed}: invariant broken\nrerun: python {rerun}\n{out.stdout[-4000:]}\n{out.stderr[-4000:]}"
        assert last.endswith("done\n"), f"seed {seed}: stopped early at {last!r}\n{out.stderr[-3000:]}"
