"""The test suite: tests/search mirrors the engine's packages, tests/tui the app."""
