"""edgecore on Dask (``pip install edgecore[dask]``): the same code on a laptop's worker
processes (a ``LocalCluster``) or on a real cluster (``Client("tcp://scheduler:8786")``).
(Not named ``distributed.py``: that would shadow Dask's own ``distributed`` package.)

Two workloads:

- the risk scores of a large subscriber table, split into partitions (ranges of subscriber
  ids; each worker reads, here generates, its own rows, scores them with
  ``risk_score_batch`` and sends back only the scores and the level counts);
- a backtest parameter grid (minimum edge x Kelly fraction x de-vig method) on one seeded
  season: the season's ``History`` is sent to every worker once, then one task per
  combination runs ``backtest`` and returns its ``Backtest`` (results pickle).

Each has a single-process twin (``scores_local``, ``grid_local``) giving identical results;
``test_dask_cluster.py`` checks that on small sizes, and ``python dask_cluster.py --bench``
measures the speed-up and the per-task overhead (figures in the README).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import time
from typing import Any, Iterable

import numpy as np

import edgecore as ec

AS_OF = dt.date(2025, 6, 30)
PLANS = [("basic", "4.99"), ("standard", "9.99"), ("premium", "19.99")]
LEVELS = ["low", "medium", "high", "critical"]


def subscribers(start: int, stop: int, seed: int = 1) -> list[dict[str, Any]]:
    """The partition `start..stop` of a synthetic subscriber table (the same rows for the
    same partition and seed, wherever it is made): signup, one subscription, six monthly
    payments."""
    rng = np.random.default_rng([seed, start])
    n = stop - start
    signups = [(AS_OF - dt.timedelta(days=int(d))).isoformat() for d in range(901)]
    age = rng.integers(20, 900, n).tolist()
    plan = rng.integers(0, len(PLANS), n).tolist()
    fails = (rng.random((n, 6)) < np.where(rng.random(n) < 0.2, 0.5, 0.04)[:, None]).tolist()
    days = [(AS_OF - dt.timedelta(days=30 * (6 - m))).isoformat() for m in range(6)]
    rows = []
    for i in range(n):
        name, amount = PLANS[plan[i]]
        rows.append(
            {
                "id": f"s{start + i}",
                "signup": signups[age[i]],
                "subscriptions": [{"plan": name, "monthly_amount": amount, "start": days[0], "end": None}],
                "payments": [
                    {"date": day, "amount": amount, "succeeded": not failed} for day, failed in zip(days, fails[i])
                ],
            }
        )
    return rows


def score_partition(start: int, stop: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """One partition's risk scores (float64, in id order) and its count per level."""
    scores = ec.risk_score_batch(subscribers(start, stop, seed), AS_OF)
    values = np.fromiter((s.score for s in scores), float, len(scores))
    counts = np.array([sum(1 for s in scores if s.level == level) for level in LEVELS])
    return values, counts


