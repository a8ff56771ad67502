"""validate(), Validator and their arguments: a bad document gives a report, a bad argument raises."""
import datetime
import json

import pytest

import backfill_check
from backfill_check import Limits, Validator, validate
from conftest import SOURCE
from conftest import EXAMPLES, NOW


def codes(report):
    return [d.code for d in report.diagnostics]


def test_valid_request(request_json):
    report = validate(request_json, now=NOW)
    assert report.valid and report.kind == "request" and report.diagnostics == ()
    assert (report.errors, report.warnings, report.suppressed, report.http_status) == (0, 0, 0, 200)


def test_invalid_request_diagnostics(invalid_request_json):
    report = validate(invalid_request_json, now=NOW)
    assert not report.valid and report.http_status == 422
    assert codes(report) == ["BF2010", "BF2006", "BF1002", "BF2005", "BF2003", "BF2002"]
    assert (report.errors, report.warnings) == (5, 1)
    last = report.diagnostics[-1]
    assert (last.code, last.rule, last.severity) == ("BF2002", "updates-status-order", "error")
    assert (last.pointer, last.line, last.column, last.keyword_location) == ("/data/attributes/updates/1/status", 21, 21, None)
    assert last.message == 'the second update (the end) has status "done"; it must be "completed"'
    assert report.diagnostics[2].keyword_location.endswith("/required")
    assert str(last) == ('21:21: error[BF2002] updates-status-order: the second update (the end) has status "done"; '
                         'it must be "completed" (at "/data/attributes/updates/1/status")')
    assert report.diagnostics is report.diagnostics  # built once


def test_diagnostics_outlive_their_report(invalid_request_json):
    import gc
    diagnostics = validate(invalid_request_json, now=NOW).diagnostics  # the report itself is dropped
    gc.collect()
    validate(invalid_request_json + b" " * 4096, now=NOW)  # reuses freed memory, were the texts freed
    last = diagnostics[-1]
    assert (last.pointer, last.message) == (
        "/data/attributes/updates/1/status", 'the second update (the end) has status "done"; it must be "completed"')


def test_a_dropped_report_is_freed_with_its_document(invalid_request_json):
    import gc
    import sys
    for read_diagnostics in (False, True):
        document = bytes(bytearray(invalid_request_json))  # an object of its own, to count references to
        before = sys.getrefcount(document)
        report = validate(document, now=NOW)
        if read_diagnostics:
            assert len(report.diagnostics) == 6  # cached on the report, each sharing the report's texts
        del report
        gc.collect()
        assert sys.getrefcount(document) == before, "the report (and the document it holds) was not freed"


def test_str_and_bytes_agree(invalid_request_json):
    as_bytes = validate(invalid_request_json, now=NOW)
    as_str = validate(invalid_request_json.decode(), now=NOW)
    assert [str(d) for d in as_bytes.diagnostics] == [str(d) for d in as_str.diagnostics]
    assert codes(validate(bytearray(invalid_request_json), now=NOW)) == codes(as_bytes)
    assert codes(validate(memoryview(invalid_request_json), now=NOW)) == codes(as_bytes)


def test_non_ascii_columns_count_code_points():
    report = validate('{"data": {"type": "maintenances", "attributes": {"title": "Wartung für ü", "x": 1}}}')
    unknown = [d for d in report.diagnostics if d.code == "BF2011"]
    assert unknown and unknown[0].column == 81  # in code points: "ü" is one column (two bytes)


@pytest.mark.parametrize("document, code", [
    (b'{"data": "\xff"}', "BF0003"),                 # bytes that are not UTF-8
    (b'{"data": "\xed\xa0\x80"}', "BF0003"),         # an encoded surrogate
    ('{"data": "\udcff"}', "BF0003"),                # a str with a lone surrogate: no UTF-8 holds it
    (b'{"data": "\\udfaa"}', "BF0003"),              # an escaped lone surrogate
    (b"", "BF0002"), (b"\x00", "BF0002"), (b'{"a": 1} x', "BF0002"),
    (b'{"a": 1, "a": 2}', "BF0005"),
    (b"[" * 100_000, "BF0004"),                      # nesting past the depth limit: no stack overflow
    (b"1e999999", "BF0004"),
])
def test_bad_documents_give_reports(document, code):
    report = validate(document, "auto")
    assert not report.valid
    assert code in codes(report)
    for d in report.diagnostics:  # every field decodes, whatever the input
        assert isinstance(d.message, str) and isinstance(d.pointer, str) and d.message


