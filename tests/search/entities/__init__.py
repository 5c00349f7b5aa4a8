"""Tests of search.entities."""
