// JSON pointer tokens (RFC 6901), as `$ref`s and error messages write them.

/** `/cars/{id}` -> `~1cars~1{id}`. */
export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `~1cars~1%7Bid%7D` -> `/cars/{id}` (a `$ref` is a URI fragment: percent-encoding is allowed). */
export function unescapeToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // not percent-encoded after all: keep it as written
  }
  return decoded.replace(/~1/g, "/").replace(/~0/g, "~");
}
