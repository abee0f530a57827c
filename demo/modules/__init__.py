"""Demo content (Danish) for the SSP-uddannelsen modules and lessons, one module
of the catalogue per file, in catalogue order."""

from .bander import BANDER
from .digital_kriminalitet import DIGITAL_KRIMINALITET
from .grundmodul import GRUNDMODUL
from .lovgivning import LOVGIVNING
from .ssp_plus import SSP_PLUS

MODULES: list[dict] = [GRUNDMODUL, LOVGIVNING, DIGITAL_KRIMINALITET, BANDER, SSP_PLUS]
