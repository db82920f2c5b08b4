"""Transforms: Document to Document (prepare, the child edition)."""
