"""The test suite; it mirrors the convert package."""