def partitions(total: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def scores_local(total: int, size: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Every partition scored in this process, one after the other."""
    parts = [score_partition(a, b, seed) for a, b in partitions(total, size)]
    return np.concatenate([p[0] for p in parts]), sum(p[1] for p in parts)


def scores_dask(client: Any, total: int, size: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Every partition scored on the cluster, one task each, gathered in id order."""
    futures = [client.submit(score_partition, a, b, seed, pure=False) for a, b in partitions(total, size)]
    parts = client.gather(futures)
    return np.concatenate([p[0] for p in parts]), sum(p[1] for p in parts)


def season(seed: int = 7, events: int = 40) -> tuple[ec.History, list[ec.Event], list[ec.ResultRecord]]:
    """One seeded season: its price history, events and results."""
    generated = ec.generate({"seed": seed, "events": events, "bookmakers": 6, "anomalies": 6, "steam_moves": 4})
    return ec.History(generated.snapshots), generated.events, generated.results


def grid(
    min_edges: Iterable[float] = (0.01, 0.02, 0.04),
    fractions: Iterable[float] = (0.1, 0.25, 0.5),
    methods: Iterable[str] = ("multiplicative", "shin", "power"),
) -> list[dict[str, Any]]:
    """Backtest configurations: Kelly staking, every minimum edge x Kelly fraction x de-vig
    method."""
    return [
        {
            "staking": "kelly",
            "kelly": {**ec.KellyPolicy().to_dict(), "fraction": fraction, "min_edge": edge},
            "anomaly": {**ec.AnomalyConfig().to_dict(), "method": method, "min_edge": edge},
            "spread": {**ec.SpreadConfig().to_dict(), "method": method, "min_edge": edge},
            "movement": {**ec.MovementConfig().to_dict(), "method": method, "min_edge": edge},
        }
        for edge, fraction, method in itertools.product(min_edges, fractions, methods)
    ]


def run_backtest(history: ec.History, events: list[Any], results: list[Any], config: dict[str, Any]) -> ec.Backtest:
    return ec.backtest(history, events, results, config)


def grid_local(configs: list[dict[str, Any]], seed: int = 7, events: int = 40) -> list[ec.Backtest]:
    history, evs, res = season(seed, events)
    return [run_backtest(history, evs, res, c) for c in configs]


def grid_dask(client: Any, configs: list[dict[str, Any]], seed: int = 7, events: int = 40) -> list[ec.Backtest]:
    """One task per configuration; the season goes to every worker once."""
    history, evs, res = season(seed, events)
    shared = client.scatter([history, evs, res], broadcast=True)
    return client.gather([client.submit(run_backtest, *shared, c, pure=False) for c in configs])


def bench(total: int, size: int, workers: int, tasks: int) -> dict[str, Any]:
    """Wall times of the subscriber scores on one process and on a LocalCluster of
    `workers` single-threaded worker processes (one rayon pool each), and the cluster's
    per-task overhead: `tasks` trivial tasks, submitted then gathered."""
    from dask.distributed import Client, LocalCluster

    figures: dict[str, Any] = {"subscribers": total, "partition": size, "workers": workers}
    t = time.perf_counter()
    local = scores_local(total, size)
    figures["one_process_s"] = round(time.perf_counter() - t, 2)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster, Client(cluster) as client:
        client.gather(client.map(ec.clv, [2.0] * workers, [1.9] * workers, pure=False))  # workers warm
        t = time.perf_counter()
        remote = scores_dask(client, total, size)
        figures["cluster_s"] = round(time.perf_counter() - t, 2)
        assert np.array_equal(local[0], remote[0]) and np.array_equal(local[1], remote[1])
        t = time.perf_counter()
        client.gather(client.map(ec.clv, [2.0] * tasks, [1.9] * tasks, pure=False))
        figures["per_task_ms"] = round(1000 * (time.perf_counter() - t) / tasks, 3)
    t = time.perf_counter()
    for _ in range(tasks):
        ec.clv(2.0, 1.9)
    figures["local_call_us"] = round(1e6 * (time.perf_counter() - t) / tasks, 3)
    figures["speed_up"] = round(figures["one_process_s"] / figures["cluster_s"], 2)
    figures["levels"] = dict(zip(LEVELS, local[1].tolist()))
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", action="store_true", help="measure (else: a small demo)")
    parser.add_argument("--subscribers", type=int, default=10_000_000)
    parser.add_argument("--partition", type=int, default=250_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=2_000)
    args = parser.parse_args()
    if args.bench:
        print(json.dumps(bench(args.subscribers, args.partition, args.workers, args.tasks), indent=2))
    else:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
            scores, counts = scores_dask(client, 20_000, 5_000)
            print("levels:", dict(zip(LEVELS, counts.tolist())), "mean score:", round(float(scores.mean()), 4))
            runs = grid_dask(client, grid())
            best = max(zip(grid(), runs), key=lambda pair: pair[1].runs[-1].performance.profit)
            print("best configuration's consensus profit:", best[1].runs[-1].performance.profit)
