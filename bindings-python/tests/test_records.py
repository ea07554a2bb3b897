"""Record lists: the path a bad value is named by, the bound on their length
(`MAX_RECORDS`) and Ctrl-C while a long one is read."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from typing import Any

import edgecore as ec
import pytest


def bet(**fields: Any) -> dict[str, Any]:
    base = ec.bet_history_fixture(1, 1)[0].to_dict()
    base.update(fields)
    return base


def test_max_records_is_the_core_constant() -> None:
    assert ec.MAX_RECORDS == 10_000_000


def test_a_bad_field_is_named_by_the_item_and_the_field() -> None:
    bets = [bet(), bet(), bet(stake="abc")]
    with pytest.raises(ec.InvalidRecordError) as caught:
        ec.performance(bets, 1000)
    assert str(caught.value) == (
        'invalid bet: bets[2].stake: invalid value: string "abc", '
        "expected a Decimal type representing a fixed-point number"
    )
    # a generator gets the same path as a list
    with pytest.raises(ec.InvalidRecordError, match=r"^invalid bet: bets\[2\]\.stake: "):
        ec.performance((b for b in bets), 1000)
    # a record given alone has no list path
    with pytest.raises(ec.InvalidRecordError, match=r"^invalid bet: stake: invalid value"):
        ec.Bet(bet(stake="abc"))


def test_a_record_given_alone_is_named_after_its_argument() -> None:
    # the path starts with the argument's name, as in JavaScript and Rust
    with pytest.raises(ec.InvalidRecordError, match=r"^invalid bet: bet\.stake: invalid value"):
        ec.settle(bet(stake="abc"), (1, 0))
    with pytest.raises(ec.InvalidRecordError, match=r'^invalid event result: results\["e1"\]'):
        ec.settle_by_event([], {"e1": {"status": "final", "home": "x", "away": 0}})


def test_an_unknown_field_is_refused_with_the_core_words() -> None:
    reason = "unknown field `closing_odd`, expected one of `id`, `event_id`"
    with pytest.raises(ec.InvalidRecordError) as caught:
        ec.performance([bet(), bet(closing_odd="1.9")], 1000)
    assert str(caught.value).startswith(f"invalid bet: bets[1].closing_odd: {reason}")
    with pytest.raises(ec.InvalidRecordError, match=r"^invalid bet: bet\.note: unknown field `note`"):
        ec.settle(bet(note="x"), (1, 0))
    with pytest.raises(ec.InvalidRecordError, match=r"^invalid bet: closing_odd: unknown field"):
        ec.Bet(bet(), closing_odd="1.9")
    # a record object has no extra field to refuse: it is read by name
    ec.performance([ec.Bet(bet())], 1000)


def test_a_list_longer_than_max_records_is_refused_before_it_is_read() -> None:
    longer = [bet()] * (ec.MAX_RECORDS + 1)
    start = time.perf_counter()
    with pytest.raises(ec.InvalidRecordError) as caught:
        ec.performance(longer, 1000)
    assert str(caught.value) == (
        "invalid bet: bets: holds more than 10000000 items, the most one call reads"
    )
    # refused from its length: not one of the ten million bets is read
    assert time.perf_counter() - start < 1.0


def run_child(code: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout
    )


def test_an_endless_iterable_ends_with_the_typed_error() -> None:
    # itertools.repeat runs no Python code: only the bound stops it.
    out = run_child(
        """
        import itertools, edgecore as ec
        try:
            ec.allocate_largest_remainder("100", itertools.repeat(1))
        except ec.InvalidRecordError as e:
            print(e)
        """,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == (
        "invalid amount: weights: holds more than 10000000 items, the most one call reads"
    )


SLOW_LIST = """
    import itertools, sys, edgecore as ec
    items = {items}
    print("reading", flush=True)
    try:
        {call}
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        sys.exit(0)
    print("finished", flush=True)
"""


@pytest.mark.parametrize(
    ("items", "call"),
    [
        # amounts read one by one from an endless C iterator
        ("itertools.repeat(1)", 'ec.allocate_largest_remainder("100", items)'),
        # records: a Bet object repeated without end
        ("itertools.repeat(ec.bet_history_fixture(1, 1)[0])", "ec.performance(items, 1000)"),
        # dicts inside a record list, each read field by field
        (
            "itertools.repeat(ec.bet_history_fixture(1, 1)[0].to_dict())",
            "ec.performance(items, 1000)",
        ),
    ],
)
def test_ctrl_c_interrupts_a_long_list(items: str, call: str) -> None:
    code = textwrap.dedent(SLOW_LIST).format(items=items, call=call)
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "reading"
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        sent = time.monotonic()
        out, err = child.communicate(timeout=30)
        assert out.strip() == "interrupted", err[-2000:]
        assert time.monotonic() - sent < 5.0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
