"""Validate bodies of Datadog's ``POST /api/v2/statuspages/{page_id}/maintenances/backfill``.

    import backfill_check
    report = backfill_check.validate(open("maintenance.json", "rb").read())
    for d in report.diagnostics: print(d)

A bad document never raises: it gives a Report with diagnostics. Bad arguments raise ValueError or
TypeError. Validators are immutable and thread-safe, and the GIL is released while validating, so
threads (``validate_many(jobs=N)``, a ThreadPoolExecutor) validate in parallel.

Diagnostic fields hold the values as found (a pointer names a member exactly as the document
spells it); ``str(diagnostic)`` and ``Report.render()`` escape controls, bidirectional marks and
invalid UTF-8 and are fit to print.
"""
from __future__ import annotations

import collections
import datetime
import functools
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Deque, Iterable, Iterator, List, Literal, Mapping, Optional, Tuple, Union

from . import _core
from ._core import Diagnostic, ExchangeReport, HarEntry, HarReport, Report, Rule

__all__ = [
    "Diagnostic", "ExchangeReport", "FORMATS", "HarEntry", "HarReport", "Kind", "Limits", "Report", "Rule",
    "Validator", "__version__", "explain", "is_date_time", "is_uuid", "render_sarif", "rules", "schema",
    "validate", "validate_exchange", "validate_har", "validate_many",
]

__version__: str = _core.__version__

Kind = Literal["request", "response", "error", "parameters", "auto"]
Text = Union[str, bytes]
Now = Union[str, datetime.datetime, None]

#: The output formats of ``Report.render()``, as the CLI's ``--format``.
FORMATS: Tuple[str, ...] = _core.FORMATS

