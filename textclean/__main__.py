"""`python -m textclean` runs the command-line filter."""

from textclean.cli import main

raise SystemExit(main())
