"""From a RawSpec to a Spec: overrides, names, categories."""
