"""A pre-flight check for a pipeline: validate every maintenance body given on the command line
(or the README's example), print what is wrong, and exit 1 when any body would be rejected.
python/tests/venv_test.sh checks it with mypy --strict.

    python preflight.py maintenances/*.json
"""
import sys
from datetime import datetime, timezone
from typing import Iterator, List

from backfill_check import Diagnostic, Limits, Validator


def bodies(paths: List[str]) -> Iterator[bytes]:
    for path in paths:
        with open(path, "rb") as file:
            yield file.read()


def main(paths: List[str]) -> int:
    validator = Validator("request", now=datetime.now(timezone.utc), limits=Limits(max_diagnostics=50))
    failed = 0
    reports = validator.validate_many(bodies(paths), jobs=2)
    for path, report in zip(paths, reports):
        failed += not report.valid
        errors: List[Diagnostic] = [d for d in report.diagnostics if d.severity == "error"]
        if errors:
            print(report.render("text", path), end="")
    print(f"{len(paths)} checked, {failed} invalid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["examples/invalid-request.json"]))
