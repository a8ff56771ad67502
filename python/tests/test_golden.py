"""The CLI's golden cases (tests/golden/cases) replayed through the Python API: the same reports,
rendered in every format, must give the CLI's output byte for byte, and its exit status the verdict."""
import shlex

import pytest

import backfill_check
from conftest import SOURCE

CASES = SOURCE / "tests" / "golden" / "cases"
OPTIONS_WITH_VALUE = {"--kind", "--now", "--format", "--max-diagnostics", "--stdin-filename", "--request",
                      "--response", "--page-id", "--include", "--status", "--har"}
FLAGS = {"--strict"}


def parse(args):
    """The case's options, or None when it uses what the API does not do (usage errors, --ndjson,
    --quiet, --color, unreadable files, --explain and --list-rules, which test_catalogue covers)."""
    options, files = {}, []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in OPTIONS_WITH_VALUE and i + 1 < len(args):
            options[arg] = args[i + 1]
            i += 2
        elif arg in FLAGS:
            options[arg] = True
            i += 1
        elif arg.startswith("-") and arg != "-":
            return None
        else:
            files.append(arg)
            i += 1
    return options, files


def read(path, stdin):
    return stdin if path == "-" else (SOURCE / path).read_bytes()


def replay(options, files, stdin):
    """[(source name, document, Report)] as the CLI checks them, and any heading lines."""
    fmt = options.get("--format", "text")
    stdin_name = options.get("--stdin-filename", "<stdin>")
    limits = {"max_diagnostics": int(options["--max-diagnostics"])} if "--max-diagnostics" in options else None
    common = dict(now=options.get("--now"), strict=options.get("--strict", False), limits=limits)
    named = []
    if "--har" in options:
        if fmt == "text":
            return None  # text output adds a heading line per entry
        har = options["--har"]
        report = backfill_check.validate_har(SOURCE / har, **common)
        if report.file.diagnostics:
            named.append((har, report.file))
        for entry in report.entries:
            name = f"{har}#entries/{entry.index}"
            named += [(name + "/parameters", entry.exchange.parameters), (name + "/request", entry.exchange.request),
                      (name + "/response", entry.exchange.response)]
        return named
    if "--request" in options:
        request, response = options["--request"], options["--response"]
        exchange = backfill_check.validate_exchange(
            read(request, stdin), read(response, stdin), page_id=options.get("--page-id"),
            include=options.get("--include"), status=int(options["--status"]) if "--status" in options else None,
            **common)
        return [("<parameters>", exchange.parameters), (stdin_name if request == "-" else request, exchange.request),
                (stdin_name if response == "-" else response, exchange.response)]
    if "--page-id" in options or "--include" in options:
        return None  # the parameters document of file mode is the CLI's own
    validator = backfill_check.Validator(options.get("--kind", "auto"), **common)
    for path in files or ["-"]:
        named.append((stdin_name if path == "-" else path, validator.validate(read(path, stdin))))
    return named


def render(named, fmt):
    if fmt == "sarif":
        return backfill_check.render_sarif(named)
    # The CLI names jsonschema and problem records whenever it checks several documents.
    return "".join(report.render(fmt, source, named=len(named) > 1) for source, report in named)


def cases():
    for args_file in sorted(CASES.glob("*.args")):
        parsed = parse(shlex.split(args_file.read_text(encoding="utf-8")))
        if parsed is not None:
            yield pytest.param(args_file.stem, *parsed, id=args_file.stem)


@pytest.mark.parametrize("name, options, files", list(cases()))
def test_golden_case(name, options, files):
    stdin_file = CASES / (name + ".stdin")
    stdin = stdin_file.read_bytes() if stdin_file.exists() else b""
    expected = (CASES / (name + ".out")).read_text(encoding="utf-8")
    exit_line, _, output = expected.partition("\n")
    if exit_line == "exit: 2":
        pytest.skip("a usage or I/O error of the CLI (the API raises; test_validate covers it)")
    named = replay(options, files, stdin)
    if named is None:
        pytest.skip("the CLI adds lines of its own to this case")
    assert exit_line == "exit: " + ("0" if all(report.valid for _, report in named) else "1")
    fmt = options.get("--format", "text")
    if fmt in ("text", "github"):  # the CLI ends with a summary line of its own
        output = output[: output.rstrip("\n").rfind("\n") + 1]
    assert render(named, fmt) == output


def test_enough_cases_replayed():
    assert len(list(cases())) >= 30
