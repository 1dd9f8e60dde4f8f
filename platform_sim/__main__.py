"""`python -m platform_sim` runs the simulator's CLI."""

import sys

from platform_sim.cli import main

sys.exit(main())
