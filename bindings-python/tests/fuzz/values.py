"""Argument values for the fuzzer: plausible ones read from each parameter's annotation (so
calls get past the first check), hostile ones of every kind the package must survive, and
records (real ones, from the sample objects of ``samples.py``) with one field made hostile.

Hostile values: NaN, infinities, -0.0, subnormals, huge and negative ints, ``Decimal`` sNaN,
NaN, infinities and huge exponents, containers that contain themselves or nest thousands of
levels deep, mapping subclasses, iterables that yield themselves, objects whose
``__float__``, ``__index__``, ``__iter__`` or ``to_dict`` raise or change the other
arguments of the call, numpy arrays of the wrong dtype, shape, strides or read-only,
aware datetimes in other zones, naive ones, the first and last dates Python holds.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import samples  # noqa: E402

from targets import Param, literals  # noqa: E402


class Hostile(Exception):
    """Raised by the fuzzer's own objects: user code failing, which must propagate as is."""


class Call:
    """The arguments of the call being made, for objects that change them mid-call."""

    args: list[Any] = []


def _vandalise() -> None:
    for arg in list(Call.args):
        if isinstance(arg, list):
            arg.clear()
        elif isinstance(arg, dict):
            arg.clear()
            arg["unexpected"] = float("nan")
        elif isinstance(arg, np.ndarray) and arg.flags.writeable and arg.dtype.kind == "f":
            arg[...] = np.nan


class RaisingFloat:
    def __float__(self) -> float:
        raise Hostile("__float__")

    def __index__(self) -> int:
        raise Hostile("__index__")

    def __repr__(self) -> str:
        return "RaisingFloat()"


class MutatingFloat:
    """A number whose conversion empties or poisons the other arguments of the call."""

    def __float__(self) -> float:
        _vandalise()
        return 2.0

    def __index__(self) -> int:
        _vandalise()
        return 1

    def __repr__(self) -> str:
        return "MutatingFloat()"


class LyingIndex(int):
    """An int subclass whose __index__ says something else."""

    def __index__(self) -> int:
        return -(2**80)


class RaisingToDict:
    def to_dict(self) -> Any:
        raise Hostile("to_dict")

    def __repr__(self) -> str:
        return "RaisingToDict()"


class MutatingToDict:
    def to_dict(self) -> Any:
        _vandalise()
        return {}

    def __repr__(self) -> str:
        return "MutatingToDict()"


class ToDictSelf:
    def to_dict(self) -> Any:
        return self

    def __repr__(self) -> str:
        return "ToDictSelf()"


class IterSelf:
    def __iter__(self) -> Any:
        yield self

    def __repr__(self) -> str:
        return "IterSelf()"


class RaisingIter:
    def __iter__(self) -> Any:
        yield 2.0
        raise Hostile("__iter__")

    def __repr__(self) -> str:
        return "RaisingIter()"


class MutatingIter:
    def __iter__(self) -> Any:
        yield 2.0
        _vandalise()
        yield 2.0

    def __repr__(self) -> str:
        return "MutatingIter()"


class Mapping(dict):  # type: ignore[type-arg]
    """A dict subclass (the reader takes the mapping route, not the exact-dict one)."""


def _self_dict() -> dict[str, Any]:
    d: dict[str, Any] = {"id": 1}
    d["id"] = d
    return d


def _self_list() -> list[Any]:
    lst: list[Any] = [2.0]
    lst.append(lst)
    return lst


def _self_mapping() -> Mapping:
    m = Mapping(id="x")
    m["nested"] = m
    return m


def _nested(depth: int, make: Callable[[Any], Any]) -> Any:
    value: Any = 2.0
    for _ in range(depth):
        value = make(value)
    return value


