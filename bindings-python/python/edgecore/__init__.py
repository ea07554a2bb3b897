"""edgecore: the exact, fast quantitative core of the betting, wealth and risk services.

Money is ``decimal.Decimal``, probabilities and rates are ``float`` fractions, dates are
``datetime.date`` and instants timezone-aware ``datetime.datetime`` (any zone, taken to UTC;
a naive one is refused: ``InvalidParameterError`` as an argument, ``InvalidRecordError`` in a
record). Every bad input raises a subclass of :class:`EdgecoreError` (a ``ValueError``) named
after the core error kind, e.g. :class:`InvalidOddsError`.
"""

from ._edgecore import *  # noqa: F403
from ._edgecore import __all__, __version__  # noqa: F401
from ._tables import Records

__all__ = [*__all__, "Records"]  # noqa: PLE0605
