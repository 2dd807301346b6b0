"""Readers (formats) and the interpreter (what an error table looks like)."""
