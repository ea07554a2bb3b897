"""The shared vector cases (``tests/vectors/*.json`` at the repository root) run through the
Python API, with the rules of the Rust harness (``tests/vectors.rs``): ``expected`` is a
subset of the result, floats agree within the case's ``tolerance`` (default 1e-9, absolute),
decimal strings agree as numbers ("19.5" == "19.50") unless the case sets
``"exact_decimals": true`` (then they are written alike, "21.70" is not "21.7"), everything
else exactly, and
``{"error": Kind}`` expects the exception class ``<Kind>Error``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

import edgecore

VECTOR_DIR = Path(__file__).resolve().parents[2] / "tests" / "vectors"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """Every case of every vector file, named ``<file>/<case>``."""
    cases = []
    for path in sorted(VECTOR_DIR.glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            cases.append((f"{path.stem}/{case['name']}", case))
    return cases


def python_argument(value: Any) -> Any:
    """A top-level JSON argument as Python callers pass it: ISO dates become ``date`` and
    RFC 3339 instants ``datetime``; records stay dicts (their fields are read by the core)."""
    if isinstance(value, str) and _DATE.match(value):
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and _INSTANT.match(value):
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def plain(value: Any) -> Any:
    """A Python result in the JSON form the Rust runners produce (records by their fields,
    ``Decimal`` as strings, dates ISO, numpy arrays as lists)."""
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):
        return plain(value.tolist())
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def shape(function: str, result: Any) -> Any:
    """The result wrapped as the Rust runners wrap it: a record by its fields, a single
    number as ``{"value": x}``, a list as ``{"values": [...]}``; payouts and risk batches
    under their own names."""
    wrappers: dict[str, Callable[[Any], Any]] = {
        "payout": lambda r: {"payout": r},
        "risk_score_batch": lambda r: {"scores": r},
        "remaining_capital": lambda r: {"remaining_capital": r},
        "payments_made": lambda r: {"payments_made": r},
        "allocate_largest_remainder": lambda r: {"parts": r},
        "clv": lambda r: {"clv": r},
        "clv_batch": lambda r: {"clv": r},
        "clv_fair": lambda r: {"clv_fair": r},
        "clv_fair_at": lambda r: {"clv_fair": r},
        "clv_tier_from_prices": lambda r: {"tier": r},
        "overround": lambda r: {"overround": r},
        "hold": lambda r: {"hold": r},
        "implied_probability": lambda r: {"probability": r},
        "fractional_to_decimal": lambda r: {"decimal": r},
        "devig_batch": lambda r: {"probabilities": r},
        "breakdown": lambda r: {"groups": r},
        "window": lambda r: {"bets": r},
        "filter_bets": lambda r: {"bets": r},
        "normal_cdf": lambda r: {"cdf": r},
        "find_anomalies": lambda r: {"opportunities": r},
        "arbitrage": lambda r: {"arbitrage": r},
        "robust_z": lambda r: {"z": r},
        **{
            f"{source}_to_{target}": (lambda key: lambda r: {key: r})(target)
            for source, target in [
                ("decimal", "american"), ("american", "decimal"),
                ("decimal", "hong_kong"), ("hong_kong", "decimal"),
                ("decimal", "malay"), ("malay", "decimal"),
                ("decimal", "indonesian"), ("indonesian", "decimal"),
            ]
        },
        "amortization_schedule": lambda r: {
            **r.to_dict(),
            "rows": {str(row.number): row for row in r.rows},
        },
    }
    if function in wrappers:
        return plain(wrappers[function](result))
    result = plain(result)
    if isinstance(result, list):
        return {"values": result}
    if isinstance(result, dict):
        return result
    return {"value": result}


def keyword_arguments(function: str, arguments: dict[str, Any]) -> dict[str, Any]:
    """The case's arguments as keywords of the Python function. ``amortization_schedule``
    takes the loan's fields as its arguments (numpy-financial style), the vectors a loan."""
    if function == "amortization_schedule":
        arguments = dict(arguments["loan"])
    converted = {k: python_argument(v) for k, v in arguments.items()}
    if function in BOARD_FUNCTIONS:
        # The agents read a Board built from the snapshots at the as-of instant.
        board = edgecore.Board(converted.pop("snapshots"), converted.pop("as_of"), converted.pop("board", None))
        converted = {"board": board, **converted}
    return converted


BOARD_FUNCTIONS = {"find_anomalies", "scan_spreads", "find_movements", "price_series"}


# The core's column forms of the periodic TVM functions are the broadcasting Python
# functions given arrays (numpy-financial's API has no separate batch names).
BROADCAST_BATCHES = {f"{name}_batch": name for name in ("pmt", "ipmt", "ppmt", "pv", "fv", "nper", "rate")}


def run(function: str, arguments: dict[str, Any]) -> Any:
    """Calls ``edgecore.<function>`` with the case's arguments; an unknown function fails."""
    if function in BROADCAST_BATCHES:
        try:
            result = getattr(edgecore, BROADCAST_BATCHES[function])(**keyword_arguments(function, arguments))
        except edgecore.EdgecoreError as error:
            return {"error": error.kind, "message": str(error)}
        return {"value": plain(result)}
    target = getattr(edgecore, function, None)
    if target is None or not callable(target):
        raise AssertionError(f"no Python function for vector function {function!r}")
    try:
        result = target(**keyword_arguments(function, arguments))
    except edgecore.EdgecoreError as error:
        return {"error": error.kind, "message": str(error)}
    return shape(function, result)


def _same_decimal(expected: str, actual: str) -> bool:
    try:
        return Decimal(expected) == Decimal(actual)
    except InvalidOperation:
        return expected == actual


def mismatches(expected: Any, actual: Any, tolerance: float, path: str = "", exact: bool = False) -> list[str]:
    """Where ``actual`` disagrees with ``expected`` under the harness' rules (``exact``: decimal
    strings written alike)."""
    number = (int, float)
    if isinstance(expected, bool) or isinstance(actual, bool):
        ok = expected == actual and type(expected) is type(actual)
        return [] if ok else [f"{path}: expected {expected!r}, got {actual!r}"]
    if isinstance(expected, number) and isinstance(actual, number):
        if abs(float(expected) - float(actual)) > tolerance:
            return [f"{path}: expected {expected}, got {actual} (tolerance {tolerance})"]
        return []
    if isinstance(expected, str) and isinstance(actual, str):
        same = expected == actual if exact else _same_decimal(expected, actual)
        return [] if same else [f"{path}: expected {expected!r}, got {actual!r}"]
    if isinstance(expected, list) and isinstance(actual, list):
        errors = []
        if len(expected) != len(actual):
            errors.append(f"{path}: expected {len(expected)} items, got {len(actual)}")
        for i, (e, a) in enumerate(zip(expected, actual)):
            errors.extend(mismatches(e, a, tolerance, f"{path}[{i}]", exact))
        return errors
    if isinstance(expected, dict) and isinstance(actual, dict):
        errors = []
        for key, e in expected.items():
            if key not in actual:
                errors.append(f"{path}.{key}: missing from the result")
            else:
                errors.extend(mismatches(e, actual[key], tolerance, f"{path}.{key}", exact))
        return errors
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]
