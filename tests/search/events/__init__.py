"""Tests of search.events."""
