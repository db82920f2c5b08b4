"""Tests for convert.readers."""
