"""The spec model both halves share: load, validate, dump, YAML, legal identifiers."""
