"""Tests for convert.transforms."""
