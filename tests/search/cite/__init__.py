"""Tests of search.cite."""
