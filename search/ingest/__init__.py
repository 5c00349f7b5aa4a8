"""Ingest: files to documents in the index (discover, decode, read, clean, annotate, write), rebuild, the write lock."""
