"""rules() and explain() against the CLI's --list-rules --format json and --explain."""
import json

import pytest

import backfill_check
from conftest import SOURCE

GOLDEN = SOURCE / "tests" / "golden" / "cases"


def test_rules_match_the_cli():
    expected = json.loads((GOLDEN / "list-rules-json.out").read_text(encoding="utf-8").partition("\n")[2])
    actual = [{"code": r.code, "rule": r.rule, "severity": r.severity, "title": r.title, "explanation": r.explanation}
              for r in backfill_check.rules()]
    assert actual == expected


def test_explain_matches_the_cli():
    expected = (GOLDEN / "explain.out").read_text(encoding="utf-8").partition("\n")[2]
    assert backfill_check.explain("BF2003") == expected
    assert backfill_check.explain("started-at-order") == expected


@pytest.mark.parametrize("code", [r.code for r in backfill_check.rules()])
def test_every_rule_explained(code):
    assert backfill_check.explain(code).startswith(code + " ")
