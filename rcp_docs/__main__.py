"""`python -m rcp_docs` is the `rcp-docs` command."""

from .cli import main

raise SystemExit(main())
