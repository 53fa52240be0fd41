"""RevOps Playbook: content model, validation, scoring and reports."""

__version__ = "0.1.0"
