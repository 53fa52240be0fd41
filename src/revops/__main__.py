"""`python -m revops`, the same as the `revops` command."""

import sys

from revops.cli.main import main

sys.exit(main())
