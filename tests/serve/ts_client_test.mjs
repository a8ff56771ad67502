// The official TypeScript client (@datadog/datadog-api-client, pinned in tests/support/npm-cache.sh) against
// `backfill-check serve --mock`: what a client author sees. Usage: node ts_client_test.mjs BASE_URL
import { createRequire } from "node:module";
import { check, finish } from "../support/check.mjs";

const require = createRequire(process.env.DD_CLIENT_DIR + "/");
const { client, v2 } = require("@datadog/datadog-api-client");
const { ObjectSerializer } = require("@datadog/datadog-api-client/dist/packages/datadog-api-client-v2/models/ObjectSerializer");

const [baseUrl, limitedUrl] = process.argv.slice(2);
const PAGE = "bbf96c2c-48cf-4951-96d2-f5b503c93c49";
const COMPONENT = "02c0c5d4-6735-45c8-a184-4a6d5b746793";

function api(url) {
  const configuration = client.createConfiguration({
    authMethods: { apiKeyAuth: "mock-api-key", appKeyAuth: "mock-app-key" },
    baseServer: new client.BaseServerConfiguration(url, {}),
  });
  return new v2.StatusPagesApi(configuration);
}

function body(title, start, end) {
  return {
    data: {
      type: "maintenances",
      attributes: {
        title,
        updates: [
          { componentsAffected: [{ id: COMPONENT, status: "maintenance" }], description: "in progress", startedAt: start, status: "in_progress" },
          { componentsAffected: [{ id: COMPONENT, status: "operational" }], description: "done", startedAt: end, status: "completed" },
        ],
      },
    },
  };
}

// Whole seconds: the client writes date-times without the fraction (a .282Z would be sent as Z).
const start = new Date("2026-05-04T13:30:17Z"), end = new Date("2026-05-04T14:30:17Z");
const statusPages = api(baseUrl);

// A valid request resolves to a Maintenance whose data reflects the request.
const created = await statusPages.createBackfilledMaintenance({ pageId: PAGE, body: body("Past Database Maintenance", start, end) });
const a = created.data?.attributes;
check(created.data?.type === "maintenances" && typeof created.data?.id === "string", "201 deserializes to a Maintenance with data");
check(a?.title === "Past Database Maintenance", "title round-trips");
check(a?.startDate?.getTime() === start.getTime() && a?.completedDate?.getTime() === end.getTime(), "start_date and completed_date are the updates' instants");
check(a?.updates?.length === 2 && a.updates[0].startedAt.getTime() === start.getTime() && a.updates[1].startedAt.getTime() === end.getTime(), "updates' started_at round-trip");
check(a?.updates?.[0]?.componentsAffected?.[0]?.id === COMPONENT && a.updates[0].componentsAffected[0].status === "maintenance" &&
      a.updates[1].componentsAffected[0].status === "operational", "components round-trip");
check(a?.status === "completed", "status is completed");
check(created.data?.relationships?.statusPage?.data?.id === PAGE, "relationships.status_page is the page id");
check(created.included === undefined, "no include, no included");

// include=status_page,created_by_user deserializes included.
const withIncluded = await statusPages.createBackfilledMaintenance({ pageId: PAGE, include: "status_page,created_by_user", body: body("With included", start, end) });
const types = (withIncluded.included ?? []).map((r) => r.type).sort();
check(JSON.stringify(types) === JSON.stringify(["status_pages", "users"]), `included holds a status page and a user (${types})`);
const page = (withIncluded.included ?? []).find((r) => r.type === "status_pages");
check(page?.id === PAGE && page?.attributes?.components?.[0]?.components?.[0]?.id === COMPONENT, "the included status page lists the component");
check((withIncluded.included ?? []).every((r) => r.unparsedObject === undefined), "every included resource matches a model");

// An invalid body: ApiException 400 whose body the client's ObjectSerializer parses as APIErrorResponse.
try {
  await statusPages.createBackfilledMaintenance({ pageId: PAGE, body: body("Backwards", end, start) });
  check(false, "an invalid body is refused");
} catch (error) {
  check(error instanceof client.ApiException && error.code === 400, `invalid body: ApiException ${error.code}`);
  const text = String(error.body).replace(/^Unknown API Status Code!\nBody: "/, "").replace(/"$/, "");
  const parsed = ObjectSerializer.deserialize(ObjectSerializer.parse(text, "application/json"), "APIErrorResponse");
  check(Array.isArray(parsed.errors) && parsed.errors.length > 0 && parsed.errors.every((e) => typeof e === "string") &&
        parsed.errors.some((e) => e.includes("BF2003")) && parsed.unparsedObject === undefined,
        `the 400 body is an APIErrorResponse: ${JSON.stringify(parsed.errors)}`);
}

// 429 under --rate-limit (1 call per period: the second is refused).
if (limitedUrl) {
  const limited = api(limitedUrl);
  await limited.createBackfilledMaintenance({ pageId: PAGE, body: body("First", start, end) });
  try {
    await limited.createBackfilledMaintenance({ pageId: PAGE, body: body("Second", start, end) });
    check(false, "the second call is rate limited");
  } catch (error) {
    check(error instanceof client.ApiException && error.code === 429 && Array.isArray(error.body?.errors),
          `429 raises ApiException with an APIErrorResponse body (${error.code} ${JSON.stringify(error.body)})`);
  }
}

finish();
