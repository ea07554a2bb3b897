"""Hostile input: what used to crash the interpreter or slip through unchecked.

Each scenario that could crash runs in a child process (under a time limit), so a segfault,
an abort or a hang fails the test instead of ending the test run. The others check that a
bad value gives an ``EdgecoreError`` subclass whose message matches the cause.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

import edgecore as ec
from test_errors import bet

UTC = dt.timezone.utc
PARIS = dt.timezone(dt.timedelta(hours=2))


def run_child(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Runs `code` in a fresh interpreter; a crash shows as a negative return code."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )


# --- records that contain themselves or nest without end --------------------------------

CYCLES = """
    import threading, edgecore as ec

    def nested(depth):
        value = 1
        for _ in range(depth):
            value = [value]
        return value

    class ToDictSelf:
        def to_dict(self):
            return self

    class ToDictNew:
        def to_dict(self):
            return {"id": self}

    class IterSelf:
        def __iter__(self):
            yield self

    class Mapping(dict):
        pass

    def cases():
        d = {"id": 1}
        d["id"] = d
        m = Mapping(id=1)
        m["id"] = m
        mm = Mapping(id="b1", odds=Mapping())
        mm["odds"]["x"] = mm
        lst = [1]
        lst.append(lst)
        deep, deep_bets = nested(10_000), [nested(10_000)]
        return [
            ("dict", lambda: ec.Bet(d), "id"),
            ("keywords", lambda: ec.Bet(id=d), "id"),
            ("mapping subclass", lambda: ec.Bet(m), "id"),
            ("nested mapping subclass", lambda: ec.Bet(mm), "odds.x"),
            ("list", lambda: ec.Bet(id=lst), "id[1]"),
            ("deep list", lambda: ec.settle(deep, (1, 0)), "[0]"),
            ("deep list in a list of bets", lambda: ec.settle_batch(deep_bets, [(1, 0)]), "bets[0][0]"),
            ("deep field", lambda: ec.Bet(id=deep), "id[0]"),
            ("to_dict returning itself", lambda: ec.Bet(ToDictSelf()), None),
            ("to_dict nesting itself", lambda: ec.Bet(ToDictNew()), "id"),
            ("iterable yielding itself", lambda: ec.Bet(id=IterSelf()), "id[0]"),
            ("config", lambda: ec.generate({"events": d}), "events"),
        ]

    def main(calls):
        for name, call, field in calls:
            try:
                call()
            except ec.InvalidRecordError as e:
                assert field is None or f": {field}" in str(e), (name, str(e))
            else:
                raise AssertionError(f"{name}: accepted")
        print("ok")

    # The values are made (and freed) on the main thread: CPython 3.13 itself overflows a
    # 256 KiB stack when it frees a list nested 10,000 deep.
    calls = cases()
    threading.stack_size(256 * 1024)
    failure = []
    def guarded():
        try:
            main(calls)
        except BaseException as e:
            failure.append(repr(e))
    worker = threading.Thread(target=guarded)
    worker.start()
    worker.join()
    assert not failure, failure
    main(cases())
