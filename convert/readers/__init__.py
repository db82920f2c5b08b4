"""Readers: source text in one format to the Document model."""
