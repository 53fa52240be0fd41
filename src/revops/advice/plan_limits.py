"""The improvement plan's limits and defaults, in a module of their own so that the command
line and the options can name them without creating the plan's records (plan_model.py),
which a run without targets never makes."""

from __future__ import annotations

DEFAULT_QUARTERS, MAX_QUARTERS = 2, 8
DEFAULT_LOAD = 3  # items per function a quarter: the playbook's heuristic for work beside a day job
