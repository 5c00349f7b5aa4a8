"""The engine of explore: reading, cleaning, annotating, indexing and querying news articles."""
