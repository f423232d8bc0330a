// The Dealer Studio spec against the vendor page it was written from (specs/dealer-studio/
// sources/create-lead.txt) and against specs/research.md (whose enum lists and property names
// are hard-coded below as the independent source). If the spec drops a property the vendor's
// example sends, changes an enum, loses a vendor description or hides a guess, this fails.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  deref,
  extractExamples,
  type Json,
  jsonType,
  pointer,
  type Schema,
  schemaTypes,
  typeAllows,
  validate,
} from "./schema-check.js";

const specUrl = new URL("../../../specs/dealer-studio/openapi.yaml", import.meta.url);
const pageUrl = new URL("../../../specs/dealer-studio/sources/create-lead.txt", import.meta.url);

const spec = parse(readFileSync(specUrl, "utf8")) as Record<string, unknown>;
const page = readFileSync(pageUrl, "utf8");

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj => (value !== null && typeof value === "object" ? (value as Obj) : {});
const resolved = (ref: string): Schema => deref(spec, pointer(spec, ref)) as Schema;

const operation = obj(obj(obj(spec.paths)["/api/v1/leads"]).post);
const requestMedia = obj(obj(obj(operation.requestBody).content)["application/json"]);
const requestSchema = deref(spec, requestMedia.schema) as Schema;
const leadSchema = obj(obj(requestSchema.properties).lead) as Schema;
const leadProperties = obj(leadSchema.properties) as Record<string, Schema>;

// The page's three examples, in page order: custom fields, charge breakdown, the whole request.
const pageExamples = extractExamples(page);
const [customFieldsExample, chargeBreakdownExample, requestExample] = pageExamples;
const seedLead = obj(requestExample).lead as Json;

/** research.md, "Dealer Studio": the category "list below" (25 values), in order. */
const RESEARCH_CATEGORIES = [
  "New Vehicle Enquiry",
  "Used Vehicle Enquiry",
  "Test Drive Booking",
  "Special Offer Enquiry",
  "Fleet Enquiry",
  "Finance Enquiry",
  "Insurance Enquiry",
  "Subscription Enquiry",
  "Team Member Enquiry",
  "Vehicle Reservation",
  "Online Purchase",
  "Brochure Download",
  "Document Request",
  "Trade-in Enquiry",
  "Sell My Car Enquiry",
  "Service Booking",
  "Service Enquiry",
  "Parts Enquiry",
  "Service Retention",
  "Loan Car Booking",
  "General Enquiry",
  "Survey",
  "Competition Enquiry",
  "Phone Call",
  "Event Enquiry",
];

/** research.md: the source enum (30 values), in order. */
const RESEARCH_SOURCES = [
  "Walk In",
  "Website",
  "Event",
  "Facebook",
  "Facebook Marketplace",
  "Chatbot",
  "Chatbot - External",
  "QR Code",
  "Carsales",
  "Autotrader",
  "Phone Call",
  "SMS",
  "Connect",
  "Drive",
  "Car Expert",
  "Manufacturer",
  "Autograb",
  "Ford Mobile App",
  "Only Cars",
  "Google Ads",
  "Google",
  "Referral",
  "Brisbane Cars",
  "Tweed Cars",
  "Repeat",
  "IApprise",
  "CBA",
  "Bulk SMS Campaign",
  "Retention",
  "Carbee",
];

/** research.md: the marketing_source enum (17 values), in order. */
const RESEARCH_MARKETING_SOURCES = [
  "Facebook",
  "Adwords",
  "Organic",
  "Unknown",
  "QR Code",
  "Email",
  "SMS",
  "GMB",
  "Carsales",
  "Instagram",
  "Popup",
  "Linkedin",
  "CRM",
  "Messenger",
  "Audience Network",
  "TikTok",
  "YouTube",
];

/** research.md's table (names confirmed by the Update page) plus the keys the seed example sends. */
const CONFIRMED_NAMES = [
  "name",
  "email",
  "phone",
  "message",
  "dealership_id",
  "dealership_slug",
  "category",
  "source",
  "marketing_source",
  "website_id",
  "website_slug",
  "page_id",
  "stocknum",
  "provider",
  "provider_id",
  "certified",
  "golden",
  "location_id",
  "send_customer_email",
  "car_id",
  "last_name",
  "lead_state",
  "customer_address",
  "user_email",
  "dob",
  "tags",
  "address_attributes",
];

