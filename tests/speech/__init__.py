"""Tests for convert.speech."""
