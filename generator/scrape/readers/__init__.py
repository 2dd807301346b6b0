"""One reader per page format: each turns a page into neutral blocks (scrape.document)."""
