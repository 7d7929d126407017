"""kunnskapsgrunnlag: the 0-24 knowledge base as a locked, Fafo-style PowerPoint deck."""

__version__ = "0.1.0"
