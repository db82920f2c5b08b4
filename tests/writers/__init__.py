"""Tests for convert.writers."""
