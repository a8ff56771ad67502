#!/usr/bin/env python3
"""Runs the hook of .pre-commit-hooks.yaml as pre-commit would (entry, args, then the staged file
names) with the built CLI, so that the hook keeps working when the CLI's options change.
Usage: precommit_hook_test.py HOOKS_YAML CLI EXAMPLES_DIR"""
import pathlib
import subprocess
import sys


def load_hooks(path):
    try:
        import yaml
        return yaml.safe_load(path.read_text())
    except ImportError:  # the file is flat enough to read by hand: "- id: x" then "  key: value" lines
        hooks = []
        for line in path.read_text().splitlines():
            if line.startswith("- "):
                hooks.append({})
                line = "  " + line[2:]
            if hooks and line.startswith("  ") and ":" in line:
                key, value = (part.strip() for part in line.split(":", 1))
                if value.startswith("["):
                    value = [item.strip() for item in value.strip("[]").split(",") if item.strip()]
                hooks[-1][key] = value
        return hooks


def main():
    hooks_file, cli, examples = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])
    hook = next(h for h in load_hooks(hooks_file) if h["id"] == "backfill-check")
    failures = []
    passed = 0
    if hook["entry"] != "backfill-check" or hook["language"] != "system" or "json" not in hook["types"]:
        failures.append(f"unexpected hook definition {hook!r}")
    command = [cli, *hook.get("args", [])]
    cases = [([examples / "request.json", examples / "error.json"], 0),
             ([examples / "request.json", examples / "invalid-request.json"], 1)]
    for files, expected in cases:
        run = subprocess.run(command + [str(f) for f in files], capture_output=True, text=True, timeout=60)
        if run.returncode != expected:
            failures.append(f"{[f.name for f in files]}: exit {run.returncode}, expected {expected}\n{run.stdout}{run.stderr}")
        else:
            print(f"ok: hook on {[f.name for f in files]} exits {expected}")
            passed += 1
    for failure in failures:
        print("FAIL:", failure)
    print(f"{passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
