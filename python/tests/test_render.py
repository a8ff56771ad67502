"""Report.render() in every format of the CLI; text that came from the input is neutralized."""
import json

import pytest

import backfill_check
from backfill_check import validate
from conftest import NOW

HOSTILE = '{"data": {"type": "maintenances", "attributes": {"title": "t", "\\u001b]0;pwned\\u0007\\u202e::error::x": 1}}}'


def test_formats_are_the_clis():
    assert backfill_check.FORMATS == ("text", "json", "sarif", "github", "jsonschema", "problem")


@pytest.mark.parametrize("fmt", backfill_check.FORMATS)
def test_every_format_is_neutral(fmt):
    report = validate(HOSTILE, now=NOW)
    unknown = [d for d in report.diagnostics if d.code == "BF2011"][0]
    assert "\x1b" in unknown.pointer  # the field holds the member name as the document spells it
    assert "\x1b" not in str(unknown) and "\u202e" not in str(unknown) and "\x1b" not in repr(unknown)
    out = report.render(fmt, "\x1b[2Jfile.json")
    assert not any(c in out for c in "\x1b\x07\u202e")
    if fmt in ("json", "jsonschema", "problem", "sarif"):
        json.loads(out)


def test_render_text_has_source_lines_and_color(invalid_request_json):
    report = validate(invalid_request_json, now=NOW)
    text = report.render("text", "x.json")
    assert text.startswith("x.json:8:93: warning[BF2010]") and "      |" in text
    assert "\x1b[" in report.render("text", "x.json", color=True)
    assert report.render() == report.render("text", "<document>")


def test_problem_details(invalid_request_json, request_json):
    problem = json.loads(validate(invalid_request_json, now=NOW).render("problem"))
    assert problem["status"] == 422 and len(problem["errors"]) == 5
    assert validate(request_json, now=NOW).render("problem") == ""
    assert json.loads(validate(b"{").render("problem"))["status"] == 400


def test_sarif_of_many(invalid_request_json, request_json):
    log = json.loads(backfill_check.render_sarif([("a.json", validate(request_json, now=NOW)),
                                                   ("b.json", validate(invalid_request_json, now=NOW))]))
    results = log["runs"][0]["results"]
    assert len(results) == 6 and {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"b.json"}


def test_bad_render_arguments(request_json):
    report = validate(request_json)
    with pytest.raises(ValueError, match="format must be one of text, json, sarif, github, jsonschema, problem"):
        report.render("yaml")
    with pytest.raises(TypeError):
        report.render(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        backfill_check.render_sarif([("a.json", None)])
    with pytest.raises(TypeError):
        backfill_check.render_sarif([report])
