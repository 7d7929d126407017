"""Loading: files on disk into raw, position-carrying data and then into the model."""
