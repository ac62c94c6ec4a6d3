"""Allow `python -m partnerpath`."""

from partnerpath.cli import main

raise SystemExit(main())
