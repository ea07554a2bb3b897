"""Fork safety: worker processes made by "fork", "forkserver" and "spawn" pools, and raw
``os.fork()`` children (and grandchildren), compute what the parent computes, never hang,
and neither does the parent afterwards; above all when the parent used the thread pool
before forking (gunicorn --preload, Celery prefork). Each scenario runs in a fresh
interpreter of its own, in a process group killed after a timeout, so a regression fails
the test instead of hanging the suite."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 180

PRELUDE = f"""
import os, pickle, sys
sys.path.insert(0, {str(TESTS)!r})
import multiprocessing as mp
import fork_jobs
"""


def run_isolated(script: str) -> str:
    """Runs `script` in a new interpreter and process group; kills the group and fails
    after the timeout. Returns its standard output."""
    with subprocess.Popen(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"hung for {TIMEOUT_SECONDS} s (killed)")
        assert process.returncode == 0, err
        return out


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
@pytest.mark.parametrize("parent_first", [True, False], ids=["parent-used-pool", "fresh-parent"])
def test_pool_workers_agree_with_the_parent(method: str, parent_first: bool) -> None:
    out = run_isolated(
        f"""
        if __name__ == "__main__":
            expected = fork_jobs.run_all() if {parent_first} else None
            with mp.get_context({method!r}).Pool(2) as pool:
                got = pool.map(fork_jobs.run, fork_jobs.NAMES * 2)
            expected = expected or fork_jobs.run_all()
            assert got == [expected[n] for n in fork_jobs.NAMES * 2]
            # the parent still runs in parallel after its children
            assert fork_jobs.run_all() == expected
            print("ok")
        """
    )
    assert out.strip() == "ok"


def test_the_issue_example_returns() -> None:
    out = run_isolated(
        """
        import numpy as np, edgecore as ec

        odds = np.tile([2.2, 3.5, 3.4], (10000, 1))
        ec.devig_batch(odds, method="shin")

        def work(i):
            return float(ec.devig_batch(odds, method="shin").sum())

        with mp.get_context("fork").Pool(2) as p:
            sums = p.map(work, range(4))
        assert sums == [work(0)] * 4
        print("ok")
        """
    )
    assert out.strip() == "ok"


def test_raw_fork_children_and_grandchildren_agree() -> None:
    out = run_isolated(
        """
        def child_result(make):
            # forks, runs `make` in the child and returns what it sent back through a pipe
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read)
                code = 1
                try:
                    with os.fdopen(write, "wb") as pipe:
                        pickle.dump(make(), pipe)
                    code = 0
                finally:
                    os._exit(code)
            os.close(write)
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
            return pickle.loads(data)

        expected = fork_jobs.run_all()
        assert child_result(fork_jobs.run_all) == expected
        # a child that uses its own pool, then forks a grandchild that uses its own
        def child_then_grandchild():
            mine = fork_jobs.run_all()
            return mine, child_result(fork_jobs.run_all)
        assert child_result(child_then_grandchild) == (expected, expected)
        assert fork_jobs.run_all() == expected
        print("ok")
        """
    )
    assert out.strip() == "ok"
