"""Fixtures of the validator tests: the sample files, checked once for every module that looks at them."""

from __future__ import annotations

import pytest

from convert.check import FileResult
from tests.check.samples import checked_samples


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileResult]:
    """Good and bad files of every kind, checked in one batch."""
    return checked_samples(tmp_path_factory.mktemp("samples"))
