"""validate_exchange() and validate_har() on the recorded call and HAR files of tests/data."""
import pathlib

import pytest

import backfill_check
from conftest import SOURCE

DATA = SOURCE / "tests" / "data"
PAGE = "bbf96c2c-48cf-4951-96d2-f5b503c93c49"
LATER = "2026-06-01T00:00:00Z"


def test_exchange_valid():
    request, response = (DATA / "cassette-request.json").read_bytes(), (DATA / "cassette-response.json").read_text()
    report = backfill_check.validate_exchange(request, response, page_id=PAGE, now=LATER)
    assert report.valid and report.request.valid and report.response.kind == "response"
    assert report.parameters.valid and report.parameters.render("json", "<parameters>").startswith('{"source":"<parameters>"')


def test_exchange_faults():
    request, response = (DATA / "cassette-request.json").read_bytes(), (DATA / "cassette-response.json").read_bytes()
    report = backfill_check.validate_exchange(request, response, page_id="nope", include="status_page,,x",
                                              status=201, content_type="text/html", now=LATER)
    assert not report.valid
    assert {d.code for d in report.parameters.diagnostics} >= {"BF2005", "BF4001", "BF4004"}
    other_page = backfill_check.validate_exchange(request, response, page_id="4e9d3726-bdd7-0079-613c-e9aaba89eb01", now=LATER)
    assert "BF4007" in {d.code for d in other_page.response.diagnostics}
    redirect = backfill_check.validate_exchange(b"{}", b"", status=302)
    assert [d.code for d in redirect.parameters.diagnostics] == ["BF4003"] and redirect.response.diagnostics == ()


@pytest.mark.parametrize("call, error", [
    (lambda: backfill_check.validate_exchange(b"{}", b"{}", status="201"), TypeError),
    (lambda: backfill_check.validate_exchange(b"{}", b"{}", status=True), TypeError),
    (lambda: backfill_check.validate_exchange(b"{}", b"{}", status=10**20), ValueError),
    (lambda: backfill_check.validate_exchange(b"{}", b"{}", page_id=5), TypeError),
    (lambda: backfill_check.validate_exchange(b"{}", None), TypeError),
    (lambda: backfill_check.validate_har(12), TypeError),
    (lambda: backfill_check.validate_har(str(DATA / "missing.har")), FileNotFoundError),
])
def test_exchange_and_har_bad_arguments(call, error):
    with pytest.raises(error):
        call()


def test_har_from_path_pathlike_and_bytes():
    path = DATA / "exchange.har"
    by_path = backfill_check.validate_har(str(path), now=LATER)
    by_pathlike = backfill_check.validate_har(pathlib.Path(path), now=LATER)
    by_bytes = backfill_check.validate_har(path.read_bytes(), now=LATER)
    for report in (by_path, by_pathlike, by_bytes):
        assert [(e.index, e.method) for e in report.entries] == [(e.index, e.method) for e in by_path.entries]
    entry = by_path.entries[0]
    assert entry.url.endswith("/maintenances/backfill") and isinstance(entry.exchange, backfill_check.ExchangeReport)
    assert by_path.skipped >= 1


def test_har_edge_cases():
    report = backfill_check.validate_har(DATA / "har-edge-cases.har", now=LATER)
    assert not report.valid
    assert [d.code for d in report.file.diagnostics] == ["BF4009"]
    assert [d.code for d in report.entries[0].exchange.parameters.diagnostics] == ["BF4003"]


def test_har_not_json():
    report = backfill_check.validate_har(b"\xff not a har")
    assert not report.valid and report.entries == () and report.file.diagnostics