/**
 * The seed's description sentences and the property research.md ties each to (a path in the
 * lead schema; `[]` steps into array items). The names after `user_email` are leadkit's
 * choices for the fields whose names the capture lost; they must be marked inferred.
 */
const SEED_DESCRIPTIONS: Record<string, string> = {
  name: "Customer Full Name",
  email: "Customer Email",
  phone: "Customer Phone Number",
  message: "Customer Message",
  dealership_id: "Dealership ID (Identifier from Dealer Studio)",
  dealership_slug: "Dealership Slug (Identifier from Dealer Studio)",
  category: "Lead category, must be from the list of categories below",
  page_id: "ID of the page where the lead was submitted from",
  stocknum: "If supplied, will match the lead against a vehicle with matching stocknum (if exists)",
  provider: "Lead supplier name eg. “Carsales”",
  golden: "Mark the lead cluster as golden (high priority lead)",
  car_id: "If supplied, will match the lead against the relevant car. Car ID as supplied by Dealer Studio",
  user_email: "Email of User if existed in DS used to associate the Lead",
  model_id: "ID of the model (only relevent for new vehicle enquiries)",
  team_member_id: "Only for Team Member Enquiry leads",
  sms_verified: "Mark the contact as sms verified",
  model_variant_id: "ID of the model variant (only relevent for new vehicle enquiries)",
  colour_id: "ID of the colour (only relevent for new vehicle enquiries)",
  skip_validation: "If sent as true, then it skips emails AND phone validation",
  time_on_site: "Time in seconds the customer spent on site before submitting",
  time_on_form: "Time in seconds from form load to form submit",
  attachments: "Object of attached files with their types for the lead",
  "attachments.file": "The attached file for the lead",
  custom_fields:
    "Additional custom fields for the lead. For Document Request leads, include document_type (car_analysis, ppsr, equifax)",
  charge_breakdown:
    "Charge breakdown hash containing charge details. Must include either total, charges, or both.",
  "charge_breakdown.total": "Total charge amount",
  "charge_breakdown.total.amount": "The total charge amount",
  "charge_breakdown.charges": "Array of individual charge items",
  "charge_breakdown.charges[].name": "The name of the charge",
  "charge_breakdown.charges[].amount": "The charge amount",
};

/** Properties whose name (or type) no source gives: each must say `x-source: inferred` + `Inferred:`. */
const INFERRED_PROPERTIES = [
  "car_id",
  "user_email",
  "dob",
  "model_id",
  "team_member_id",
  "sms_verified",
  "model_variant_id",
  "colour_id",
  "skip_validation",
  "time_on_site",
  "time_on_form",
  "attachments",
  "attachments.file",
  "custom_fields",
  "charge_breakdown",
];

const INFERRED_SENTENCE = /(^|[\s(*_>])Inferred:/;

/** The resolved schema at a dotted path in the lead schema (`a.b[].c`). */
function leadProperty(path: string): Schema {
  let node: Schema = leadSchema;
  for (const step of path.split(".")) {
    const name = step.endsWith("[]") ? step.slice(0, -2) : step;
    const next = obj(node.properties)[name];
    if (next === undefined) throw new Error(`lead schema has no property ${path} (missing ${name})`);
    node = obj(next) as Schema;
    if (step.endsWith("[]")) node = obj(node.items) as Schema;
  }
  return node;
}

const normalise = (text: unknown): string =>
  typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "";

/** Every key of `value` (recursively) is a declared property of `schema` with a compatible type. */
function seedKeyProblems(schema: Schema, value: Json, path: string): string[] {
  const problems: string[] = [];
  if (!typeAllows(schema, value))
    problems.push(`${path}: ${jsonType(value)} not allowed by ${String(schemaTypes(schema))}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path}: not in enum`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      problems.push(...seedKeyProblems(obj(schema.items) as Schema, item, `${path}[${i}]`));
    });
  } else if (value !== null && typeof value === "object") {
    const properties = obj(schema.properties);
    for (const [key, item] of Object.entries(value)) {
      const property = properties[key];
      if (property === undefined) problems.push(`${path}.${key}: not a property of the schema`);
      else problems.push(...seedKeyProblems(obj(property) as Schema, item, `${path}.${key}`));
    }
  }
  return problems;
}

