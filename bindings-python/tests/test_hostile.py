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
            ("deep list", lambda: ec.settle(deep, (1, 0)), "bet[0]"),
            ("deep list in a list of bets", lambda: ec.settle_batch(deep_bets, [(1, 0)]), "bets[0][0]"),
            ("deep field", lambda: ec.Bet(id=deep), "id[0]"),
            ("to_dict returning itself", lambda: ec.Bet(ToDictSelf()), None),
            ("to_dict nesting itself", lambda: ec.Bet(ToDictNew()), "id"),
            ("iterable yielding itself", lambda: ec.Bet(id=IterSelf()), "id[0]"),
            ("config", lambda: ec.generate({"events": d}), "config.events"),
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

# --- calls on a daemon thread at interpreter exit -------------------------------------------

# A daemon thread is inside a call that runs Python code (a progress report from the core's
# worker threads, a caller's `__float__`, `__index__`, `to_dict()`, mapping or iterator read
# by the package) or that takes the GIL back after its detached work, while the main thread
# returns and the interpreter shuts down. SLOW(...) keeps the caller's code running (and
# switching threads) across the exit.
EXIT_DURING_CALL = """
    import datetime, decimal, threading, time, edgecore as ec
    import numpy as np
    from collections.abc import Mapping, Sequence
    started = threading.Event()
    def slow(value):
        started.set()
        end = time.monotonic() + 3
        while time.monotonic() < end:
            pass
        return value
    class Float:
        def __float__(self):
            return slow(2.0)
    class Index:
        def __index__(self):
            return slow(4)
    class Record:
        def to_dict(self):
            return slow({"id": "s1", "signup": "2024-01-01"})
    class Fields(Mapping):
        def __getitem__(self, key):
            return slow({"id": "s1", "signup": "2024-01-01"})[key]
        def __iter__(self):
            return iter(["id", "signup"])
        def __len__(self):
            return 2
    def records():
        yield slow({"id": "s1", "signup": "2024-01-01"})
    class Selections(Sequence):
        def __getitem__(self, i):
            if i > 0:
                raise IndexError(i)
            return slow("home")
        def __len__(self):
            return 1
    class Attributes:
        def __getattr__(self, name):
            slow(None)
            raise AttributeError(name)
    class Zone(datetime.tzinfo):
        def utcoffset(self, dt):
            return slow(datetime.timedelta(0))
    class ClassLie:
        @property
        def __class__(self):
            return slow(ClassLie)
    class Amount(decimal.Decimal):
        def __str__(self):
            return slow("1.5")
    class Items(Sequence):
        def __init__(self, item):
            self.item = item
        def __getitem__(self, i):
            if i > 0:
                raise IndexError(i)
            return slow(self.item)
        def __len__(self):
            return 1
    class Day(datetime.date):
        def toordinal(self):
            return slow(super().toordinal())
    class Shown:
        def __repr__(self):
            return slow("shown")
    class When(int):
        def __str__(self):
            return slow("2")
    class SecondIter:
        def __init__(self):
            self.calls = 0
        def __iter__(self):
            self.calls += 1
            if self.calls > 1:
                slow(None)
            return iter([])
    BET = {"id": "b1", "event_id": "e1", "league": "epl", "market": "h2h", "selection": "home",
           "bookmaker": "b", "odds": "1.95", "stake": "10", "placed_at": "2025-03-01T12:00:00Z",
           "source": "manual"}
    class Columns:
        @classmethod
        def _columns(cls, records):
            return slow({})
    def objects(*items):
        return np.array(items, dtype=object)
    utc = datetime.timezone.utc
    subscribers = [{"id": f"s{i}", "signup": "2024-01-01"} for i in range(SIZE)]
    batch = ec.SubscriberBatch(subscribers)
    as_of = datetime.date(2024, 6, 1)
    def report(done, total):
        started.set()
    def work():
        CALL
    threading.Thread(target=work, daemon=True).start()
    started.wait(20)
    time.sleep(DELAY)
"""

