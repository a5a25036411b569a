"""`python -m claims ...`: the command line."""
import sys

from claims.cli import main

sys.exit(main())
