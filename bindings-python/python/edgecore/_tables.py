"""``Records``: the list of result records that edgecore's functions return, with
``to_pandas()`` and ``to_polars()``."""

from __future__ import annotations

from typing import Any, TypeVar

from ._edgecore import _records_frame  # type: ignore[attr-defined]


_T = TypeVar("_T")


class Records(list[_T]):
    """A list of edgecore result records of one class (what ``risk_score_batch``,
    ``breakdown``, ``find_anomalies``... return), convertible to a DataFrame.

    ``to_pandas()`` and ``to_polars()`` build the frame from columns laid out on the Rust
    side, one column per field of the records as ``to_dict()`` gives it (money as exact
    ``Decimal``, dates, UTC datetimes, names as ``str``, nested records as dicts), in one
    DataFrame call: no Python call per row. pandas and polars are optional; each method
    raises ``ImportError`` without its library. ``Records(result.opportunities)`` makes any
    list of records convertible. A list mixing classes or holding ``None`` (as
    ``settle_by_event`` may) raises ``InvalidRecordError``.
    """

    __slots__ = ()

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame, one row per record."""
        return _records_frame(self, "pandas")

    def to_polars(self) -> Any:
        """The records as a polars DataFrame, one row per record."""
        return _records_frame(self, "polars")


Records.__module__ = "edgecore"