/** Every object in the raw (unresolved) spec, with its JSON path. */
function* walk(node: unknown, path = "$"): Generator<[string, Obj]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${path}[${i}]`);
  } else if (node !== null && typeof node === "object") {
    yield [path, node as Obj];
    for (const [key, value] of Object.entries(node)) yield* walk(value, `${path}.${key}`);
  }
}

describe("the vendor page's examples", () => {
  it("are found on the page: custom fields, charge breakdown and the whole request", () => {
    expect(pageExamples).toHaveLength(3);
    expect(obj(customFieldsExample).document_type).toBe("ppsr");
    expect(obj(chargeBreakdownExample).total).toEqual({ amount: 50 });
    expect(Object.keys(obj(requestExample))).toEqual(["lead"]);
    expect(Object.keys(obj(seedLead)).length).toBeGreaterThan(15);
  });

  it("is the spec's `seed` request example, verbatim", () => {
    const examples = obj(requestMedia.examples);
    expect(obj(examples.seed).value).toEqual(requestExample);
  });

  it("are the spec's custom fields and charge breakdown schema examples, verbatim", () => {
    expect(resolved("#/components/schemas/LeadCustomFields").example).toEqual(customFieldsExample);
    expect(resolved("#/components/schemas/ChargeBreakdown").example).toEqual(chargeBreakdownExample);
  });
});

describe("the lead schema against the seed example", () => {
  it("declares every key the seed example sends (recursively) with a compatible type", () => {
    expect(seedKeyProblems(leadSchema, seedLead, "lead")).toEqual([]);
  });

  it("accepts the seed's request example", () => {
    expect(validate(requestSchema, requestExample as Json)).toEqual([]);
  });

  it("accepts the seed's custom fields and charge breakdown examples in their properties", () => {
    expect(validate(leadProperty("custom_fields"), customFieldsExample as Json)).toEqual([]);
    expect(validate(leadProperty("charge_breakdown"), chargeBreakdownExample as Json)).toEqual([]);
  });

  it("accepts every request example in the spec", () => {
    const examples = Object.entries(obj(requestMedia.examples));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const [name, example] of examples) {
      expect(validate(requestSchema, obj(example).value as Json), name).toEqual([]);
    }
  });

  it("requires `lead`, and on create one of dealership_id / dealership_slug", () => {
    expect(requestSchema.required).toEqual(["lead"]);
    const { dealership_slug: _slug, ...withoutDealership } = obj(seedLead) as Record<string, Json>;
    expect(validate(leadSchema, withoutDealership)).not.toEqual([]);
    expect(validate(leadSchema, { ...withoutDealership, dealership_id: 42 })).toEqual([]);
    expect(validate(leadSchema, { ...withoutDealership, dealership_id: 42, dealership_slug: "x" })).toEqual(
      [],
    );
    expect(leadProperties.dealership_id?.type).toBe("integer");
    expect(leadProperties.dealership_slug?.type).toBe("string");
  });

  it("is checked by a validator that rejects broken leads (guards the checks above)", () => {
    const lead = obj(seedLead) as Record<string, Json>;
    expect(validate(leadSchema, { ...lead, no_such_field: 1 })).not.toEqual([]);
    expect(validate(leadSchema, { ...lead, category: "Not A Category" })).not.toEqual([]);
    expect(validate(leadSchema, { ...lead, dob: "1980-01-01" })).not.toEqual([]);
    expect(validate(leadProperty("charge_breakdown"), {})).not.toEqual([]);
    expect(validate(leadProperty("charge_breakdown"), { charges: [{ name: "Fee", amount: 5 }] })).toEqual([]);
  });

  it("types the fields research.md calls out", () => {
    expect(leadProperty("car_id").type).toBe("integer");
    expect(leadProperty("dob").type).toBe("string");
    expect(leadProperty("dob").pattern).toBeTypeOf("string");
    expect(leadProperty("tags").type).toBe("array");
    expect(obj(leadProperty("tags").items).type).toBe("string");
    expect(leadProperty("lead_state").type).toBe("string");
    expect(leadProperty("lead_state").enum).toBeUndefined();
    expect(typeAllows(leadProperty("address_attributes.postcode"), 3000)).toBe(true);
    expect(leadProperty("custom_fields.document_type").enum).toEqual(["car_analysis", "ppsr", "equifax"]);
  });
});

describe("the enums", () => {
  const enums: [string, string, string[]][] = [
    ["category", "LeadCategory", RESEARCH_CATEGORIES],
    ["source", "LeadSource", RESEARCH_SOURCES],
    ["marketing_source", "MarketingSource", RESEARCH_MARKETING_SOURCES],
  ];
  it.each(enums)(
    "%s is the component %s with research.md's values, in order",
    (property, component, values) => {
      const raw = obj(obj(obj(obj(obj(spec.components).schemas).LeadInput).properties)[property]);
      expect(raw.$ref).toBe(`#/components/schemas/${component}`);
      const schema = resolved(`#/components/schemas/${component}`);
      expect(schema.type).toBe("string");
      expect(schema.enum).toEqual(values);
    },
  );
});

