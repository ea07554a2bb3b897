"""Pickling and copying: every exported class round-trips through every pickle protocol and
through ``copy.copy``/``copy.deepcopy`` to an equal object; results come back from process
pools; errors keep their class, ``kind`` and message across processes; a state that cannot
be read raises an ``EdgecoreError`` naming the class."""

from __future__ import annotations

import copy
import multiprocessing as mp
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest
from samples import exported_classes, samples

import edgecore as ec

CLASSES = exported_classes()
ERRORS = sorted(
    (getattr(ec, n) for n in ec.__all__ if isinstance(getattr(ec, n), type) and issubclass(getattr(ec, n), ec.EdgecoreError)),
    key=lambda c: c.__name__,
)


def test_every_exported_class_has_a_sample() -> None:
    missing = [c.__name__ for c in CLASSES if c not in samples()]
    assert not missing, f"no sample of {missing}: add a call producing one to samples.py"


def same(a: Any, b: Any) -> bool:
    """Equal objects of the same class; for the mutable Board, the same quotes too."""
    if type(a) is not type(b) or a != b or repr(a) != repr(b):
        return False
    return not isinstance(a, ec.Board) or a.quotes() == b.quotes()


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_pickle_round_trips_in_every_protocol(cls: type) -> None:
    obj = samples()[cls]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert same(pickle.loads(pickle.dumps(obj, protocol=protocol)), obj), protocol


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_copy_and_deepcopy_are_equal(cls: type) -> None:
    obj = samples()[cls]
    assert same(copy.copy(obj), obj)
    assert same(copy.deepcopy(obj), obj)
    assert same(copy.deepcopy([obj, {"x": obj}])[1]["x"], obj)


def test_a_copied_board_moves_on_its_own() -> None:
    board = samples()[ec.Board]
    other = copy.copy(board)
    later = board.as_of.replace(year=board.as_of.year + 1)
    other.advance(later)
    assert other.as_of == later and board.as_of != later
    assert pickle.loads(pickle.dumps(other)).quotes() == other.quotes()


def test_history_snapshots_rebuild_it() -> None:
    history = samples()[ec.History]
    assert ec.History(history.snapshots()) == history
    assert len(history.snapshots()) == len(history)


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: c.__name__)
def test_errors_keep_class_kind_and_message(cls: type) -> None:
    error = cls(f"bad value of {cls.__name__}")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(back) is cls and back.kind == cls.kind and str(back) == str(error)
        assert isinstance(back, ec.EdgecoreError) and isinstance(back, ValueError)


def _devig(prices: list[float]) -> ec.Devig:
    return ec.devig(prices, method="shin")


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_results_and_errors_cross_process_pools(method: str) -> None:
    with ProcessPoolExecutor(2, mp_context=mp.get_context(method)) as pool:
        assert pool.submit(_devig, [2.2, 3.5, 3.4]).result(timeout=120) == _devig([2.2, 3.5, 3.4])
        with pytest.raises(ec.InvalidOddsError) as raised:
            pool.submit(_devig, [1.0, 2.0]).result(timeout=120)
    with pytest.raises(ec.InvalidOddsError) as local:
        _devig([1.0, 2.0])
    assert raised.value.kind == "InvalidOdds" and str(raised.value) == str(local.value)


@pytest.mark.parametrize("cls", [ec.Devig, ec.Bet, ec.History, ec.SubscriberBatch, ec.EventResult], ids=lambda c: c.__name__)
def test_a_bad_state_raises_an_edgecore_error_naming_the_class(cls: type) -> None:
    with pytest.raises(ec.InvalidRecordError, match=cls.__name__):
        cls._from_state('{"not": "this class"}')  # type: ignore[attr-defined]
    with pytest.raises(ec.InvalidRecordError, match=cls.__name__):
        cls._from_state("not json")  # type: ignore[attr-defined]


def test_a_tampered_schedule_table_raises_an_edgecore_error() -> None:
    table = samples()[ec.ScheduleColumns]
    restore, args = table.__reduce__()
    with pytest.raises(ec.InvalidRecordError, match="ScheduleColumns"):
        restore(args[0], args[1][:-1], *args[2:])
