"""The screens: main, help (help.md beside it), indexing, citation style picker, text-to-copy. Imported lazily
(only the main screen is needed at startup), so nothing is re-exported here."""