"""


def test_self_referencing_and_deep_records_raise_in_a_small_stack() -> None:
    out = run_child(CYCLES)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.split() == ["ok", "ok"]


def test_record_reader_names_the_field_and_the_depth() -> None:
    d: dict[str, Any] = {"id": 1}
    d["id"] = d
    with pytest.raises(ec.InvalidRecordError, match=r"^invalid bet: id: contains itself"):
        ec.Bet(d)
    deep: Any = 1
    for _ in range(40):
        deep = {"x": deep}
    with pytest.raises(ec.InvalidRecordError, match="nested more than 32 levels"):
        ec.Bet(bet(id=deep))
    # the same value twice (not a cycle) is fine
    shared = Decimal("2.5")
    assert ec.Bet(bet(odds=shared, stake=shared)).stake == shared



def test_a_mapping_resized_while_it_is_read_is_read_as_it_was() -> None:
    """Reading a field may run the caller's code (`__float__`), which may add keys to the
    record or to a results mapping: the reader works on the items it took first."""
    record: dict[str, Any] = bet()

    class Grows:
        def __init__(self, target: dict[str, Any], value: float) -> None:
            self.target, self.value = target, value

        def __float__(self) -> float:
            self.target.update({f"extra{i}": i for i in range(100)})
            return self.value

    record["stake"] = Grows(record, 10.0)
    try:
        ec.Bet(record)
    except ec.EdgecoreError:
        pass  # a typed refusal is fine; a panic (PanicException) is not
    results: dict[str, Any] = {}
    results["e1"] = {"status": "final", "home": Grows(results, 1.0), "away": 0}
    try:
        ec.settle_by_event([bet(event_id="e1")], results)
    except ec.EdgecoreError:
        pass

# --- progress at interpreter exit ----------------------------------------------------------

EXIT_DURING_PROGRESS = """
    import datetime, threading, time, edgecore as ec
    subscribers = ec.SubscriberBatch([{"id": f"s{i}", "signup": "2024-01-01"} for i in range(300_000)])
    started = threading.Event()
    def report(done, total):
        started.set()
    def work():
        started.set()
        ec.risk_score_batch(subscribers, datetime.date(2024, 6, 1), progress=PROGRESS)
    threading.Thread(target=work, daemon=True).start()
    started.wait(10)
    time.sleep(DELAY)