# Documents handed to a worker at once by validate_many: enough to amortise a thread hand-off.
_BATCH_DOCUMENTS = 256
_BATCH_BYTES = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile input from exhausting memory, stack or output (as the CLI's
    --max-bytes, --max-depth and --max-diagnostics)."""

    max_bytes: int = _core.DEFAULT_MAX_BYTES  #: larger documents are rejected (BF0004)
    max_depth: int = _core.DEFAULT_MAX_DEPTH  #: deeper nesting is rejected (BF0004); 1 to 1000
    max_diagnostics: int = _core.DEFAULT_MAX_DIAGNOSTICS  #: later findings are counted, not listed (BF0006)

    def __post_init__(self) -> None:
        for name, low, high in (("max_bytes", 0, 2**64 - 1), ("max_depth", 1, 1000),
                                ("max_diagnostics", 0, 2**64 - 1)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"Limits.{name} must be an int, not {type(value).__name__}")
            if not low <= value <= high:
                raise ValueError(f"Limits.{name} must be from {low} to {high}; not {value}")


def _limits_of(limits: Union[Limits, Mapping[str, int], None]) -> Limits:
    if limits is None:
        return Limits()
    if isinstance(limits, Limits):
        return limits
    if isinstance(limits, Mapping):
        return Limits(**limits)  # an unknown key is a TypeError, as for any keyword argument
    raise TypeError(f"limits must be a Limits, a mapping or None, not {type(limits).__name__}")


def _now_text(now: Now) -> Optional[str]:
    if now is None or isinstance(now, str):
        return now
    if isinstance(now, datetime.datetime):
        if now.utcoffset() is None:
            raise ValueError("now must be timezone-aware (e.g. datetime.now(timezone.utc)); a naive datetime names no instant")
        return now.isoformat()
    raise TypeError(f"now must be an RFC 3339 str, an aware datetime or None, not {type(now).__name__}")


def _check_contract(contract: Optional[str]) -> None:
    # Which names are contracts is the library's to say (the Validator raises ValueError).
    if contract is not None and not isinstance(contract, str):
        raise TypeError(f"contract must be a str or None, not {type(contract).__name__}")


class Validator(_core.Validator):
    """Validates documents with fixed options. Build one and share it: it is immutable and
    thread-safe, and the schemas are compiled once per process."""

    def __init__(self, kind: Kind = "request", *, contract: Optional[str] = None, now: Now = None,
                 strict: bool = False, limits: Union[Limits, Mapping[str, int], None] = None,
                 schemas: Union[str, "os.PathLike[str]", None] = None) -> None:
        """kind: the shape to check ("auto" recognises request, response or error from the content);
        contract: None or "reference" (the API reference page), or "openapi-2026-09" (the newest
        OpenAPI document; docs/contracts.md); now: "now" for the completed-in-future rule (default:
        the clock at each validation); strict: warnings count as errors; limits: see Limits;
        schemas: a directory of your own schema documents (request.schema.json, ...,
        common.schema.json: those present replace the contract's), read now, as
        backfill-check --schemas (ValueError naming the file and place when they cannot be used;
        schema_notes lists the kinds the reference validator then decides)."""
        if not isinstance(kind, str):
            raise TypeError(f"kind must be a str, not {type(kind).__name__}")
        if not isinstance(strict, bool):
            raise TypeError(f"strict must be a bool, not {type(strict).__name__}")
        _check_contract(contract)
        self.kind = kind
        self.contract = contract
        self.now = now
        self.strict = strict
        self.limits = _limits_of(limits)
        self.schemas = None if schemas is None else os.fspath(schemas)
        if self.schemas is not None and not isinstance(self.schemas, str):
            raise TypeError(f"schemas must be a str or os.PathLike[str], not {type(schemas).__name__}")
        super().__init__(kind, contract, _now_text(now), strict, self.limits.max_bytes, self.limits.max_depth,
                         self.limits.max_diagnostics, self.schemas)

    def __repr__(self) -> str:
        schemas = "" if self.schemas is None else f", schemas={self.schemas!r}"
        return (f"Validator(kind={self.kind!r}, contract={self.contract!r}, now={self.now!r}, "
                f"strict={self.strict!r}, limits={self.limits!r}{schemas})")

    def validate_many(self, texts: Iterable[Text], *, jobs: int = 1) -> Iterator[Report]:
        """Validates each document of `texts` (read as they are needed) on `jobs` threads and
        yields the reports in input order. At most about 2 x jobs batches are in flight."""
        if isinstance(jobs, bool) or not isinstance(jobs, int):
            raise TypeError(f"jobs must be an int, not {type(jobs).__name__}")
        if not 1 <= jobs <= 256:
            raise ValueError(f"jobs must be from 1 to 256; not {jobs}")
        if isinstance(texts, (str, bytes)):
            raise TypeError("validate_many takes an iterable of documents; for one document use validate()")
        return self._stream(_batches(texts), jobs)

    def _stream(self, batches: Iterator[List[Text]], jobs: int) -> Iterator[Report]:
        if jobs == 1:
            for batch in batches:
                yield from self._validate_batch(batch)
            return
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="backfill_check") as pool:
            pending: Deque[Future[List[Report]]] = collections.deque()
            failure: Optional[Exception] = None
            try:
                while True:
                    try:
                        batch = next(batches)
                    except StopIteration:
                        break
                    except Exception as error:  # raised after the reports of the documents before it
                        failure = error
                        break
                    pending.append(pool.submit(self._validate_batch, batch))
                    if len(pending) >= 2 * jobs:
                        yield from pending.popleft().result()
                while pending:
                    yield from pending.popleft().result()
            finally:  # the consumer stopped early: drop what is queued
                for future in pending:
                    future.cancel()
        if failure is not None:
            raise failure

    def validate_har(self, har: Union[str, bytes, os.PathLike[str]]) -> HarReport:
        """Validates every call of the endpoint in a HAR 1.2 file: a path (str or PathLike), or
        the file's contents as bytes. OSError when the path cannot be read."""
        if isinstance(har, (str, os.PathLike)):
            with open(har, "rb") as file:
                har = file.read()
        elif not isinstance(har, bytes):
            raise TypeError(f"har must be a path or bytes, not {type(har).__name__}")
        return self._validate_har(har)

    def validate_exchange(self, request: Text, response: Text, *, status: Optional[int] = None,
                          page_id: Optional[str] = None, include: Optional[str] = None,
                          content_type: Optional[str] = None) -> ExchangeReport:
        """Validates a recorded call: the parameters (page_id, include, status, content_type;
        None: not given, status 201), the request and the response, and that the response
        reflects the request."""
        if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
            raise TypeError(f"status must be an int or None, not {type(status).__name__}")
        if status is not None and not 0 <= status <= 999:
            raise ValueError(f"status must be an HTTP status code (0 to 999); not {status}")
        for name, value in (("page_id", page_id), ("include", include), ("content_type", content_type)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
        return self._validate_exchange(request, response, page_id, include, status, content_type)


def _batches(texts: Iterable[Text]) -> Iterator[List[Text]]:
    batch: List[Text] = []
    size = 0
    for index, text in enumerate(texts):
        if not isinstance(text, (str, bytes, bytearray, memoryview)):
            if batch:
                yield batch  # the documents before the bad one are still reported, in order
            raise TypeError(f"document {index} of validate_many must be str or bytes, not {type(text).__name__}")
        batch.append(text)
        size += len(text)
        if len(batch) >= _BATCH_DOCUMENTS or size >= _BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


@functools.lru_cache(maxsize=32, typed=True)
def _validator(kind: Kind, contract: Optional[str], now: Now, strict: bool, limits: Limits) -> Validator:
    return Validator(kind, contract=contract, now=now, strict=strict, limits=limits)


def _shared(kind: Kind, contract: Optional[str], now: Now, strict: bool,
            limits: Union[Limits, Mapping[str, int], None]) -> Validator:
    """A Validator for these options; calls with the same options share one."""
    checked = _limits_of(limits)
    try:
        hash((kind, contract, now, strict))
    except TypeError:  # no valid argument is unhashable: let Validator say what is wrong
        return Validator(kind, contract=contract, now=now, strict=strict, limits=checked)
    return _validator(kind, contract, now, strict, checked)


def validate(text: Text, kind: Kind = "request", *, contract: Optional[str] = None, now: Now = None,
             strict: bool = False, limits: Union[Limits, Mapping[str, int], None] = None) -> Report:
    """Validates one document (str, or bytes as read from a file) as `kind`; see Validator."""
    return _shared(kind, contract, now, strict, limits).validate(text)


def validate_many(texts: Iterable[Text], kind: Kind = "request", *, jobs: int = 1, contract: Optional[str] = None,
                  now: Now = None, strict: bool = False,
                  limits: Union[Limits, Mapping[str, int], None] = None) -> Iterator[Report]:
    """Validates many documents on `jobs` threads; yields the reports in input order."""
    return _shared(kind, contract, now, strict, limits).validate_many(texts, jobs=jobs)


def validate_exchange(request: Text, response: Text, *, status: Optional[int] = None, page_id: Optional[str] = None,
                      include: Optional[str] = None, content_type: Optional[str] = None,
                      contract: Optional[str] = None, now: Now = None, strict: bool = False,
                      limits: Union[Limits, Mapping[str, int], None] = None) -> ExchangeReport:
    """Validates a recorded call (see Validator.validate_exchange); the response's kind follows the status."""
    return _shared("auto", contract, now, strict, limits).validate_exchange(
        request, response, status=status, page_id=page_id, include=include, content_type=content_type)


def validate_har(har: Union[str, bytes, os.PathLike[str]], *, contract: Optional[str] = None, now: Now = None,
                 strict: bool = False, limits: Union[Limits, Mapping[str, int], None] = None) -> HarReport:
    """Validates every call of the endpoint in a HAR file (a path, or its contents as bytes)."""
    return _shared("auto", contract, now, strict, limits).validate_har(har)


def rules() -> List[Rule]:
    """The rule catalogue, in code order (as ``backfill-check --list-rules``)."""
    return _core.rules()


def explain(code: str) -> str:
    """A rule's explanation with a failing and a fixed example, as ``backfill-check --explain``;
    `code` is a code ("BF2003") or a rule name ("started-at-order"). ValueError when unknown."""
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, not {type(code).__name__}")
    rule = _core.find_rule(code)
    if rule is None:
        raise ValueError(f"unknown rule {code!r}; see backfill_check.rules()")
    return f"{rule.code} {rule.rule} ({rule.severity})\n{rule.title}\n\n{rule.explanation}\n"


def render_sarif(reports: Iterable[Tuple[str, Report]]) -> str:
    """One SARIF 2.1.0 log for many documents: (source name, Report) pairs, as ``--format sarif``."""
    return _core.render_sarif(list(reports))


def is_uuid(text: Text) -> bool:
    """True when `text` is a UUID (8-4-4-4-12 hexadecimal digits, any case, version and variant)."""
    return _core.is_uuid(text)


def is_date_time(text: Text) -> bool:
    """True when `text` is an RFC 3339 date-time, exactly as the validator checks one."""
    return _core.is_date_time(text)


def schema(kind: Kind = "request") -> str:
    """The embedded JSON Schema (draft-07) document of a kind other than "auto"."""
    text = _core.schema(kind) if isinstance(kind, str) else None
    if text is None:
        raise ValueError(f"kind must be \"request\", \"response\", \"error\" or \"parameters\"; not {kind!r}")
    return text
