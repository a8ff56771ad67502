"""Shared by the tests of the backfill_check package: they run against the installed package
(python/tests/venv_test.sh) and read example documents from the source tree."""
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2]
EXAMPLES = SOURCE / "examples"
NOW = "2026-01-01T00:00:00Z"  # fixed, so that BF2009 (completed in the future) does not depend on the day


@pytest.fixture(scope="session")
def request_json() -> bytes:
    return (EXAMPLES / "request.json").read_bytes()


@pytest.fixture(scope="session")
def invalid_request_json() -> bytes:
    return (EXAMPLES / "invalid-request.json").read_bytes()
