"""RevOps Playbook: content model, validation, scoring and reports."""

from revops.foundation.version import __version__

__all__ = ["__version__"]