def _numpy_hostile() -> list[Callable[[], Any]]:
    base = np.linspace(1.01, 5.0, 12)
    readonly = base.copy()
    readonly.flags.writeable = False
    return [
        lambda: np.array([2.0, np.nan, 3.0]),
        lambda: np.array([2.0, np.inf]),
        lambda: np.array([], dtype=float),
        lambda: np.array(2.0),  # 0-d
        lambda: base.copy().reshape(3, 4),
        lambda: base.copy().reshape(2, 3, 2),
        lambda: base.copy()[::2],  # strided view
        lambda: base.copy()[::-1],  # negative stride
        lambda: readonly,
        lambda: base.astype(np.float32),
        lambda: np.array([1, 2, 3], dtype=np.int64),
        lambda: np.array([True, False]),
        lambda: np.array([1 + 2j, 3 + 0j]),
        lambda: np.array(["2.0", "x"]),
        lambda: np.array([Decimal("2"), None, "x"], dtype=object),
        lambda: np.array(["2024-01-01", "2024-02-01"], dtype="datetime64[D]"),
        lambda: np.zeros((0, 3)),
        lambda: np.full(70_000, 2.0),  # above the parallel thresholds
        lambda: np.float64("nan"),
        lambda: np.int64(-1),
        lambda: np.array([1e308, -1e308, 5e-324, -0.0]),
    ]


def hostile_makers() -> list[Callable[[], Any]]:
    """Each a fresh hostile value (fresh, so one call cannot spoil the next)."""
    utc_plus_14 = dt.timezone(dt.timedelta(hours=14))
    return [
        lambda: math.nan,
        lambda: math.inf,
        lambda: -math.inf,
        lambda: -0.0,
        lambda: 5e-324,
        lambda: 1.7976931348623157e308,
        lambda: -1,
        lambda: 0,
        lambda: 2**31,
        lambda: 2**63,
        lambda: 2**64,
        lambda: -(2**63) - 1,
        lambda: 2**70,
        lambda: 10**400,
        lambda: 10**5000,
        lambda: True,
        lambda: LyingIndex(3),
        lambda: Decimal("sNaN"),
        lambda: Decimal("NaN"),
        lambda: Decimal("-Infinity"),
        lambda: Decimal("1e999999"),
        lambda: Decimal("1e-999999"),
        lambda: Decimal("1e-30"),
        lambda: Decimal("79228162514264337593543950336"),
        lambda: "",
        lambda: "nan",
        lambda: "\x00\udcff",
        lambda: "9" * 5000,
        lambda: b"2.0",
        lambda: None,
        lambda: object(),
        lambda: [],
        lambda: {},
        lambda: (),
        lambda: [math.nan, 2.0],
        lambda: [2.0, "x", None],
        lambda: [[2.0, 3.0], [2.0]],
        lambda: {2.0, 3.0},
        lambda: {"a": 2.0},
        lambda: _self_dict(),
        lambda: _self_list(),
        lambda: _self_mapping(),
        lambda: _nested(10_000, lambda v: [v]),
        lambda: _nested(10_000, lambda v: {"x": v}),
        lambda: _nested(3_000, lambda v: Mapping(x=v)),
        lambda: _nested(10_000, lambda v: (v,)),
        lambda: Mapping(),
        lambda: RaisingFloat(),
        lambda: MutatingFloat(),
        lambda: RaisingToDict(),
        lambda: MutatingToDict(),
        lambda: ToDictSelf(),
        lambda: IterSelf(),
        lambda: RaisingIter(),
        lambda: MutatingIter(),
        lambda: iter([2.0, 3.0]),
        lambda: dt.datetime(2025, 3, 1, 15, tzinfo=utc_plus_14),
        lambda: dt.datetime(2025, 3, 1, 15),
        lambda: dt.datetime.min,
        lambda: dt.datetime.max.replace(tzinfo=dt.timezone.utc),
        lambda: dt.datetime.min.replace(tzinfo=utc_plus_14),
        lambda: dt.date.min,
        lambda: dt.date.max,
        lambda: dt.timedelta(days=-1),
        lambda: dt.timedelta.max,
        lambda: "9999-12-31T23:59:59+00:00",
        lambda: "0001-01-01",
        *_numpy_hostile(),
    ]


HOSTILE = hostile_makers()


def hostile() -> st.SearchStrategy[Any]:
    return st.sampled_from(HOSTILE).map(lambda make: make())


