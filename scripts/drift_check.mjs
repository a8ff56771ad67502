// Drift check: the models of the official TypeScript client (@datadog/datadog-api-client) against the
// bundled schemas of a contract (`backfill-check --print-schema KIND --contract openapi-2026-09`).
//
//   node scripts/drift_check.mjs --client DIR --schemas DIR [--differences FILE]
//
// --client DIR       a folder whose node_modules holds the client (tests/contracts/npm-package.sh installs it)
// --schemas DIR      request.schema.json, response.schema.json, error.schema.json: bundled, self-contained
//                    (the build writes them to BUILD/schemas/bundled/CONTRACT/)
// --differences FILE the Markdown file whose "Intended differences from the official client" table lists
//                    what is kept on purpose (default: docs/contracts.md of this repository)
//
// From each shape's root model (request, 201 response, error body) the client's models and the schema
// are walked side by side: member names, required flags, types, formats, enum values and oneOf
// alternatives must agree. The client's models are read directly: a class's getAttributeTypeMap(), an
// enum's exported constants, a union's alternatives from its declaration (`A | B | UnparsedObject`).
// A difference is named SHAPE PATH ASPECT: PATH is the instance path ("[]" for array items,
// "(Model)" for a oneOf alternative), ASPECT one of member, required, type, format, enum, oneOf, length
// (a tuple's item count against minItems and maxItems).
// Exit 0: every difference is listed as intended and every listed one is still there; 1: drift; 2: usage
// or unreadable input.
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const kShapes = [
  { shape: "request", model: "CreateBackfilledMaintenanceRequest" },
  { shape: "response", model: "Maintenance" },
  { shape: "error", model: "APIErrorResponse" },
];
const kAspects = ["member", "required", "type", "format", "enum", "oneOf", "length"];
const kHeading = "## Intended differences from the official client";

// Exit 2: a wrong option, or an input that cannot be read as the check needs it.
function inputError(message) {
  console.error(`drift_check: ${message}`);
  process.exit(2);
}
function usageError(message) {
  inputError(`${message}\nusage: node drift_check.mjs --client DIR --schemas DIR [--differences FILE]`);
}

function parseArguments(argv) {
  const options = { differences: join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "contracts.md") };
  for (let i = 0; i < argv.length; i += 2) {
    const name = { "--client": "client", "--schemas": "schemas", "--differences": "differences" }[argv[i]];
    if (!name) usageError(`unknown option ${argv[i]}`);
    if (argv[i + 1] === undefined) usageError(`${argv[i]} needs a value`);
    options[name] = argv[i + 1];
  }
  if (!options.client || !options.schemas) usageError("--client and --schemas are required");
  return options;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    inputError(`cannot read ${file}: ${error.message}`);
  }
}

// The intended differences: rows of the table under kHeading whose first cell is `SHAPE PATH` and whose
// second is `ASPECT`. Other rows are for readers only (what the client's models cannot express).
function readIntendedDifferences(markdown, file = "the differences file") {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === kHeading);
  if (start < 0) inputError(`${file} has no "${kHeading}" section`);
  const intended = new Map();
  for (let i = start + 1; i < lines.length && !lines[i].startsWith("#"); ++i) {
    const cells = lines[i].split("|").map((cell) => cell.trim());
    const where = /^`(request|response|error) (\/\S*)`$/.exec(cells[1] ?? "");
    if (!where) continue;
    const aspect = /^`(\w+)`$/.exec(cells[2] ?? "");
    if (!aspect || !kAspects.includes(aspect[1])) {
      const aspects = kAspects.map((a) => "`" + a + "`").join(", ");
      inputError(`${file}:${i + 1}: the aspect of ${cells[1]} must be one of ${aspects}`);
    }
    intended.set(`${where[1]} ${where[2]} ${aspect[1]}`, i + 1);
  }
  return intended;
}

// The client's models, enums and unions, as the generated files declare them.
function clientModels(clientDir) {
  const require = createRequire(join(clientDir, "node_modules") + "/");
  let models;
  try {
    const serializer = "@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/models/ObjectSerializer";
    models = dirname(require.resolve(serializer));
  } catch (error) {
    inputError(`the client is not installed under ${clientDir}: ${error.message.split("\n")[0]}`);
  }
  const cache = new Map();
  return (name) => {
    if (cache.has(name)) return cache.get(name);
    const file = join(models, name);
    if (!existsSync(file + ".js")) inputError(`the client has no model ${name} (${file}.js)`);
    const exported = require(file + ".js");
    let entry;
    if (typeof exported[name]?.getAttributeTypeMap === "function") {
      entry = { kind: "model", attributes: Object.values(exported[name].getAttributeTypeMap()) };
    } else {
      const declaration = new RegExp(`export declare type ${name} = ([^;]+);`).exec(readFileSync(file + ".d.ts", "utf8"));
      if (!declaration) inputError(`cannot read the declaration of ${name} in ${file}.d.ts`);
      const members = declaration[1].split("|").map((m) => m.trim()).filter((m) => m !== "UnparsedObject");
      entry = members.every((m) => m.startsWith("typeof "))
        ? { kind: "enum", values: members.map((m) => exported[m.slice("typeof ".length)]) }
        : { kind: "oneOf", alternatives: members };
    }
    cache.set(name, entry);
    return entry;
  };
}

