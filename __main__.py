"""``python -m orglearn`` runs the command line."""

import sys

from orglearn.cli import main

sys.exit(main())
