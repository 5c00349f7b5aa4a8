"""Named entities: canonical entities from spaCy's spans, the user's entity edits, and corpus-wide statistics."""
