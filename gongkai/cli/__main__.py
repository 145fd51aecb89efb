"""`python -m gongkai.cli`: the `gongkai` command (how `gongkai serve` starts its worker)."""

import sys

from . import main

sys.exit(main())
