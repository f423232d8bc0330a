// The leadkit client call of an operation: the factory with the key from the environment, the
// method named after the operationId with the spec's request example, and the typed error
// branch (`hasStatus(n)` gives `error.body` the spec's type for that status).
import { type OpenApiDocument, type OperationInfo, resolveRef } from "@leadkit/codegen";
import { callArguments } from "./literal.js";
import { operationObject } from "./request.js";
import type { OperationInput, SampleContext, SampleKind } from "./types.js";

/** Statuses a caller most often handles first: the API rejected the input. */
const PREFERRED_ERRORS = ["422", "400", "409"];

function hasJsonBody(document: OpenApiDocument, response: unknown): boolean {
  const resolved = resolveRef<Record<string, unknown> | undefined>(document, response);
  const content = resolved?.content;
  return (
    typeof content === "object" &&
    content !== null &&
    Object.keys(content).some((type) => /^application\/(.+\+)?json$/.test(type))
  );
}

/** The operation's documented error statuses (numeric 4xx/5xx), the one the sample handles first. */
export function errorStatuses(
  document: OpenApiDocument,
  operation: OperationInfo,
): { handled: string | undefined; others: string[] } {
  const responses = (operationObject(document, operation).raw.responses ?? {}) as Record<string, unknown>;
  const errors = operation.statuses.filter((status) => /^[45]\d\d$/.test(status));
  const withBody = errors.filter((status) => hasJsonBody(document, responses[status]));
  const handled =
    PREFERRED_ERRORS.find((status) => withBody.includes(status)) ??
    withBody.find((status) => status.startsWith("4")) ??
    withBody[0];
  return { handled, others: errors.filter((status) => status !== handled) };
}

/** The method's arguments in its order: path parameters, body, query (see the client codegen). */
export function methodArguments(input: OperationInput): unknown[] {
  const args: unknown[] = input.request.path.map(([, value]) => value);
  const { body, query } = input.request;
  const queryValue = query.length > 0 ? Object.fromEntries(query) : undefined;
  if (input.operation.hasRequestBody) {
    // An optional body before a query stays positional (`undefined`), as the method declares it.
    if (body !== undefined) args.push(body.value);
    else if (queryValue !== undefined) args.push(undefined);
  }
  if (queryValue !== undefined) args.push(queryValue);
  return args;
}

/** `const result = await client.method(...)` (or just the await when it returns nothing), indented. */
export function callLines(input: OperationInput, receiver: string, indent: string): string {
  const call = `await ${receiver}.${input.method}(${callArguments(methodArguments(input), indent)});`;
  return input.operation.successStatus === undefined
    ? `${indent}${call}`
    : `${indent}const result = ${call}\n${indent}console.log(result);`;
}

export const typescriptSample: SampleKind = {
  label: "TypeScript",
  lang: "TypeScript",
  typecheck: true,
  available: (context) => context.packages.client !== undefined,
  render(context: SampleContext, input: OperationInput): string {
    const client = context.packages.client as string;
    const errorClass = `${context.Name}ApiError`;
    const { handled, others } = errorStatuses(context.document, input.operation);
    const rest = others.length > 0 ? ` (${others.join(", ")})` : "";
    const branch =
      handled === undefined
        ? [
            `  if (error instanceof ${errorClass}) {`,
            "    console.error(error.status, error.body);",
            "  } else {",
            "    throw error; // TimeoutError, ConnectionError",
            "  }",
          ]
        : [
            `  // \`hasStatus(${handled})\` gives \`error.body\` the spec's type for a ${handled}.`,
            `  if (error instanceof ${errorClass} && error.hasStatus(${handled})) {`,
            "    console.error(error.status, error.body);",
            "  } else {",
            `    throw error; // TimeoutError, ConnectionError, or another ${errorClass}${rest}`,
            "  }",
          ];
    return [
      `import { create${context.Name}Client, ${errorClass} } from ${JSON.stringify(client)};`,
      "",
      `const client = create${context.Name}Client({ apiKey: process.env.${context.ENV}_API_KEY ?? "" });`,
      "",
      "try {",
      callLines(input, "client", "  "),
      "} catch (error) {",
      ...branch,
      "}",
      "",
    ].join("\n");
  },
};
