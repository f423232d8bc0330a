// Media types other than JSON. The generated operation table of such an operation lists a
// serialiser per request media type (picked by the codegen from the spec: the runtime never
// looks at a body to guess) and how its success body is read; its generated binding hands the
// call to `withMedia`, which turns that into openapi-fetch's options. Each serialiser returns a
// body that carries its own Content-Type (a typed Blob, URLSearchParams, FormData). A generated
// client imports only what its spec needs, so a JSON-only client's bundle carries none of this.
import type { OperationDefinition, OperationInit, RequestOptions } from "./types.js";

/**
 * The openapi-fetch options of one call: the serialiser of the media type the caller chose
 * (`contentType`, else the operation's default), `parseAs`, and the headers: `Accept` when the
 * response has several media types, and no JSON Content-Type when a serialiser sets its own.
 */
export function withMedia(
  operation: OperationDefinition,
  init: OperationInit,
  options?: RequestOptions & { readonly contentType?: string },
): OperationInit {
  const bodies = operation.bodies ?? {};
  const types = Object.keys(bodies);
  const type = options?.contentType ?? types[0];
  if (type !== undefined && !types.includes(type))
    throw new TypeError(
      `${operation.operationId}: \`contentType\` must be one of ${types.join(", ")}, not ${JSON.stringify(type)}.`,
    );
  const serializer = type === undefined ? undefined : bodies[type];
  return {
    ...init,
    params: { ...init.params, header: { Accept: operation.accept, "Content-Type": serializer && null } },
    bodySerializer: serializer,
    parseAs: operation.parseAs,
  };
}

/** JSON under another media type (`application/vnd.api+json`, `application/problem+json`). */
export const asJson =
  (type: string) =>
  (body: unknown): Blob =>
    new Blob([JSON.stringify(body)], { type });

/** Text (`text/plain`, XML as a string) and binary (`Blob`, `ArrayBuffer`, typed arrays): sent as given. */
export const asRaw =
  (type: string) =>
  (body: BlobPart): Blob =>
    new Blob([body], { type });

/**
 * Each property as a field; an array as one field per item (OpenAPI's `explode`); the properties
 * named in `json` as JSON text (their `encoding` says `application/json`, or they are objects in a
 * multipart body). `undefined` and `null` are left out.
 */
function fields(
  body: Record<string, unknown>,
  json: readonly string[],
  append: (key: string, value: unknown, isJson: boolean) => void,
): void {
  for (const [key, value] of Object.entries(body))
    for (const item of [value].flat())
      if (item != null) append(key, json.includes(key) ? JSON.stringify(item) : item, json.includes(key));
}

/** `application/x-www-form-urlencoded`. */
export const asForm =
  (json: readonly string[] = []) =>
  (body: Record<string, unknown>): URLSearchParams => {
    const params = new URLSearchParams();
    fields(body, json, (key, value) => params.append(key, String(value)));
    return params;
  };

/** `multipart/form-data`: files (`Blob`, `File`) as file parts, JSON parts typed `application/json`. */
export const asMultipart =
  (json: readonly string[] = []) =>
  (body: Record<string, unknown>): FormData => {
    const data = new FormData();
    fields(body, json, (key, value, isJson) =>
      data.append(
        key,
        value instanceof Blob
          ? value
          : isJson
            ? new Blob([value as string], { type: "application/json" })
            : String(value),
      ),
    );
    return data;
  };
