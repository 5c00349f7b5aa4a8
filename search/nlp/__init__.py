"""spaCy: finding and loading the model, the annotate stage, and the background annotator workers."""
