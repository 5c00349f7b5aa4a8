"""The `explore` command line: a front end over the engine (parsing, commands, JSON output, progress, error lines).

Nothing in the engine imports this package; the launcher imports only `command_names` from it.
"""
