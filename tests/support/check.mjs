// The node tests' checks: one "ok:" or "FAIL:" line each, then a count, and exit 1 if any failed.
let failures = 0, passed = 0;

export function check(ok, what) {
  if (ok) passed++;
  else failures++;
  console.log(ok ? "ok:" : "FAIL:", what);
}

export function finish() {
  console.log(`${passed} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}