"""


@pytest.mark.parametrize("progress", ["report", "True"])
def test_exit_while_a_daemon_thread_reports_progress(progress: str) -> None:
    for run in range(12):
        code = EXIT_DURING_PROGRESS.replace("PROGRESS", progress).replace("DELAY", str(run * 0.004))
        out = run_child(code, timeout=60)
        assert out.returncode == 0, (run, out.returncode, out.stderr[-2000:])
        assert "Fatal" not in out.stderr and "panic" not in out.stderr, out.stderr[-2000:]


# --- a thread writing NaN into an input array during the call ----------------------------


@pytest.mark.parametrize("function", ["clv", "clv_batch", "kelly_fraction"])
def test_nan_written_during_a_call_never_comes_out(function: str) -> None:
    n = 200_000
    taken = np.full(n, 2.05)
    close = np.full(n, 1.94)
    stop = threading.Event()

    def vandal() -> None:
        while not stop.is_set():
            taken[::997] = np.nan
            taken[::997] = 2.05

    writer = threading.Thread(target=vandal)
    writer.start()
    try:
        outcomes = {"finite": 0, "error": 0}
        for _ in range(150):
            try:
                if function == "kelly_fraction":
                    out = ec.kelly_fraction(taken, 0.5)
                else:
                    out = getattr(ec, function)(taken, close)
            except ec.EdgecoreError:
                outcomes["error"] += 1
            else:
                assert np.isfinite(out).all(), "NaN or infinity out"
                outcomes["finite"] += 1
    finally:
        stop.set()
        writer.join()
    assert sum(outcomes.values()) == 150


# --- integers out of range -------------------------------------------------------------


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: ec.effective_rate(0.05, -4), "periods"),
        (lambda: ec.nominal_rate(0.05, 2**40), "periods"),
        (lambda: ec.devig_batch([2.0, 2.0], width=-1), "width"),
        (lambda: ec.devig_batch([2.0, 2.0], width=2**70), "width"),
        (lambda: ec.EventResult.final(-1, 0), "home"),
        (lambda: ec.EventResult.final(0, 10**5000), "away"),
        (lambda: ec.clv_fair(2.0, [1.9, 1.9], -1), "outcome"),
        (lambda: ec.cumipmt(0.01, -12, 1000, 1, 2), "nper"),
        (lambda: ec.project_contributions("100", 5.0, -1), "years"),
        (lambda: ec.allocate_largest_remainder("10", ["1"], dp=-2), "dp"),
        (lambda: ec.mrr_movement([], 2**31, 1), "year"),
        (lambda: ec.amortization_schedule(1000, 5, -12, dt.date(2024, 1, 1)), "months"),
    ],
)
def test_integers_out_of_range_raise_invalid_parameter(call: Any, name: str) -> None:
    with pytest.raises(ec.InvalidParameterError, match=name):
        call()


def test_huge_integers_in_records_are_exact_or_refused() -> None:
    assert ec.Bet(bet(stake=2**70)).stake == Decimal(2**70)
    for stake in (2**100, 10**5000):
        with pytest.raises(ec.InvalidRecordError):
            ec.Bet(bet(stake=stake))
    with pytest.raises(ec.InvalidRecordError, match="beyond the range"):
        ec.round_cents(10**5000)


def test_wrong_python_types_stay_type_errors() -> None:
    with pytest.raises(TypeError):
        ec.effective_rate(0.05, 4.5)
    with pytest.raises(TypeError):
        ec.clv_tier("high")


# --- dates beyond Python's calendar ------------------------------------------------------


def test_dates_beyond_python_are_refused_at_the_call() -> None:
    with pytest.raises(ec.InvalidParameterError, match="1 to 9999"):
        ec.amortization_schedule(1000, 5, 12, dt.date(9999, 12, 31))
    with pytest.raises(ec.InvalidParameterError, match="1 to 9999"):
        ec.amortization_schedule_columns(1000, 5, 12, dt.date(9999, 12, 31))
    assert ec.amortization_schedule(1000, 5, 12, dt.date(9998, 12, 31)).end_date == dt.date(9999, 11, 30)
    with pytest.raises(ec.InvalidParameterError, match="1 to 9999"):
        ec.window_start("30d", dt.date(1, 1, 1))
    assert ec.window_start("7d", dt.date(1, 1, 7)) == dt.date(1, 1, 1)


# --- instants in any zone --------------------------------------------------------------


def snapshots() -> list[dict[str, Any]]:
    return [
        {
            "captured_at": dt.datetime(2025, 3, 1, 14, tzinfo=UTC),
            "event_id": "e1",
            "bookmaker": "pinnacle",
            "market": "h2h",
            "line": None,
            "selection": selection,
            "price": Decimal(price),
        }
        for selection, price in [("home", "2.1"), ("draw", "3.4"), ("away", "3.6")]
    ]


def test_aware_datetimes_in_any_zone_are_taken_to_utc_everywhere() -> None:
    utc_kickoff = dt.datetime(2025, 3, 1, 15, tzinfo=UTC)
    paris_kickoff = utc_kickoff.astimezone(PARIS)
    naive_kickoff = utc_kickoff.replace(tzinfo=None)
    for kickoff in (paris_kickoff, naive_kickoff, "2025-03-01T17:00:00+02:00"):
        assert ec.closing_line(snapshots(), "e1", kickoff, "pinnacle", "h2h", None, "home") == ec.closing_line(
            snapshots(), "e1", utc_kickoff, "pinnacle", "h2h", None, "home"
        )
        market = ec.closing_market(snapshots(), "e1", kickoff, "pinnacle", "h2h", None, ["home", "draw", "away"])
        assert market.odds == [2.1, 3.4, 3.6]
    board = ec.Board(snapshots(), paris_kickoff)
    assert board.as_of == utc_kickoff
    board.advance(dt.datetime(2025, 3, 1, 18, tzinfo=PARIS))
    assert board.as_of == dt.datetime(2025, 3, 1, 16, tzinfo=UTC)
    with pytest.raises(ec.InvalidParameterError):
        board.advance(paris_kickoff)  # before the board's instant
    for bad in ("not a date", 12, None):
        with pytest.raises(ec.InvalidRecordError):
            ec.Board(snapshots(), bad)
        with pytest.raises(ec.InvalidRecordError):
            ec.closing_line(snapshots(), "e1", bad, "pinnacle", "h2h", None, "home")


# --- configuration keys and messages ---------------------------------------------------


def test_unknown_configuration_keys_are_refused() -> None:
    with pytest.raises(ec.InvalidRecordError, match="evnets"):
        ec.generate({"evnets": 2})
    with pytest.raises(ec.InvalidRecordError, match="fraction_typo"):
        ec.kelly_stake(1000, 2.1, 0.52, {"fraction_typo": 0.5})
    with pytest.raises(ec.InvalidRecordError):
        ec.BoardConfig(max_agee=3)
    assert len(ec.generate({"events": 2, "bookmakers": 2}).events) == 2


def test_messages_match_the_cause() -> None:
    with pytest.raises(ec.InvalidParameterError, match=r"clv = Decimal\('sNaN'\).*signaling NaN"):
        ec.clv_tier(Decimal("sNaN"))
    with pytest.raises(ec.InvalidParameterError, match="float value"):
        ec.kelly_stake(1000, 10**400, 0.5)
    with pytest.raises(ec.InvalidRecordError, match="more decimal places"):
        ec.round_cents(Decimal("1e-30"))
    with pytest.raises(ec.InvalidRecordError, match="beyond the range"):
        ec.round_cents(Decimal("1e30"))
    for value in (Decimal("sNaN"), Decimal("NaN"), Decimal("-Infinity"), float("nan"), "abc"):
        with pytest.raises(ec.InvalidRecordError, match="finite decimal number"):
            ec.round_cents(value)
    assert ec.clv_tier(Decimal("0.02")) == "very_good"


SURROGATE = "a\ud800b"


def _is_text(annotation: str) -> bool:
    return "str" in annotation or "Literal[" in annotation


def test_every_string_parameter_refuses_a_lone_surrogate_with_a_typed_error() -> None:
    """Every parameter typed as text in the stubs, given a str with a lone surrogate (which
    UTF-8 cannot hold): an EdgecoreError subclass (or TypeError from another argument),
    never a bare UnicodeEncodeError. Every other argument holds the same str, so the first
    text parameter read is reached whatever the others are."""
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
    from targets import stub_targets
    from values import sample_object

    refused: list[str] = []
    bare: list[str] = []
    for target in stub_targets():
        for p in target.params:
            if p.name == "**" or not _is_text(p.annotation):
                continue
            receiver: Any = None
            if target.kind == "function":
                receiver = getattr(ec, target.name)
            elif target.kind == "new":
                receiver = getattr(ec, target.owner or "")
            elif target.kind == "static":
                receiver = getattr(getattr(ec, target.owner or ""), target.name)
            elif target.kind == "method":
                receiver = getattr(sample_object(target.owner or ""), target.name, None)
            if receiver is None:
                continue
            positional = [SURROGATE for q in target.params if not q.keyword_only and q.name != "**"]
            keywords = {q.name: SURROGATE for q in target.params if q.keyword_only and q.name != "**"}
            try:
                receiver(*positional, **keywords)
            except ec.EdgecoreError as e:
                if isinstance(e, ec.InvalidParameterError) and "lone surrogate" in str(e):
                    refused.append(f"{target.label}({p.name})")
            except TypeError:
                pass
            except UnicodeError as e:
                bare.append(f"{target.label}: {type(e).__name__}: {e}")
    assert not bare, bare
    assert len(refused) >= 25, refused


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda s: ec.devig([2.0, 2.0], method=s), "method"),
        (lambda s: ec.outcome_is_win(s), "outcome"),
        (lambda s: ec.market_accepts("moneyline", s), "selection"),
        (lambda s: ec.is_high_risk(s), "level"),
        (lambda s: ec.year_fraction(dt.date(2024, 1, 1), dt.date(2025, 1, 1), s), "day_count"),
        (lambda s: ec.closing_line([], s, dt.datetime(2024, 1, 1, tzinfo=UTC), "b", "moneyline", None, "home"), "event_id"),
    ],
)
def test_a_lone_surrogate_names_its_parameter(call: Any, parameter: str) -> None:
    with pytest.raises(ec.InvalidParameterError, match="lone surrogate") as info:
        call(SURROGATE)
    assert any(parameter in note for note in getattr(info.value, "__notes__", [])), info.value
