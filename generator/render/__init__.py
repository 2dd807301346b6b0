"""From a Spec to out/: view model, templates, escapers, black, writing, up-to-date check."""
