"""`python -m tddgate` = the tddgate command."""

from tddgate.cli import main

raise SystemExit(main())