def test_kinds():
    error_body = (EXAMPLES / "error.json").read_bytes()
    assert validate(error_body, "error").valid
    assert validate(error_body, "auto").kind == "error"
    assert validate(b"nonsense", "auto").kind == "auto"
    assert not validate(error_body, "request").valid
    assert validate(b'{"page_id": "nope"}', "parameters").diagnostics[0].code == "BF2005"


def test_now_and_strict(request_json):
    past = "2000-01-01T00:00:00Z"
    assert codes(validate(request_json, now=past)) == ["BF2009"]  # a warning: still valid
    assert validate(request_json, now=past).valid
    assert not validate(request_json, now=past, strict=True).valid
    assert validate(request_json, now=past, strict=True).diagnostics[0].severity == "error"
    aware = datetime.datetime(2000, 1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert codes(validate(request_json, now=aware)) == ["BF2009"]
    assert codes(validate(request_json, now=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc))) == []


def test_limits(invalid_request_json, request_json):
    report = validate(invalid_request_json, now=NOW, limits=Limits(max_diagnostics=2))
    assert report.suppressed == 4 and report.suppressed_errors == 3 and report.suppressed_warnings == 1
    assert codes(report) == ["BF2006", "BF1002", "BF0006"]  # errors first; the verdict counts all
    assert (report.errors, report.warnings) == (5, 1)
    assert codes(validate(request_json, limits={"max_bytes": 100})) == ["BF0004"]
    assert codes(validate(b"[[[1]]]", "auto", limits={"max_depth": 2})) == ["BF0004"]
    assert validate(request_json, now=NOW, limits=Limits(max_bytes=len(request_json))).valid


def test_huge_inputs_under_the_limits():
    component = '{"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "degraded"}'
    # About 12 MB: every component is a BF2006 error; 1000 are listed, the rest counted.
    document = ('{"data": {"type": "maintenances", "attributes": {"title": "t", "updates": [{"components_affected": ['
                + ",".join([component] * 180_000) + ']}]}}}')
    report = validate(document, now=NOW)
    assert not report.valid and len(report.diagnostics) == 1001 and report.diagnostics[-1].code == "BF0006"
    assert report.suppressed > 350_000 and report.errors > 360_000  # BF2006 and BF2007 (the same id) each
    big_string = json.dumps({"data": {"type": "maintenances", "attributes": {"title": "x" * 30_000_000}}})
    assert "BF1002" in codes(validate(big_string))  # 30 MB of one string: parsed, title checked
    assert codes(validate(big_string, limits={"max_bytes": 1 << 20})) == ["BF0004"]


def test_validator_options_are_fixed(invalid_request_json):
    validator = Validator("request", now=NOW, strict=True)
    assert validator.validate(invalid_request_json).errors == 6  # the warning counts as an error
    assert validator.kind == "request" and validator.strict and validator.now == NOW
    assert "strict=True" in repr(validator)


