"""Rendering: the model plus one municipality's context into deck parts and documents."""
