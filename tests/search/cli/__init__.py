"""Tests of the command line (search.cli)."""