// Walks one shape: the client's type at PATH against the schema node there.
function compareShape(shape, rootModel, schema, client, report, stats) {
  const resolve = (node) => {
    for (let depth = 0; node && node.$ref !== undefined; ++depth) {
      if (depth > 32 || !node.$ref.startsWith("#/")) {
        inputError(`${shape}: cannot follow $ref ${node.$ref} (the schema must be bundled)`);
      }
      node = node.$ref.slice(2).split("/").reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], schema);
      if (node === undefined) inputError(`${shape}: $ref target missing`);
    }
    return node ?? {};
  };
  // The client's models do not say whether a value may be null: "null" in a schema's type is not compared.
  const schemaTypes = (node) => [].concat(node.type ?? []).filter((t) => t !== "null");
  const describe = (value) => (value === undefined || value.length === 0 ? "none" : [].concat(value).join(", "));

  const compareType = (path, type, format, node, stack) => {
    node = resolve(node);
    const differ = (aspect, clientSide, schemaSide) =>
      report(shape, path, aspect, `client ${describe(clientSide)}, schema ${describe(schemaSide)}`);
    if (type === "any") return;
    if (type.startsWith("Array<")) {
      if (schemaTypes(node).join() !== "array") return differ("type", "array", schemaTypes(node));
      return compareType(path + "[]", type.slice("Array<".length, -1), format, node.items ?? {}, stack);
    }
    if (type.startsWith("[")) {  // a tuple: an array of exactly that many items
      const items = type.slice(1, -1).split(", ");
      if (schemaTypes(node).join() !== "array") return differ("type", "array", schemaTypes(node));
      if (node.minItems !== items.length || node.maxItems !== items.length) {
        differ("length", `${items.length} items`, `${node.minItems ?? 0} to ${node.maxItems ?? "any number of"} items`);
      }
      return [...new Set(items)].forEach((item) => compareType(path + "[]", item, format, node.items ?? {}, stack));
    }
    const primitive = { string: "string", boolean: "boolean", Date: "string",
                        number: format === "int64" || format === "int32" ? "integer" : "number" }[type];
    if (primitive) {
      if (schemaTypes(node).join() !== primitive) differ("type", primitive, schemaTypes(node));
      if (type !== "number" && (format ?? undefined) !== node.format) differ("format", format, node.format);
      if (node.enum) differ("enum", undefined, node.enum);
      return;
    }
    const entry = client(type);
    if (entry.kind === "enum") {
      if (schemaTypes(node).join() !== "string") differ("type", "string", schemaTypes(node));
      const schemaValues = node.enum ?? [];
      const onlyClient = entry.values.filter((v) => !schemaValues.includes(v));
      const onlySchema = schemaValues.filter((v) => !entry.values.includes(v));
      const parts = [[onlyClient, "only the client has"], [onlySchema, "only the schema has"]]
        .filter(([values]) => values.length);
      if (parts.length) report(shape, path, "enum", parts.map(([values, who]) => `${who} ${describe(values)}`).join("; "));
      return;
    }
    if (entry.kind === "oneOf") {
      const alternatives = node.oneOf ?? [];
      if (alternatives.length !== entry.alternatives.length) {
        return differ("oneOf", entry.alternatives, `${alternatives.length} alternatives`);
      }
      entry.alternatives.forEach((name, i) => compareType(`${path}(${name})`, name, undefined, alternatives[i], stack));
      return;
    }
    if (stack.includes(type)) return;  // a recursive model: its members are compared where it first appears
    if (schemaTypes(node).join() !== "object") return differ("type", `object (${type})`, schemaTypes(node));
    stats.models.add(type);
    const properties = node.properties ?? {};
    const required = node.required ?? [];
    const known = new Set();
    for (const attribute of entry.attributes) {
      if (attribute.baseName === "additionalProperties") continue;  // every model accepts unknown members
      const name = attribute.baseName, at = `${path}/${name}`;
      known.add(name);
      stats.members++;
      if (!(name in properties)) {
        report(shape, at, "member", `client ${type} has it, the schema does not`);
        continue;
      }
      if (Boolean(attribute.required) !== required.includes(name)) {
        const flag = (isRequired) => (isRequired ? "required" : "optional");
        report(shape, at, "required", `client ${flag(attribute.required)}, schema ${flag(required.includes(name))}`);
      }
      compareType(at, attribute.type, attribute.format, properties[name], [...stack, type]);
    }
    for (const name of Object.keys(properties)) {
      if (!known.has(name)) report(shape, `${path}/${name}`, "member", `the schema has it, client ${type} does not`);
    }
  };
  compareType("", rootModel, undefined, schema, []);
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  let markdown;
  try {
    markdown = readFileSync(options.differences, "utf8");
  } catch (error) {
    inputError(`cannot read ${options.differences}: ${error.message}`);
  }
  const intended = readIntendedDifferences(markdown, options.differences);
  const client = clientModels(options.client);
  const stats = { models: new Set(), members: 0 };
  const seen = new Set();
  let drift = 0;
  const report = (shape, path, aspect, text) => {
    const key = `${shape} ${path} ${aspect}`;
    const listed = intended.has(key);
    if (listed) seen.add(key);
    else drift++;
    console.log(`${listed ? "intended" : "DRIFT"}: ${key}: ${text}` +
                (listed ? ` (${options.differences}:${intended.get(key)})` : ""));
  };
  for (const { shape, model } of kShapes) {
    compareShape(shape, model, readJson(join(options.schemas, `${shape}.schema.json`)), client, report, stats);
  }
  let stale = 0;
  for (const [key, line] of intended) {
    if (!seen.has(key)) {
      stale++;
      console.log(`STALE: ${key} is listed as intended (${options.differences}:${line}) but client and schema agree; ` +
                  "remove the row");
    }
  }
  console.log(`${stats.models.size} models, ${stats.members} members compared; ${seen.size} intended differences, ` +
              `${drift} unlisted, ${stale} listed but gone`);
  process.exit(drift || stale ? 1 : 0);
}

main();