describe("descriptions and inferred markers", () => {
  it.each(Object.entries(SEED_DESCRIPTIONS))("%s carries the seed's description", (path, sentence) => {
    expect(page.includes(sentence), `research sentence not on the page: ${sentence}`).toBe(true);
    expect(normalise(leadProperty(path).description)).toContain(sentence);
  });

  it.each(INFERRED_PROPERTIES)("%s is marked inferred with an `Inferred:` sentence", (path) => {
    const property = leadProperty(path);
    expect(property["x-source"]).toBe("inferred");
    expect(normalise(property.description)).toMatch(INFERRED_SENTENCE);
  });

  it("marks every lead property whose name no source confirms as inferred", () => {
    const unmarked = Object.entries(leadProperties)
      .filter(([name]) => !CONFIRMED_NAMES.includes(name))
      .filter(([, schema]) => schema["x-source"] !== "inferred")
      .map(([name]) => name);
    expect(unmarked).toEqual([]);
    for (const name of CONFIRMED_NAMES) expect(leadProperties, name).toHaveProperty(name);
  });

  it("gives every node marked `x-source: inferred` an `Inferred:` sentence, and vice versa", () => {
    const problems: string[] = [];
    for (const [path, node] of walk(spec)) {
      const inferred = node["x-source"] === "inferred";
      const explains = INFERRED_SENTENCE.test(normalise(node.description));
      if (inferred !== explains) problems.push(path);
    }
    expect(problems).toEqual([]);
  });
});

describe("the responses", () => {
  const responses = obj(operation.responses);
  it.each(["201", "401", "403", "422"])("%s has x-source and an example that fits its schema", (code) => {
    const response = deref(spec, responses[code]) as Obj;
    expect(["vendor-docs", "public-source", "inferred"]).toContain(response["x-source"]);
    const media = obj(obj(response.content)["application/json"]);
    expect(validate(media.schema as Schema, media.example as Json)).toEqual([]);
  });

  it("201 is the seed's 'Create new lead' with integer id and lead_cluster_id", () => {
    const created = deref(spec, responses["201"]) as Obj;
    expect(normalise(created.description)).toContain("Create new lead");
    const schema = obj(obj(created.content)["application/json"]).schema as Schema;
    expect(schema.required).toEqual(["id", "lead_cluster_id"]);
    expect(obj(obj(schema.properties).id).type).toBe("integer");
    expect(obj(obj(schema.properties).lead_cluster_id).type).toBe("integer");
  });

  it("403 carries the seed's description", () => {
    const forbidden = deref(spec, responses["403"]) as Obj;
    expect(normalise(forbidden.description)).toContain(
      "Unauthorised with correct bearer and dealership but invalid permissions",
    );
  });
});
