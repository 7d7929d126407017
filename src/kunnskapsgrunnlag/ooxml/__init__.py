"""The one layer that touches raw OOXML (lxml): what python-pptx has no API for.

Analysis notes for each feature are in docs/dev/ (locking, layouts, determinism).
"""
