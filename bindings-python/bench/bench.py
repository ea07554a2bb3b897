"""Benchmarks of the Python package against the libraries in use today, on the same inputs
in one run: shin and penaltyblog (de-vig), numpy-financial (pmt, fv, ipmt), pyxirr (xirr),
and the Rust core itself (risk scoring). Run by `make bench-python`, which installs those
libraries into the virtual environment first; each comparison is skipped, with a note, when
its library is missing. Times are the best of several runs (wall clock, 2-core machine).

Environment: EDGECORE_BENCH_REFERENCE_MARKETS (default 2000) sets how many markets the
per-market libraries de-vig; their per-market cost is scaled to 100,000 markets.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
import subprocess
import time
import timeit
from pathlib import Path
from typing import Any, Callable

import numpy as np

import edgecore as ec

ROOT = Path(__file__).resolve().parents[2]
MARKETS = 100_000
REFERENCE_MARKETS = int(os.environ.get("EDGECORE_BENCH_REFERENCE_MARKETS", "2000"))
ROWS: list[tuple[str, str, str]] = []


def best(fn: Callable[[], Any], repeat: int = 5, number: int = 1) -> float:
    """Best wall time of one call, in seconds."""
    return min(timeit.repeat(fn, repeat=repeat, number=number)) / number


def duration(seconds: float) -> str:
    """A time in ms, or in us below 0.1 ms."""
    return f"{seconds * 1e6:,.2f} us" if seconds < 1e-4 else f"{seconds * 1e3:,.3f} ms"


def show(what: str, ours: float, theirs: float | None, library: str) -> None:
    ratio = f"{theirs / ours:,.1f}x faster" if theirs else "n/a"
    other = duration(theirs) if theirs else "not installed"
    ROWS.append((what, duration(ours), f"{library}: {other} ({ratio})"))
    print(f"{what:<58} edgecore {duration(ours):>12} | {library} {other} -> {ratio}", flush=True)


def optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def three_way_markets(n: int) -> np.ndarray:
    """Deterministic 1X2 markets with 2% to 8% margins."""
    rng = np.random.default_rng(2024)
    p = rng.dirichlet([4.0, 2.5, 3.0], size=n)
    margin = 1.0 + rng.uniform(0.02, 0.08, size=(n, 1))
    return np.round(1.0 / (p * margin), 2).clip(1.01, None)


def bench_devig() -> None:
    odds = three_way_markets(MARKETS)
    ours = best(lambda: ec.devig_batch(odds, method="shin"))
    ref = odds[:REFERENCE_MARKETS].tolist()
    shin = optional("shin")
    shin_total = None
    if shin is not None:
        per = best(lambda: [shin.calculate_implied_probabilities(m) for m in ref], repeat=3) / len(ref)
        shin_total = per * MARKETS
    show("devig_batch shin, 100,000 three-way markets", ours, shin_total, "shin per market")
    implied = optional("penaltyblog.implied")
    pb_total = None
    if implied is not None:
        call = getattr(implied, "calculate_implied", None)
        run = (lambda m: call(m, method="shin")) if call else (lambda m: implied.shin(m))
        per = best(lambda: [run(m) for m in ref[:500]], repeat=3) / min(500, len(ref))
        pb_total = per * MARKETS
    show("devig_batch shin, 100,000 three-way markets", ours, pb_total, "penaltyblog per market")
    market = [2.10, 3.40, 3.60]
    n = 200_000
    per_call = min(timeit.repeat(lambda: ec.devig(market, method="shin"), repeat=5, number=n)) / n
    mult = min(timeit.repeat(lambda: ec.devig(market), repeat=5, number=n)) / n
    print(f"{'one devig call (3 prices)':<58} shin {per_call * 1e6:.2f} us, multiplicative {mult * 1e6:.2f} us")
    ROWS.append(("one devig call, 3 prices", f"shin {per_call * 1e6:.2f} us", f"multiplicative {mult * 1e6:.2f} us"))


def bench_tvm() -> None:
    npf = optional("numpy_financial")
    n = 1_000_000
    rng = np.random.default_rng(7)
    rate = rng.uniform(0.001, 0.01, n)
    nper = rng.integers(12, 360, n).astype(np.float64)
    pv = rng.uniform(1e4, 5e5, n)
    per = np.ceil(nper / 2)
    cases = [
        ("pmt over 1M-element arrays", lambda: ec.pmt(rate, nper, pv), (lambda: npf.pmt(rate, nper, pv)) if npf else None),
        ("fv over 1M-element arrays", lambda: ec.fv(rate, nper, -1000.0, pv), (lambda: npf.fv(rate, nper, -1000.0, pv)) if npf else None),
        ("ipmt over 1M-element arrays", lambda: ec.ipmt(rate, per, nper, pv), (lambda: npf.ipmt(rate, per, nper, pv)) if npf else None),
    ]
    for what, ours, theirs in cases:
        show(what, best(ours), best(theirs) if theirs else None, "numpy-financial")
    if npf:
        assert np.allclose(ec.pmt(rate, nper, pv), npf.pmt(rate, nper, pv), rtol=1e-10)
        assert np.allclose(ec.ipmt(rate, per, nper, pv), npf.ipmt(rate, per, nper, pv), rtol=1e-8)


def bench_xirr() -> None:
    pyxirr = optional("pyxirr")
    for flows in (50, 1_000):
        rng = np.random.default_rng(flows)
        start = dt.date(2015, 1, 1)
        dates = [start + dt.timedelta(days=int(d)) for d in np.sort(rng.integers(0, 3650, flows))]
        amounts = rng.uniform(100, 1000, flows)
        amounts[0] = -amounts[1:].sum() * 0.8
        amount_list = amounts.tolist()
        number = 2_000 if flows == 50 else 200
        ours = best(lambda: ec.xirr(dates, amount_list), number=number)
        theirs = best(lambda: pyxirr.xirr(dates, amount_list), number=number) if pyxirr else None
        if pyxirr:
            assert abs(ec.xirr(dates, amount_list) - pyxirr.xirr(dates, amount_list)) < 1e-9
        show(f"xirr, {flows} dated flows (lists of dates and floats)", ours, theirs, "pyxirr")


def population(n: int) -> list[dict[str, Any]]:
    """The population of benches/risk.rs: twelve monthly payments, about one in eight failed,
    a third of the subscribers downgraded, signups over two years (same xorshift stream)."""
    state = 0x2545_F491_4F6C_DD1D
    mask = (1 << 64) - 1

    def nxt() -> int:
        nonlocal state
        state ^= (state << 13) & mask
        state ^= state >> 7
        state ^= (state << 17) & mask
        return state

    first = dt.date(2023, 7, 1)
    months = [dt.date(first.year + (first.month - 1 + m) // 12, (first.month - 1 + m) % 12 + 1, 1) for m in range(12)]
    out = []
    for i in range(n):
        r = nxt()
        signup = dt.date(2022, 6, 1) + dt.timedelta(days=r % 730)
        price = f"{(499 + (r >> 12) % 2500) / 100:.2f}"
        subs = [{"plan": "standard", "monthly_amount": price, "start": signup, "end": None}]
        if r % 3 == 0:
            subs.append({"plan": "lite", "monthly_amount": "4.99", "start": dt.date(2024, 3, 1), "end": None})
        payments = [{"date": d, "amount": price, "succeeded": nxt() % 8 != 0} for d in months]
        out.append({"id": f"sub-{i}", "signup": signup, "subscriptions": subs, "payments": payments})
    return out


def rust_risk_seconds_per_subscriber() -> float | None:
    """The criterion figure of benches/risk.rs (one million subscribers), per subscriber."""
    try:
        out = subprocess.run(
            ["cargo", "bench", "-p", "edgecore-suite", "--bench", "risk", "--", "risk_score_batch", "--quick"],
            cwd=ROOT, capture_output=True, text=True, timeout=1800,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"risk_score_batch/\S+\s+time:\s+\[\S+ \S+ (\S+) (\w+)", out)
    if not match:
        return None
    scale = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "us": 1e-6, "ns": 1e-9}[match.group(2)]
    return float(match.group(1)) * scale / 1_000_000


def bench_risk() -> None:
    n = 100_000
    as_of = dt.date(2024, 6, 30)
    dicts = population(n)
    t0 = time.perf_counter()
    batch = ec.SubscriberBatch(dicts)
    convert_batch = time.perf_counter() - t0
    t0 = time.perf_counter()
    objects = [ec.Subscriber(d) for d in dicts]
    convert_objects = time.perf_counter() - t0
    from_batch = best(lambda: ec.risk_score_batch(batch, as_of), repeat=5)
    from_objects = best(lambda: ec.risk_score_batch(objects, as_of), repeat=5)
    from_dicts = best(lambda: ec.risk_score_batch(dicts, as_of), repeat=1)
    rust = rust_risk_seconds_per_subscriber()
    rust_total = rust * n if rust else None

    def versus(t: float) -> str:
        return f"{t / rust_total:.2f}x the Rust time" if rust_total else "Rust figure unavailable"

    rust_text = f"{rust_total * 1e3:,.1f} ms" if rust_total else "n/a"
    print(f"risk_score_batch, {n:,} subscribers x 12 payments (Rust core, benches/risk.rs per subscriber x {n:,}: {rust_text})")
    for what, t in [
        ("SubscriberBatch (converted once), scores out as RiskScore objects", from_batch),
        ("list of Subscriber objects (copied on the Rust side per call)", from_objects),
        ("list of dicts (read field by field per call)", from_dicts),
    ]:
        print(f"  {what:<66} {t * 1e3:>9,.1f} ms  {versus(t)}")
        ROWS.append((f"risk_score_batch 100k: {what}", f"{t * 1e3:,.1f} ms", versus(t)))
    print(f"  one-off conversions: SubscriberBatch(dicts) {convert_batch * 1e3:,.0f} ms, "
          f"[Subscriber(d) for d in dicts] {convert_objects * 1e3:,.0f} ms")


if __name__ == "__main__":
    print(f"edgecore {ec.__version__}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    bench_devig()
    bench_tvm()
    bench_xirr()
    bench_risk()
