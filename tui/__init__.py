"""The explore terminal app (Textual) and its command-line launcher."""
