"""ingredient-check: when is each skincare product safe again after microneedling?"""

from .check import DISCLAIMER, Report, check_label
from .timeline import Options

__all__ = ["check_label", "Options", "Report", "DISCLAIMER"]
__version__ = "0.1.0"
