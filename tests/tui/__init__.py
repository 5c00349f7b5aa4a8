"""Tests of the terminal app (tui/), driven with Pilot."""
