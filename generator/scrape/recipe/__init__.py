"""The recipe hint: the user says where each entry and its fields are, for page shapes the
interpreter does not know (``--entries``, ``--code``, ``--name``, ``--message``), and
``--pair-columns`` for tables that hold two code/message lists side by side.

``spec`` reads and checks a recipe, ``safe_regex`` runs its patterns under limits,
``html_items`` and ``block_items`` find its entries, ``build`` turns them into namespaces
the way the interpreter's entries are, ``pairs`` unfolds side-by-side tables.
"""

# the hint keys of a recipe (here, so that reading hints without one imports no recipe code)
RECIPE_KEYS = ("entries", "code", "name", "message")
