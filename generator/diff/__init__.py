"""Two Specs in, the changes between them out, with how much each breaks."""
