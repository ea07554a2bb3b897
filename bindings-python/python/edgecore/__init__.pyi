# Type stubs of the package: everything comes from the compiled module, plus `Records`.
from ._edgecore import *
from ._edgecore import __all__ as __all__
from ._edgecore import __version__ as __version__
from ._tables import Records as Records

__all__ += ["Records"]
