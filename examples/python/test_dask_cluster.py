"""The Dask example on a two-worker LocalCluster (small sizes, under a timeout): the
subscriber scores and the backtest grid are identical to the single-process run, and a task
given bad input raises on the client the same EdgecoreError subclass and message as a local
call."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import numpy as np
import pytest
from dask.distributed import Client, LocalCluster

import edgecore as ec

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dask_cluster as example  # noqa: E402

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, Client(cluster) as c:
        yield c


def test_partitioned_scores_equal_the_single_process_run(client: Client) -> None:
    scores, counts = example.scores_dask(client, 6_000, 1_500)
    local_scores, local_counts = example.scores_local(6_000, 1_500)
    assert np.array_equal(scores, local_scores) and np.array_equal(counts, local_counts)
    assert counts.sum() == 6_000 and 0 < counts[2:].sum() < 6_000  # some high-risk users


def test_backtest_grid_equals_the_single_process_run(client: Client) -> None:
    configs = example.grid(min_edges=(0.01, 0.04), fractions=(0.25,), methods=("multiplicative", "shin"))
    remote = example.grid_dask(client, configs, events=16)
    local = example.grid_local(configs, events=16)
    assert remote == local and len(remote) == 4
    assert any(run.runs[0].bets for run in local), "the grid must place bets"
    assert len({repr(run) for run in local}) > 1, "the parameters must change the backtest"


def test_a_bad_task_raises_the_local_error_on_the_client(client: Client) -> None:
    bad: dict[str, Any] = {"id": "s1", "signup": "2024-01-01", "payments": [{"date": "2024-02-01"}]}
    with pytest.raises(ec.InvalidRecordError) as local:
        ec.risk_score(bad, example.AS_OF)
    with pytest.raises(ec.InvalidRecordError) as remote:
        client.submit(ec.risk_score, bad, example.AS_OF).result()
    assert type(remote.value) is type(local.value) and str(remote.value) == str(local.value)
    with pytest.raises(ec.InvalidOddsError):
        client.submit(ec.devig, [1.0, 2.0]).result()
