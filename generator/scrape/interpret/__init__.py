"""What an error list looks like: from neutral blocks to a RawSpec."""