# (call, subscribers made, seconds between each run's exits): the call runs on the daemon
# thread; runs exit at spread-out moments of it.
EXIT_CALLS = {
    "progress callback": ("started.set(); ec.risk_score_batch(batch, as_of, progress=report)", 300_000, 0.004),
    "progress bar": ("started.set(); ec.risk_score_batch(batch, as_of, progress=True)", 300_000, 0.004),
    "__float__ of a scalar": ("ec.implied_probability(Float())", 1, 0.01),
    "__float__ in a list": ("ec.overround([2.0, Float()])", 1, 0.01),
    "__index__": ("ec.effective_rate(0.05, Index())", 1, 0.01),
    "to_dict()": ("ec.risk_score_batch([Record()], as_of)", 1, 0.01),
    "__float__ in a record": ('ec.kelly_stake(1000, 2.1, 0.52, {"fraction": Float()})', 1, 0.01),
    "a mapping's items": ("ec.risk_score_batch([Fields()], as_of)", 1, 0.01),
    "an iterator of records": ("ec.risk_score_batch(records(), as_of)", 1, 0.01),
    "the end of detached work": ("started.set(); ec.risk_score_batch(batch, as_of)", 60_000, 0.002),
    "__float__ of a float parameter": ("ec.clv_fair_at(Float(), 0.5)", 1, 0.01),
    "__index__ of a float parameter": ("ec.clv_fair_at(Index(), 0.5)", 1, 0.01),
    "a sequence for a list parameter": (
        'ec.closing_market([], "e1", datetime.datetime(2024, 1, 1, tzinfo=utc), "b", "h2h", None, Selections())',
        1,
        0.01,
    ),
    "a record's __getattr__": ("ec.risk_score_batch([Attributes()], as_of)", 1, 0.01),
    "utcoffset() of a caller's tzinfo": (
        'ec.risk_score_batch([{"id": "s1", "signup": datetime.datetime(2024, 1, 1, tzinfo=Zone())}], as_of)',
        1,
        0.01,
    ),
    "a record's __class__": ("ec.risk_score_batch([ClassLie()], as_of)", 1, 0.01),
    "str() of a Decimal subclass": ('ec.round_cents(Amount("1.5"))', 1, 0.01),
    "str() of a Decimal subclass in a record": (
        'ec.kelly_stake(1000, 2.1, 0.52, {"fraction": Amount("0.5")})',
        1,
        0.01,
    ),
}

# The caller's code (or a library's Python code) met while numpy converts an argument, while
# dates, names and integer pairs are read, and while a table is laid out: a call each, whose
# slow code runs across the exit.
CALLER_CODE_CALLS = {
    "__float__ in an object array (pmt)": "ec.pmt(objects(Float(), 0.01), 12, 1000.0)",
    "__float__ in an object array (ipmt)": "ec.ipmt(objects(Float(), 0.01), 1, 12, 1000.0)",
    "__float__ in a list for an array argument (fv)": "ec.fv([Float(), 0.01], 12, -100.0)",
    "__float__ in a list of lists (devig_batch)": "ec.devig_batch([[2.0, Float()]])",
    "__float__ in an object array (devig_batch)": "ec.devig_batch(objects(2.0, Float()), width=2)",
    "__float__ in an object array (kelly_fraction)": "ec.kelly_fraction(objects(Float()), 0.6)",
    "__float__ in an object array (kelly_fraction_batch)": "ec.kelly_fraction_batch(objects(Float()), [0.6])",
    "__float__ in an object array of values (irr)": "ec.irr(objects(-100.0, Float()))",
    "a sequence for a float array argument": "ec.overround(Items(2.0))",
    "str() of a Decimal subclass in a list of amounts": 'ec.arbitrage([Amount("2.1"), "2.1"], "100")',
    "a sequence of dates read by numpy": 'ec.xnpv(0.1, Items("2024-01-01"), [1.0])',
    "toordinal() of a date subclass": 'ec.xnpv(0.1, [Day(2024, 1, 1), "2025-01-01"], [-100.0, 110.0])',
    "repr() of a value that is not a date": "ec.xnpv(0.1, [Shown()], [1.0])",
    "str() of an int subclass for when": "ec.pmt(0.01, 12, 1000.0, when=When(2))",
    "__index__ in a fraction tuple": "ec.fractional_to_decimal((Index(), 1))",
    "__index__ in a score tuple": "ec.settle(BET, (Index(), 0))",
    "a second iteration of the bets": 'ec.filter_bets(SecondIter(), "all")',
    "a record class's _columns": "ec.Records([Columns()]).to_pandas()",
    "the first import of pandas": "started.set(); ec.Records([]).to_pandas()",
}
EXIT_CALLS.update({kind: (call, 1, 0.01) for kind, call in CALLER_CODE_CALLS.items()})


