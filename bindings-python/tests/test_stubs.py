"""The type stubs match the compiled module (mypy's stubtest)."""

import subprocess
import sys


def test_stubtest() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "edgecore"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
