#!/usr/bin/env python3
"""The C API from another language: Python's ctypes, exactly as docs/api.md shows it.
Usage: ctypes_test.py LIBBACKFILL_CHECK_SO EXAMPLES_DIR"""
import ctypes
import pathlib
import sys


class Diagnostic(ctypes.Structure):  # bfc_diagnostic, field for field
    _fields_ = [("size", ctypes.c_size_t), ("code", ctypes.c_char_p), ("rule", ctypes.c_char_p), ("severity", ctypes.c_int),
                ("pointer", ctypes.c_char_p), ("message", ctypes.c_char_p), ("line", ctypes.c_ulong),
                ("column", ctypes.c_ulong), ("keyword_location", ctypes.c_char_p)]


def load(path):
    lib = ctypes.CDLL(path)
    lib.bfc_validate.restype = ctypes.c_void_p
    lib.bfc_validate.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p]
    lib.bfc_report_valid.argtypes = [ctypes.c_void_p]
    lib.bfc_report_diagnostic.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(Diagnostic)]
    lib.bfc_report_render.restype = ctypes.c_void_p  # a pointer we must hand back to bfc_free
    lib.bfc_report_render.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.bfc_report_free.argtypes = [ctypes.c_void_p]
    lib.bfc_free.argtypes = [ctypes.c_void_p]
    return lib


def check(lib, body):
    """(valid, [(code, pointer, line, column)], problem document) for one body."""
    report = lib.bfc_validate(None, body, len(body), None)
    try:
        found, d, i = [], Diagnostic(size=ctypes.sizeof(Diagnostic)), 0
        while lib.bfc_report_diagnostic(report, i, ctypes.byref(d)):
            found.append((d.code.decode(), d.pointer.decode(), d.line, d.column))
            i += 1
        text = lib.bfc_report_render(report, b"problem", None)
        problem = ctypes.string_at(text).decode()
        lib.bfc_free(text)
        return bool(lib.bfc_report_valid(report)), found, problem
    finally:
        lib.bfc_report_free(report)


def main():
    lib = load(sys.argv[1])
    examples = pathlib.Path(sys.argv[2])
    failures = []
    valid, found, problem = check(lib, (examples / "request.json").read_bytes())
    if not valid or problem != "":
        failures.append(f"request.json: valid={valid} {found} {problem!r}")
    valid, found, problem = check(lib, (examples / "invalid-request.json").read_bytes())
    if valid or ("BF2002", "/data/attributes/updates/1/status", 21, 21) not in found or '"status":422' not in problem:
        failures.append(f"invalid-request.json: valid={valid} {found} {problem!r}")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{2 - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
