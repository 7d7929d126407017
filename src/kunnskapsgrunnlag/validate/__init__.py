"""Validation: raw files into the model, with every problem reported at once in the user's terms."""
