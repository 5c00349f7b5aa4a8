"""Tests of the engine (search/)."""
