// ajv (draft-07, with ajv-formats) loads the bundled schemas the build writes (BUNDLED_DIR/CONTRACT/KIND.schema.json)
// and gives every document of tests/contracts/schema-verdicts.json its expected verdict. ajv never
// fetches a $ref by itself (no loadSchema): a reference outside the file is a compile error, shown
// below with the unbundled source schema.
// Usage: node bundled_schemas_test.mjs BUNDLED_DIR SOURCE_DIR   (NODE_PACKAGES_DIR: where ajv is installed)
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { check, finish } from "../support/check.mjs";

const require = createRequire(process.env.NODE_PACKAGES_DIR + "/");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const [bundled, source] = process.argv.slice(2);
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

// strict: false, because the schemas carry annotations ajv does not know (x-spec-type).
const newAjv = () => addFormats(new Ajv({ allErrors: true, strict: false }));
const validators = new Map();
for (const contract of readdirSync(bundled).sort()) {
  for (const file of readdirSync(join(bundled, contract)).filter((f) => f.endsWith(".schema.json")).sort()) {
    validators.set(`${contract} ${file.replace(".schema.json", "")}`, newAjv().compile(readJson(join(bundled, contract, file))));
  }
}
check(validators.has("reference request") && validators.has("openapi-2026-09 response") && validators.size >= 8,
      `${validators.size} bundled schemas compile: ${[...validators.keys()].join(", ")}`);

for (const entry of readJson(join(source, "tests", "contracts", "schema-verdicts.json")).documents) {
  const document = "document" in entry ? entry.document : readJson(join(source, entry.file));
  for (const [contract, expected] of Object.entries(entry.valid)) {
    const validate = validators.get(`${contract} ${entry.kind}`);
    const valid = validate(document);
    const errors = (validate.errors ?? []).slice(0, 2).map((e) => `${e.instancePath} ${e.message}`);
    check(valid === expected, `${entry.file ?? entry.name} under ${contract}: ${valid ? "valid" : "invalid"}, expected ${expected ? "valid" : "invalid"} ${JSON.stringify(errors)}`);
  }
}

let refused = "";
try {
  newAjv().compile(readJson(join(source, "schemas", "request.schema.json")));
} catch (error) {
  refused = error.message;
}
check(refused.includes("common.schema.json"), `the unbundled source schema does not compile alone: ${refused}`);

finish();
