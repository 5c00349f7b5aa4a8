"""Events: triggers, roles, tense and timing read from the parse, time expressions, and clusters across articles."""
