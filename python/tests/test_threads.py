"""Validators shared across threads, the GIL released while validating, validate_many's order."""
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import backfill_check
from backfill_check import Validator
from conftest import EXAMPLES, NOW

DOCUMENTS = [(EXAMPLES / name).read_bytes() for name in ("request.json", "invalid-request.json", "malformed.json",
                                                         "error.json")]


def fingerprint(report):
    return report.valid, report.kind, tuple(str(d) for d in report.diagnostics)


def test_one_validator_shared_by_threads():
    validator = Validator("auto", now=NOW)
    expected = [fingerprint(validator.validate(d)) for d in DOCUMENTS]
    work = DOCUMENTS * 200
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda d: fingerprint(validator.validate(d)), work))
    assert results == expected * 200


@pytest.mark.parametrize("jobs", [1, 2, 7])
def test_validate_many_in_order(jobs):
    work = [DOCUMENTS[i % 4] if i % 3 else DOCUMENTS[i % 4].decode("utf-8", "replace") for i in range(1500)]
    expected = [fingerprint(backfill_check.validate(d, "auto", now=NOW)) for d in work]
    actual = [fingerprint(r) for r in backfill_check.validate_many(iter(work), "auto", jobs=jobs, now=NOW)]
    assert actual == expected


def test_validate_many_streams():
    consumed = []

    def documents():
        for i in range(100_000):
            consumed.append(i)
            yield DOCUMENTS[0]

    stream = Validator(now=NOW).validate_many(documents(), jobs=2)
    first = [next(stream) for _ in range(10)]
    assert all(r.valid for r in first)
    assert len(consumed) < 10_000  # read as needed: at most a few batches ahead
    stream.close()


@pytest.mark.parametrize("jobs", [1, 3])
def test_validate_many_bad_item_after_the_good_ones(jobs):
    reports = []
    with pytest.raises(TypeError, match="document 700 of validate_many must be str or bytes, not int"):
        for report in backfill_check.validate_many([DOCUMENTS[0]] * 700 + [7], jobs=jobs, now=NOW):
            reports.append(report)
    assert len(reports) == 700


@pytest.mark.parametrize("call, error", [
    (lambda: backfill_check.validate_many([b"{}"], jobs=0), ValueError),
    (lambda: backfill_check.validate_many([b"{}"], jobs=2.0), TypeError),
    (lambda: backfill_check.validate_many(b"{}"), TypeError),
])
def test_validate_many_bad_arguments(call, error):
    with pytest.raises(error):
        call()


def test_gil_is_released_while_validating():
    """A pure-Python thread counts, yielding the GIL now and then, while the main thread validates.
    The switch interval is made long, so that the main thread is never forced to hand the GIL over:
    the count can change during validate() only if validate() releases the GIL (no time is measured)."""
    document = b'{"data": {"type": "maintenances", "attributes": {"title": "' + b"x" * (8 << 20) + b'"}}}'
    validator = Validator(now=NOW)
    counter = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            counter[0] += 1
            if counter[0] % 64 == 0:
                time.sleep(0)  # lets the main thread take the GIL back when validate() returns

    interval = sys.getswitchinterval()
    thread = threading.Thread(target=count)
    advanced = False
    sys.setswitchinterval(30)
    try:
        thread.start()
        for _ in range(20):  # a few chances for the OS to schedule the counting thread
            before = counter[0]
            validator.validate(document)
            advanced = counter[0] != before
            if advanced:
                break
    finally:
        stop.set()
        sys.setswitchinterval(interval)
        thread.join()
    assert advanced


def test_interpreter_exits_while_daemon_threads_validate():
    """At exit Python ends daemon threads that ask for the GIL back (pthread_exit); that must not
    turn into std::terminate inside the module (an abort, exit status 134)."""
    script = """if True:
        import threading
        import backfill_check
        document = b'{"data": {"type": "maintenances", "attributes": {"title": "' + b"x" * (4 << 20) + b'"}}}'
        validator = backfill_check.Validator()
        running = threading.Barrier(3)
        def loop():
            running.wait()
            while True:
                validator.validate(document)
        for _ in range(2):
            threading.Thread(target=loop, daemon=True).start()
        running.wait()
        print("exiting")
    """
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "exiting\n", "")
