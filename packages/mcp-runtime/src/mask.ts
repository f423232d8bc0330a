// Keeps the API key out of everything the server emits: tool results, errors, dry-run requests
// and its stderr. The client already redacts what a vendor echoes back; this is the last pass
// over whatever leaves the process, so a path nobody thought of cannot leak it either.

export const MASK = "[REDACTED]";

/** A function that replaces every occurrence of `secret` (raw or JSON-escaped) in any value. */
export function masker(secret: string | undefined): <T>(value: T) => T {
  if (secret === undefined || secret === "") return (value) => value;
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])];
  const maskText = (text: string) => forms.reduce((clean, form) => clean.split(form).join(MASK), text);
  const mask = (value: unknown): unknown => {
    if (typeof value === "string") return maskText(value);
    if (Array.isArray(value)) return value.map(mask);
    if (typeof value === "object" && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[maskText(key)] = mask(item);
      return copy;
    }
    return value;
  };
  return <T>(value: T) => mask(value) as T;
}
