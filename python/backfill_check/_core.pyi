# Types of the extension module backfill_check._core (python/src/module.cpp). The public API is
# backfill_check/__init__.py, which re-exports the result classes below.
from typing import Iterable, List, Literal, Optional, Tuple, Union

Severity = Literal["error", "warning", "info"]

__version__: str
FORMATS: Tuple[str, ...]
DEFAULT_MAX_BYTES: int
DEFAULT_MAX_DEPTH: int
DEFAULT_MAX_DIAGNOSTICS: int

class Diagnostic:
    """One finding about one value of a document."""
    @property
    def code(self) -> str: ...  # "BF2002"
    @property
    def rule(self) -> str: ...  # "updates-status-order"
    @property
    def severity(self) -> Severity: ...  # after strict
    @property
    def pointer(self) -> str: ...  # RFC 6901 JSON Pointer; "" is the document root
    @property
    def message(self) -> str: ...  # what is wrong and what is expected
    @property
    def line(self) -> int: ...  # 1-based; 0 when unknown
    @property
    def column(self) -> int: ...  # 1-based, in code points
    @property
    def keyword_location(self) -> Optional[str]: ...  # schema diagnostics: JSON Pointer into the schema

class Report:
    """The verdict on one document."""
    @property
    def valid(self) -> bool: ...  # no error found, listed or not
    @property
    def kind(self) -> Literal["request", "response", "error", "parameters", "auto"]: ...  # "auto": not parseable
    @property
    def diagnostics(self) -> Tuple[Diagnostic, ...]: ...  # in document order (errors first when cut)
    @property
    def suppressed(self) -> int: ...  # findings over Limits.max_diagnostics, counted, not listed
    @property
    def suppressed_errors(self) -> int: ...
    @property
    def suppressed_warnings(self) -> int: ...
    @property
    def errors(self) -> int: ...  # every error, listed or not
    @property
    def warnings(self) -> int: ...  # every warning, listed or not
    @property
    def http_status(self) -> int: ...  # as render("problem"): 200, 400, 422 (500: internal)
    def render(self, format: str = "text", source: str = "<document>", *, color: bool = False, named: bool = False) -> str: ...

class ExchangeReport:
    """The verdicts on a recorded call."""
    @property
    def parameters(self) -> Report: ...  # page_id, include, status, content type
    @property
    def request(self) -> Report: ...
    @property
    def response(self) -> Report: ...
    @property
    def valid(self) -> bool: ...

class HarEntry:
    """One call of the endpoint in a HAR file."""
    @property
    def index(self) -> int: ...  # position in log.entries
    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def exchange(self) -> ExchangeReport: ...

class HarReport:
    """The verdicts on a HAR file."""
    @property
    def file(self) -> Report: ...  # the HAR document itself
    @property
    def entries(self) -> Tuple[HarEntry, ...]: ...
    @property
    def skipped(self) -> int: ...  # entries for other URLs or methods
    @property
    def valid(self) -> bool: ...

class Rule:
    """One entry of the rule catalogue."""
    @property
    def code(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def title(self) -> str: ...
    @property
    def explanation(self) -> str: ...

class Validator:
    def __init__(self, kind: str, contract: Optional[str], now: Optional[str], strict: bool, max_bytes: int,
                 max_depth: int, max_diagnostics: int, schemas: Optional[str]) -> None: ...
    @property
    def schema_notes(self) -> List[str]: ...
    def validate(self, text: Union[str, bytes]) -> Report: ...
    def _validate_batch(self, texts: List[Union[str, bytes]]) -> List[Report]: ...
    def _validate_exchange(self, request: Union[str, bytes], response: Union[str, bytes], page_id: Optional[str],
                           include: Optional[str], status: Optional[int], content_type: Optional[str]) -> ExchangeReport: ...
    def _validate_har(self, har: bytes) -> HarReport: ...

def rules() -> List[Rule]: ...
def find_rule(code_or_name: str) -> Optional[Rule]: ...
def render_sarif(reports: Iterable[Tuple[str, Report]]) -> str: ...
def is_uuid(text: Union[str, bytes]) -> bool: ...
def is_date_time(text: Union[str, bytes]) -> bool: ...
def schema(kind: str) -> Optional[str]: ...