@pytest.mark.parametrize("kind", list(EXIT_CALLS))
def test_exit_while_a_daemon_thread_is_in_a_call(kind: str) -> None:
    call, size, step = EXIT_CALLS[kind]
    # A progress report or the end of detached work meets the exit at one moment of a long
    # run: many runs. A caller's slow code is running whenever the exit comes: a few.
    runs = 20 if size > 1 else 6
    children = []
    for run in range(runs):
        code = EXIT_DURING_CALL.replace("CALL", call).replace("SIZE", str(size))
        code = code.replace("DELAY", str(run * step))
        children.append(
            subprocess.Popen(
                [sys.executable, "-c", textwrap.dedent(code)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for run, child in enumerate(children):
        try:
            _, stderr = child.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            pytest.fail(f"{kind}: run {run} did not end")
        assert child.returncode == 0, (kind, run, child.returncode, stderr[-2000:])
        assert "Fatal" not in stderr and "FATAL" not in stderr and "panic" not in stderr, stderr[-2000:]


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
    for kickoff in (paris_kickoff, "2025-03-01T17:00:00+02:00"):
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


class NoOffset(dt.tzinfo):
    """A tzinfo whose `utcoffset()` is None: a datetime with it is naive, as Python defines it."""

    def utcoffset(self, when: dt.datetime | None) -> None:
        return None

    def dst(self, when: dt.datetime | None) -> None:
        return None

    def tzname(self, when: dt.datetime | None) -> None:
        return None


NAIVE = "must be an aware datetime .*not a naive one"
NAIVES = [dt.datetime(2025, 3, 1, 15), dt.datetime(2025, 3, 1, 15, tzinfo=NoOffset())]

# Every argument read as an instant: (entry point, call with the naive value).
NAIVE_ARGUMENTS = {
    "closing_line kickoff": lambda t: ec.closing_line(snapshots(), "e1", t, "pinnacle", "h2h", None, "home"),
    "closing_market kickoff": lambda t: ec.closing_market(snapshots(), "e1", t, "pinnacle", "h2h", None, ["home"]),
    "Board as_of": lambda t: ec.Board(snapshots(), t),
    "Board.at as_of": lambda t: ec.Board.at(ec.History(snapshots()), t),
    "Board.advance to": lambda t: ec.Board(snapshots(), dt.datetime(2025, 3, 1, 15, tzinfo=UTC)).advance(t),
    "board_quotes as_of": lambda t: ec.board_quotes(snapshots(), t),
    "weekday_of at": lambda t: ec.weekday_of(t),
}

# Every kind of record with an instant field: (record, field, call with the naive value).
NAIVE_FIELDS = {
    "Bet placed_at": ("placed_at", lambda t: ec.Bet(bet(placed_at=t))),
    "bet in settle": ("placed_at", lambda t: ec.settle(bet(placed_at=t), {"status": "final", "home": 1, "away": 0})),
    "bets in performance": ("placed_at", lambda t: ec.performance([bet(), bet(placed_at=t)], 100)),
    "PriceSnapshot captured_at": ("captured_at", lambda t: ec.PriceSnapshot({**snapshots()[0], "captured_at": t})),
    "snapshots in History": ("captured_at", lambda t: ec.History([{**snapshots()[0], "captured_at": t}])),
    "Event kickoff": (
        "kickoff",
        lambda t: ec.Event({"id": "e1", "league": "soccer_epl", "home": "a", "away": "b", "kickoff": t}),
    ),
}


@pytest.mark.parametrize("naive", NAIVES, ids=["no tzinfo", "tzinfo without offset"])
@pytest.mark.parametrize("entry", list(NAIVE_ARGUMENTS))
def test_a_naive_datetime_argument_is_an_invalid_parameter(entry: str, naive: dt.datetime) -> None:
    with pytest.raises(ec.InvalidParameterError, match=NAIVE):
        NAIVE_ARGUMENTS[entry](naive)


@pytest.mark.parametrize("naive", NAIVES, ids=["no tzinfo", "tzinfo without offset"])
@pytest.mark.parametrize("entry", list(NAIVE_FIELDS))
def test_a_naive_datetime_in_a_record_is_an_invalid_record_naming_the_field(entry: str, naive: dt.datetime) -> None:
    field, call = NAIVE_FIELDS[entry]
    with pytest.raises(ec.InvalidRecordError, match=f"{field}: .*{NAIVE}"):
        call(naive)


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
