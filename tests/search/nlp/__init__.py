"""Tests of search.nlp."""
