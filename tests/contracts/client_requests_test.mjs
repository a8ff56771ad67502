// Requests built by the official TypeScript client (its model classes, serialised by its own request
// factory and ObjectSerializer: what it would put on the wire), checked by the CLI under both contracts.
// Usage: node client_requests_test.mjs BACKFILL_CHECK   (NODE_PACKAGES_DIR: where the client is installed)
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { check, finish } from "../support/check.mjs";

const require = createRequire(process.env.NODE_PACKAGES_DIR + "/");
const { client, v2 } = require("@datadog/datadog-api-client");
const { StatusPagesApiRequestFactory } = require("@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/apis/StatusPagesApi");
// The enum of an affected component's status, as the client's model names it.
const componentStatusType = v2.CreateMaintenanceRequestDataAttributesComponentsAffectedItems.getAttributeTypeMap().status.type;
const componentStatuses = require(`@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/models/${componentStatusType}`);

const cli = process.argv[2];
const PAGE = "bbf96c2c-48cf-4951-96d2-f5b503c93c49";
const COMPONENT = "02c0c5d4-6735-45c8-a184-4a6d5b746793";
const TEMPLATE = "4e9d3726-bdd7-0079-613c-e9aaba89eb01";
const CONTRACTS = ["reference", "openapi-2026-09"];

const model = (name, members) => Object.assign(new v2[name](), members);
const component = (status, extra = {}) => model("CreateMaintenanceRequestDataAttributesComponentsAffectedItems", { id: COMPONENT, status, ...extra });
const update = (status, startedAt, extra = {}) =>
  model("CreateBackfilledMaintenanceRequestDataAttributesUpdatesItems", { description: `${status} update`, startedAt, status, ...extra });
const request = (updates, { data = {}, attributes = {} } = {}) => model("CreateBackfilledMaintenanceRequest", {
  data: model("CreateBackfilledMaintenanceRequestData", {
    type: "maintenances",
    attributes: model("CreateBackfilledMaintenanceRequestDataAttributes", { title: "Past database maintenance", updates, ...attributes }),
    ...data,
  }),
});
const template = () => model("CreateBackfilledMaintenanceRequestDataRelationships", {
  template: model("CreateBackfilledMaintenanceRequestDataRelationshipsTemplate", {
    data: model("CreateBackfilledMaintenanceRequestDataRelationshipsTemplateData", { id: TEMPLATE, type: "maintenance_templates" }),
  }),
});

// The body the client would send: its request factory serialises the models (and refuses what it can see is wrong).
const factory = new StatusPagesApiRequestFactory(client.createConfiguration({ authMethods: { apiKeyAuth: "key", appKeyAuth: "app" } }));
async function wire(body) {
  const context = await factory.createBackfilledMaintenance(PAGE, body);
  return context.getBody();
}

// The CLI's verdict on a body under a contract: exit code and the codes of its diagnostics.
function verdict(text, contract) {
  const run = spawnSync(cli, ["--now", "2026-10-01T00:00:00Z", "--contract", contract, "--kind", "request", "--format", "json", "-"],
                        { input: text, encoding: "utf8", timeout: 30000 });
  let diagnostics = [];
  try { diagnostics = JSON.parse(run.stdout).diagnostics; } catch { /* reported through the exit code below */ }
  return { status: run.status, diagnostics, errors: diagnostics.filter((d) => d.severity === "error").map((d) => d.code) };
}
const show = (v) => `exit ${v.status}: ${v.diagnostics.map((d) => `${d.code} ${d.pointer} ${d.message}`).join("; ") || "no diagnostics"}`;

const start = "2026-05-04T13:30:17Z", end = "2026-05-04T14:30:17Z";
const BOTH = CONTRACTS, OPENAPI_ONLY = ["openapi-2026-09"];  // the contracts a request is valid under
const minimal = request([update("in_progress", start), update("completed", end)]);
// Date objects with milliseconds: the client writes them in whole seconds.
const withDates = request([update("in_progress", new Date("2026-05-04T13:30:17.282Z"), { componentsAffected: [component("maintenance")] }),
                           update("completed", new Date("2026-05-04T14:30:17.282Z"), { componentsAffected: [component("operational")] })]);
