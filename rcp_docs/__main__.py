"""`python -m rcp_docs` is the `rcp-docs` command."""

from .publish.cli import main

raise SystemExit(main())
