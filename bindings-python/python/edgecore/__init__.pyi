# Type stubs of the package: everything comes from the compiled module.
from ._edgecore import *
from ._edgecore import __all__ as __all__
from ._edgecore import __version__ as __version__