@pytest.mark.parametrize("call, error, text", [
    (lambda: validate(b"{}", "maintenance"), ValueError, 'kind must be "request"'),
    (lambda: validate(b"{}", 3), TypeError, "kind must be a str"),
    (lambda: validate(42), TypeError, "text must be str or bytes, not int"),
    (lambda: validate(None), TypeError, "text must be str or bytes, not NoneType"),
    (lambda: validate(b"{}", now="yesterday"), ValueError, "is not an RFC 3339 date-time"),
    (lambda: validate(b"{}", now=datetime.datetime(2026, 1, 1)), ValueError, "timezone-aware"),
    (lambda: validate(b"{}", now=1767225600), TypeError, "now must be"),
    (lambda: validate(b"{}", strict="yes"), TypeError, "strict must be a bool"),
    (lambda: validate(b"{}", limits=Limits(max_depth=0)), ValueError, "max_depth must be from 1 to 1000"),
    (lambda: validate(b"{}", limits={"max_depth": 1001}), ValueError, "max_depth must be from 1 to 1000"),
    (lambda: validate(b"{}", limits={"max_bytes": -1}), ValueError, "max_bytes must be from 0"),
    (lambda: validate(b"{}", limits={"max_bytes": "1"}), TypeError, "max_bytes must be an int"),
    (lambda: validate(b"{}", limits={"max_byte": 1}), TypeError, "max_byte"),
    (lambda: validate(b"{}", limits=[1]), TypeError, "limits must be"),
    (lambda: validate(b"{}", contract="newest"), ValueError, 'contract must be None or one of "reference"'),
    (lambda: validate(b"{}", contract=1), TypeError, "contract must be a str"),
    (lambda: validate(b"{}", kind=["request"]), TypeError, "kind must be a str"),
    (lambda: backfill_check.explain("BF9999"), ValueError, "unknown rule"),
    (lambda: backfill_check.schema("auto"), ValueError, "kind must be"),
])
def test_bad_arguments_raise(call, error, text):
    with pytest.raises(error, match=None) as raised:
        call()
    assert text in str(raised.value)


def test_bad_argument_messages_are_neutral():
    with pytest.raises(ValueError) as raised:
        validate(b"{}", "\x1b[31mred")
    assert "\x1b" not in str(raised.value) and "\\u001b" in str(raised.value)


def test_reference_contract_is_the_default(request_json):
    assert codes(validate(request_json, now=NOW, contract="reference")) == codes(validate(request_json, now=NOW))


def test_contracts_choose_the_schemas():
    minimal = (SOURCE / "tests" / "data" / "client-minimal-request.json").read_bytes()
    strict = validate(minimal, now="2026-10-01T00:00:00Z")
    assert not strict.valid and "BF1002" in codes(strict)
    assert "required by contract reference" in " ".join(d.message for d in strict.diagnostics)
    assert validate(minimal, now="2026-10-01T00:00:00Z", contract="openapi-2026-09").valid


def test_schemas_directory_replaces_the_contracts_files():
    minimal = (SOURCE / "tests" / "data" / "client-minimal-request.json").read_bytes()
    optional = Validator(now="2026-10-01T00:00:00Z", schemas=SOURCE / "tests" / "data" / "schemas" / "optional")
    assert optional.validate(minimal).valid and optional.schema_notes == []
    assert "schemas=" in repr(optional)
    unsupported = Validator(now=NOW, schemas=str(SOURCE / "tests" / "data" / "schemas" / "unsupported"))
    assert len(unsupported.schema_notes) == 1 and '"minLength"' in unsupported.schema_notes[0]
    empty_title = (SOURCE / "tests" / "data" / "empty-title-request.json").read_bytes()
    assert not unsupported.validate(empty_title).valid
    with pytest.raises(ValueError, match="request.schema.json:4:31"):
        Validator(schemas=SOURCE / "tests" / "data" / "schemas" / "bad-json")
    with pytest.raises(ValueError, match="schemas: "):
        Validator(schemas=SOURCE / "tests" / "data" / "no-such-directory")
    with pytest.raises(TypeError, match="schemas must be a str"):
        Validator(schemas=b"tests")


def test_formats_and_helpers():
    assert backfill_check.is_uuid("4e9d3726-bdd7-0079-613c-e9aaba89eb01") and not backfill_check.is_uuid("4e9d")
    assert backfill_check.is_date_time(b"2021-11-11T11:11:60Z") is False
    assert backfill_check.is_date_time("2016-12-31T23:59:60Z")
    assert json.loads(backfill_check.schema("request"))["$schema"].startswith("http://json-schema.org/draft-07")
    assert backfill_check.__version__.count(".") == 2
