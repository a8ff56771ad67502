// The drift check (scripts/drift_check.mjs) on the bundled openapi-2026-09 schemas the build writes.
//   node drift_test.mjs check BUNDLED_DIR         passes: every difference from the client is intended
//   node drift_test.mjs enum-change BUNDLED_DIR   fails on a copy whose maintenance status enum says "planned"
//                                                 instead of "scheduled", and on an intended row that is gone
// NODE_PACKAGES_DIR: where the client is installed (tests/contracts/node-test.sh).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, finish } from "../support/check.mjs";

const [mode, bundled] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schemas = join(bundled, "openapi-2026-09");

function drift(schemaDir, differences = join(root, "docs", "contracts.md")) {
  const run = spawnSync(process.execPath, [join(root, "scripts", "drift_check.mjs"), "--client", process.env.NODE_PACKAGES_DIR,
                                           "--schemas", schemaDir, "--differences", differences], { encoding: "utf8", timeout: 60000 });
  console.log(run.stdout + run.stderr);
  return run;
}

if (mode === "check") {
  const run = drift(schemas);
  check(run.status === 0, "the openapi-2026-09 schemas agree with the client, but for the intended differences");
  check(/^intended: request \/data required:/m.test(run.stdout), "the intended differences of docs/contracts.md are found");
  // 35 models with client 1.64.0: fewer means the walk stopped early (a union or a tuple not followed).
  check(/^(\d+) models/m.exec(run.stdout)?.[1] >= 35, "every model the three shapes reach is compared");
} else if (mode === "enum-change") {
  const work = mkdtempSync(join(tmpdir(), "drift-"));
  try {
    cpSync(schemas, work, { recursive: true });
    const file = join(work, "response.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8"));
    const status = schema.definitions.MaintenanceDataAttributes.properties.status;
    status.enum = status.enum.map((value) => (value === "scheduled" ? "planned" : value));
    writeFileSync(file, JSON.stringify(schema));
    const run = drift(work);
    check(run.status === 1, "one changed enum value fails the check");
    check(run.stdout.includes("DRIFT: response /data/attributes/status enum: only the client has scheduled; only the schema has planned"),
          "the difference is named: shape, path, aspect, values");
    // A row of the intended-differences table that no longer differs fails too.
    const stale = join(work, "differences.md");
    writeFileSync(stale, readFileSync(join(root, "docs", "contracts.md"), "utf8").replace(
      "| `request /data` | `required` |", "| `error /errors` | `required` | optional | required | test |\n| `request /data` | `required` |"));
    const staleRun = drift(schemas, stale);
    check(staleRun.status === 1 && staleRun.stdout.includes("STALE: error /errors required"), "an intended row that no longer differs fails");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} else {
  console.error(`drift_test.mjs: unknown mode ${mode}`);
  process.exit(2);
}
finish();
