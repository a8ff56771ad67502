#!/usr/bin/env python3
"""Runs both hooks of .pre-commit-hooks.yaml as pre-commit would (entry, args, then the staged file
names) with the built CLI, so that the hooks keep working when the CLI's options change: the script
hook pointed at the built CLI (BACKFILL_CHECK), the system hook with it on PATH. (pre-commit itself
runs them in tests/install/precommit-test.sh.)
Usage: precommit_hook_test.py HOOKS_YAML CLI EXAMPLES_DIR"""
import os
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
    hooks = {h["id"]: h for h in load_hooks(hooks_file)}
    failures = []
    passed = 0
    expected_hooks = {"backfill-check": ("scripts/precommit-hook.sh", "script"),
                      "backfill-check-system": ("backfill-check", "system")}
    env = dict(os.environ, BACKFILL_CHECK=str(pathlib.Path(cli).resolve()),
               PATH=str(pathlib.Path(cli).resolve().parent) + os.pathsep + os.environ.get("PATH", ""))
    for hook_id, (entry, language) in expected_hooks.items():
        hook = hooks.get(hook_id)
        if not hook or hook["entry"] != entry or hook["language"] != language or "json" not in hook["types"]:
            failures.append(f"unexpected hook definition {hook_id}: {hook!r}")
            continue
        # A script entry is relative to the hook repository (here: the source tree).
        program = str(hooks_file.parent / entry) if language == "script" else entry
        command = [program, *hook.get("args", [])]
        cases = [([examples / "request.json", examples / "error.json"], 0),
                 ([examples / "request.json", examples / "invalid-request.json"], 1)]
        for files, expected in cases:
            run = subprocess.run(command + [str(f) for f in files], capture_output=True, text=True, timeout=60, env=env)
            if run.returncode != expected:
                failures.append(f"{hook_id} {[f.name for f in files]}: exit {run.returncode}, expected {expected}\n{run.stdout}{run.stderr}")
            else:
                print(f"ok: {hook_id} on {[f.name for f in files]} exits {expected}")
                passed += 1
    for failure in failures:
        print("FAIL:", failure)
    print(f"{passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
