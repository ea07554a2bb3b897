"""One fuzzing batch, run in a process of its own by ``test_fuzz.py`` (or by hand):

    python bindings-python/tests/fuzz/child.py --seed 7 --examples 500 --log /tmp/last.txt

Hypothesis draws a callable of the package and its arguments, calls it (sometimes while a
thread writes NaN into its numpy arguments) and checks the invariant: the call returns a
value with no NaN or infinity anywhere in it, or raises an ``EdgecoreError`` subclass, a
``TypeError`` (an argument of the wrong Python type) or the fuzzer's own ``Hostile`` (user
code that failed). Before each call the input is written to the log file, so when the
process dies (segfault, abort) or hangs, the parent reports the input that did it. An
exception that breaks the invariant makes Hypothesis shrink the input and report it; the
process then exits with status 1.
"""

from __future__ import annotations

import argparse
import copy
import math
import os
import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import edgecore as ec  # noqa: E402

from targets import Target, stub_targets  # noqa: E402
from values import Call, Hostile, argument, sample_object  # noqa: E402

ALLOWED = (ec.EdgecoreError, TypeError, Hostile)


class Broken(AssertionError):
    """The invariant does not hold."""


def check_result(value: Any, where: str = "result", depth: int = 0, seen: set[int] | None = None) -> None:
    """No NaN or infinity anywhere in a result (its attributes, items and dicts)."""
    seen = set() if seen is None else seen
    if depth > 12 or id(value) in seen:
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Broken(f"{where} is {value}")
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise Broken(f"{where} is {value}")
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and value.size and not np.isfinite(value).all():
            raise Broken(f"{where} has a non-finite value")
        if value.dtype == object:
            for i, item in enumerate(value.ravel()[:50]):
                check_result(item, f"{where}[{i}]", depth + 1, seen)
    elif isinstance(value, (list, tuple)) or type(value).__name__ == "Records":
        seen.add(id(value))
        for i, item in enumerate(list(value)[:50]):
            check_result(item, f"{where}[{i}]", depth + 1, seen)
    elif isinstance(value, dict):
        seen.add(id(value))
        for key, item in list(value.items())[:50]:
            check_result(item, f"{where}[{key!r}]", depth + 1, seen)
    elif type(value).__module__ == "edgecore" and callable(getattr(value, "to_dict", None)):
        seen.add(id(value))
        check_result(value.to_dict(), f"{where}.to_dict()", depth + 1, seen)


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException as e:  # noqa: BLE001 - an unprintable value is still reported
        text = f"<{type(value).__name__}, repr failed: {type(e).__name__}>"
    return text if len(text) <= 300 else text[:300] + "..."


def _receiver(target: Target) -> Any:
    if target.kind == "function":
        return getattr(ec, target.name)
    cls = getattr(ec, target.owner or "")
    if target.kind in ("new",):
        return cls
    if target.kind == "static":
        return getattr(cls, target.name)
    obj = sample_object(target.owner or "")
    if obj is None:
        return None
    try:
        obj = copy.copy(obj)
    except Exception:  # noqa: BLE001 - an uncopyable sample is used as it is
        pass
    if target.kind == "property":
        return lambda: getattr(obj, target.name)
    return getattr(obj, target.name)


def _vandal(args: list[Any], stop: threading.Event) -> None:
    arrays = [a for a in args if isinstance(a, np.ndarray) and a.flags.writeable and a.dtype.kind == "f"]
    while not stop.is_set() and arrays:
        for a in arrays:
            flat = a.reshape(-1)
            if flat.size:
                flat[:: max(1, flat.size // 7)] = np.nan
                flat[:: max(1, flat.size // 7)] = 2.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--examples", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--only", default="", help="fuzz only the callables whose label contains this")
    options = parser.parse_args()
    targets = [t for t in stub_targets() if options.only in t.label]
    log = open(options.log, "w", buffering=1)  # noqa: SIM115 - open for the whole batch

    @st.composite
    def calls(draw: st.DrawFn) -> tuple[Target, list[Any], dict[str, Any], bool]:
        target = draw(st.sampled_from(targets))
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for param in target.params:
            if param.optional and draw(st.booleans()):
                continue
            value = draw(argument(param))
            if param.name == "**":
                kwargs[draw(st.sampled_from(["id", "odds", "stake", "unexpected", "months"]))] = value
            elif param.keyword_only:
                kwargs[param.name] = value
            else:
                if len(args) < sum(1 for p in target.params if not p.keyword_only and p.name != "**"):
                    args.append(value)
        return target, args, kwargs, draw(st.integers(0, 9)) == 0

    @settings(
        max_examples=options.examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate, Phase.shrink],
        print_blob=False,
    )
    @seed(options.seed)
    @given(calls())
    def fuzz(call: tuple[Target, list[Any], dict[str, Any], bool]) -> None:
        target, args, kwargs, with_vandal = call
        receiver = _receiver(target)
        if receiver is None:
            return
        log.seek(0)
        log.truncate()
        log.write(f"{target.label}({', '.join(map(_short, args))}{', ' if kwargs else ''}"
                  f"{', '.join(f'{k}={_short(v)}' for k, v in kwargs.items())}) vandal={with_vandal}\n")
        Call.args = [*args, *kwargs.values()]
        stop = threading.Event()
        vandal = threading.Thread(target=_vandal, args=(Call.args, stop), daemon=True) if with_vandal else None
        if vandal:
            vandal.start()
        try:
            result = receiver(*args, **kwargs) if target.kind != "property" else receiver()
        except ALLOWED:
            return
        except BaseException as e:
            raise Broken(f"{target.label} raised {type(e).__name__}: {e}") from e
        finally:
            stop.set()
            if vandal:
                vandal.join()
            Call.args = []
        check_result(result, target.label)

    fuzz()
    log.write("done\n")
    os._exit(0)  # skip interpreter teardown of the sample objects: nothing left to check


if __name__ == "__main__":
    main()
