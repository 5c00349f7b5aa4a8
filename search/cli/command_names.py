"""The names of the command-line commands: the launcher reads them without importing the command line itself."""

COMMANDS = ("add", "search", "list", "show", "events", "entities", "cite", "rebuild")
