"""One module per subcommand; only cli.py imports them."""