const valid = [
  ["minimal (no components_affected)", minimal, OPENAPI_ONLY],
  ["every optional member: components_affected (with the read-only name), a template relationship",
   request([update("in_progress", start, { componentsAffected: [component("maintenance", { name: "Database" })] }),
            update("completed", end, { componentsAffected: [component("operational", { name: "Database" })] })],
           { data: { relationships: template() } }),
   BOTH],
  ["a template relationship on the minimal request", request([update("in_progress", start), update("completed", end)], { data: { relationships: template() } }),
   OPENAPI_ONLY],
  ["Date objects", withDates, BOTH],
  ["offsets passed as strings (13:30:17Z then 15:30:17+01:00)",
   request([update("in_progress", "2026-05-04T15:30:17+02:00"), update("completed", "2026-05-04T15:30:17+01:00")]), OPENAPI_ONLY],
  ["fractions passed as strings", request([update("in_progress", "2026-05-04T13:30:17.282Z"), update("completed", "2026-05-04T13:30:17.5Z")]),
   OPENAPI_ONLY],
];
// Each component status the client knows, in both updates.
for (const status of Object.values(componentStatuses).filter((v) => typeof v === "string")) {
  valid.push([`component status ${status}`,
              request([update("in_progress", start, { componentsAffected: [component(status)] }),
                       update("completed", end, { componentsAffected: [component(status)] })]),
              BOTH]);
}

for (const [what, body, validUnder] of valid) {
  const text = await wire(body);
  for (const contract of CONTRACTS) {
    const v = verdict(text, contract);
    if (validUnder.includes(contract)) {
      check(v.status === 0 && v.errors.length === 0, `${what}, ${contract}: valid (${show(v)})`);
    } else {
      // Without components_affected: the reference page requires it, and the diagnostic names the other contract.
      const hinted = v.diagnostics.filter((d) => d.code === "BF1002" && d.message.includes("--contract openapi-2026-09 makes it optional"));
      check(v.status === 1 && hinted.length === 2 && v.errors.every((c) => c === "BF1002"),
            `${what}, ${contract}: components_affected missing in both updates, with the hint (${show(v)})`);
    }
  }
}
check(!(await wire(minimal)).includes("components_affected"), "the client omits components_affected when it is not set");
check((await wire(withDates)).includes(`"started_at":"${start}"`), "the client writes a Date in whole seconds (.282 dropped)");

// What the client lets through: it does not count a tuple's items, compare statuses or instants, and
// additionalProperties are written over the members.
const invalid = [
  ["one update", request([update("in_progress", start)]), ["BF2001"]],
  ["three updates", request([update("in_progress", start), update("completed", end), update("completed", "2026-05-04T15:30:17Z")]), ["BF2001"]],
  ["reversed statuses", request([update("completed", start), update("in_progress", end)]), ["BF2002"]],
  ["equal instants across offsets", request([update("in_progress", "2026-05-04T15:30:17+02:00"), update("completed", "2026-05-04T13:30:17Z")]),
   ["BF2003"]],
  ["additionalProperties overriding an update's status",
   request([update("in_progress", start, { additionalProperties: { status: "scheduled" } }), update("completed", end)]), ["BF2002"]],
  ["additionalProperties overriding data.type", request([update("in_progress", start), update("completed", end)],
                                                        { data: { additionalProperties: { type: "incidents" } } }), ["BF1003"]],
];
for (const [what, body, codes] of invalid) {
  const text = await wire(body);
  for (const contract of CONTRACTS) {
    const v = verdict(text, contract);
    // Under reference the minimal updates also lack components_affected (BF1002): only the expected codes are asserted.
    check(v.status === 1 && codes.every((c) => v.errors.includes(c)), `${what}, ${contract}: ${codes.join(", ")} (${show(v)})`);
  }
}
// And what it does refuse, so that the cases above are really the client's blind spots.
let refused = "";
try { await wire(request([update("in_progress", start, { componentsAffected: [component("degraded")] }), update("completed", end)])); } catch (error) {
  refused = String(error.message);
}
check(refused.includes("unknown enum value"), `the client refuses a component status it does not know (${refused})`);

finish();
