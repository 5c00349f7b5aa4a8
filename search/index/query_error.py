"""The one exception the query language raises: a query that cannot be understood, said in one line.

Kept apart from the parser so that code which only reports the error (the app, the CLI) need not load Whoosh.
"""

from __future__ import annotations


class QueryError(ValueError):
    """The query cannot be understood; the message says why in one line."""
