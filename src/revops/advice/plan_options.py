"""The limits and defaults of `revops plan`, apart from the planner so that the command line
can state them without importing it."""

DEFAULT_QUARTERS, MAX_QUARTERS = 2, 8
DEFAULT_LOAD = 3  # items per function a quarter: the playbook's heuristic for work beside a day job