@lru_cache(maxsize=None)
def _sample_objects() -> dict[str, Any]:
    return {cls.__name__: obj for cls, obj in samples.samples().items()}


def sample_object(class_name: str) -> Any:
    return _sample_objects().get(class_name)


def _record_names(param: str) -> list[str]:
    """Sample classes a parameter's name points at: `bets` -> Bet, `snapshots` ->
    PriceSnapshot, `subscriber` -> Subscriber..."""
    key = param.lower().rstrip("s").replace("_", "")
    names = [n for n in _sample_objects() if n.lower() == key or n.lower().endswith(key)]
    return names or list(_sample_objects())


def _plain(obj: Any) -> Any:
    """A sample object as a record: the object, or its dict."""
    to_dict = getattr(obj, "to_dict", None)
    return to_dict() if callable(to_dict) else obj


def record(param: str) -> st.SearchStrategy[Any]:
    """A real record for `param` (object or dict), sometimes with one field made hostile or
    a misspelt key added."""

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        obj = sample_object(draw(st.sampled_from(_record_names(param))))
        if isinstance(obj, (list, tuple)) or type(obj).__name__ == "Records":
            obj = obj[0] if len(obj) else obj
        how = draw(st.sampled_from(["object", "dict", "hostile field", "unknown key"]))
        if how == "object":
            return obj
        plain = _plain(obj)
        if not isinstance(plain, dict) or how == "dict":
            return plain
        plain = dict(plain)
        if how == "unknown key" or not plain:
            plain["unexpected_key"] = 1
        else:
            plain[draw(st.sampled_from(sorted(plain)))] = draw(hostile())
        return plain

    return build()


def plausible(param: Param) -> st.SearchStrategy[Any]:
    """Values of the kind the annotation asks for, valid or nearly so."""
    a = param.annotation
    options: list[st.SearchStrategy[Any]] = []
    names = literals(a)
    if names:
        options.append(st.sampled_from(names))
    if "Iterable" in a or "Sequence" in a or "list[" in a:
        inner = Param(param.name, a.split("[", 1)[-1], False)
        options.append(st.lists(_scalar(inner) if not _is_record(a) else record(param.name), max_size=4))
    if "ArrayLike" in a or "NDArray" in a:
        options.append(st.lists(st.floats(1.01, 10.0), min_size=1, max_size=6).map(np.array))
        options.append(st.lists(st.floats(1.01, 10.0), min_size=1, max_size=6))
    if _is_record(a):
        options.append(record(param.name))
    options.append(_scalar(param))
    return st.one_of(options)


def _is_record(a: str) -> bool:
    return "Any" in a or "Mapping" in a or any(n in a for n in _sample_objects())


def _scalar(param: Param) -> st.SearchStrategy[Any]:
    a = param.annotation
    options: list[st.SearchStrategy[Any]] = []
    if "float" in a or "ArrayLike" in a:
        options.append(st.floats(allow_nan=True, allow_infinity=True))
        options.append(st.floats(1.01, 20.0))
    if "int" in a:
        options.append(st.integers(-3, 40))
    if "Decimal" in a:
        options.append(st.decimals(allow_nan=True, allow_infinity=True, places=4))
    if "datetime.datetime" in a:
        options.append(st.datetimes(timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-11))])))
        options.append(st.datetimes())
    if "datetime.date" in a:
        options.append(st.dates())
    if "bool" in a:
        options.append(st.booleans())
    if "Callable" in a:
        options.append(st.sampled_from([lambda done, total: None, lambda done, total: _vandalise()]))
    if "str" in a:
        options.append(st.text(max_size=8))
        options.append(st.sampled_from(LONE_SURROGATES))
    if not options:
        options.append(hostile())
    return st.one_of(options)


#: Text that UTF-8 cannot hold: every str parameter must refuse it with a typed error.
LONE_SURROGATES = ["\ud800", "a\udfffb", "\udc80" * 3]


def argument(param: Param) -> st.SearchStrategy[Any]:
    """Mostly plausible values, often hostile ones."""
    return st.one_of(plausible(param), hostile())
