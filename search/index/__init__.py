"""Full-text search: the Whoosh schema and writer, the merge policy, the query language, scoring and snippets."""
