"""Citations: the citable item of a stored document and every style (APA, MLA, Chicago, BibTeX, RIS, CSL, quotes)."""
