"""Tests of search.index."""
