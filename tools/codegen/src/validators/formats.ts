// The `format` checks leadkit's validators make: exactly ajv-formats' "full" formats (the oracle
// of the differential test), written into each generated module that uses them, so the published
// validators import nothing. Formats defined by a regular expression are read from the installed
// ajv-formats at generation time; the others are ports of its functions (MIT, (c) 2020 Evgeny
// Poberezkin). A format ajv-formats does not know is an annotation, as in Ajv: it checks nothing.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { fullFormats } = require("ajv-formats/dist/formats.js") as {
  fullFormats: Record<string, unknown>;
};

export interface FormatCode {
  /** The JSON type the format applies to; values of other types pass. */
  readonly type: "string" | "number";
  /** Module-level declarations the test needs, by name (shared between formats). */
  readonly declarations: ReadonlyArray<readonly [name: string, source: string]>;
  /** The expression that is true when `data` is valid. */
  test(data: string): string;
  /** What a valid value is, after "must be". */
  readonly description: string;
}

const DATE = [
  "fmtDate",
  `const DATE = /^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function fmtDate(str: string): boolean {
  const matches = DATE.exec(str);
  if (!matches) return false;
  const year = +(matches[1] as string);
  const month = +(matches[2] as string);
  const day = +(matches[3] as string);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : (DAYS[month] as number));
}`,
] as const;

const TIME = [
  "fmtTime",
  `const TIME = /^(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)(z|([+-])(\\d\\d)(?::?(\\d\\d))?)?$/i;
function fmtTime(str: string, strictTimeZone: boolean): boolean {
  const matches = TIME.exec(str);
  if (!matches) return false;
  const hr = +(matches[1] as string);
  const min = +(matches[2] as string);
  const sec = +(matches[3] as string);
  const tz = matches[4];
  const tzSign = matches[5] === "-" ? -1 : 1;
  const tzH = +(matches[6] || 0);
  const tzM = +(matches[7] || 0);
  if (tzH > 23 || tzM > 59 || (strictTimeZone && !tz)) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  // a leap second
  const utcMin = min - tzM * tzSign;
  const utcHr = hr - tzH * tzSign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}`,
] as const;

const DATE_TIME = [
  "fmtDateTime",
  `const DATE_TIME_SEPARATOR = /t|\\s/i;
function fmtDateTime(str: string, strictTimeZone: boolean): boolean {
  const dateTime = str.split(DATE_TIME_SEPARATOR);
  return dateTime.length === 2 && fmtDate(dateTime[0] as string) && fmtTime(dateTime[1] as string, strictTimeZone);
}`,
] as const;

const URI = [
  "fmtUri",
  `const NOT_URI_FRAGMENT = /\\/|:/;
const URI = /^(?:[a-z][a-z0-9+\\-.]*:)(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
function fmtUri(str: string): boolean {
  return NOT_URI_FRAGMENT.test(str) && URI.test(str);
}`,
] as const;

const BYTE = [
  "fmtByte",
  `const BYTE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/gm;
function fmtByte(str: string): boolean {
  BYTE.lastIndex = 0;
  return BYTE.test(str);
}`,
] as const;

const REGEX = [
  "fmtRegex",
  `const Z_ANCHOR = /[^\\\\]\\\\Z/;
function fmtRegex(str: string): boolean {
  if (Z_ANCHOR.test(str)) return false;
  try {
    new RegExp(str);
    return true;
  } catch {
    return false;
  }
}`,
] as const;

const INT32 = [
  "fmtInt32",
  `function fmtInt32(value: number): boolean {
  return Number.isInteger(value) && value <= 2 ** 31 - 1 && value >= -(2 ** 31);
}`,
] as const;

/** Formats ajv-formats implements with a function, ported. */
const FUNCTION_FORMATS: Record<string, Omit<FormatCode, "description">> = {
  date: { type: "string", declarations: [DATE], test: (d) => `fmtDate(${d})` },
  time: { type: "string", declarations: [TIME], test: (d) => `fmtTime(${d}, true)` },
  "date-time": {
    type: "string",
    declarations: [DATE, TIME, DATE_TIME],
    test: (d) => `fmtDateTime(${d}, true)`,
  },
  "iso-time": { type: "string", declarations: [TIME], test: (d) => `fmtTime(${d}, false)` },
  "iso-date-time": {
    type: "string",
    declarations: [DATE, TIME, DATE_TIME],
    test: (d) => `fmtDateTime(${d}, false)`,
  },
  uri: { type: "string", declarations: [URI], test: (d) => `fmtUri(${d})` },
  regex: { type: "string", declarations: [REGEX], test: (d) => `fmtRegex(${d})` },
  byte: { type: "string", declarations: [BYTE], test: (d) => `fmtByte(${d})` },
  int32: { type: "number", declarations: [INT32], test: (d) => `fmtInt32(${d})` },
  int64: { type: "number", declarations: [], test: (d) => `Number.isInteger(${d})` },
};

/** What a message says a valid value is. */
const DESCRIPTIONS: Record<string, string> = {
  date: "a date (YYYY-MM-DD)",
  time: "a time with a time zone (HH:MM:SSZ or HH:MM:SS+HH:MM)",
  "date-time": "a date-time with a time zone (RFC 3339, e.g. 2024-05-14T16:20:11Z)",
  "iso-time": "a time (HH:MM:SS)",
  "iso-date-time": "a date-time (YYYY-MM-DDTHH:MM:SS)",
  duration: "an ISO 8601 duration (e.g. P3DT4H)",
  uri: "an absolute URI (e.g. https://example.com/path)",
  "uri-reference": "a URI reference",
  "uri-template": "a URI template (RFC 6570)",
  url: "a URL",
  email: "an email address",
  hostname: "a host name",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  regex: "a regular expression",
  uuid: "a UUID",
  "json-pointer": "a JSON pointer",
  "json-pointer-uri-fragment": "a JSON pointer URI fragment",
  "relative-json-pointer": "a relative JSON pointer",
  byte: "base64-encoded data",
  int32: "a 32-bit integer",
  int64: "an integer",
};

/** A format's check, or undefined when it checks nothing (unknown, or always valid). */
export function formatCode(name: string): FormatCode | undefined {
  if (!Object.hasOwn(fullFormats, name)) return undefined;
  const definition = fullFormats[name];
  const description = DESCRIPTIONS[name] ?? `valid "${name}"`;
  if (definition instanceof RegExp) {
    const constant = `FMT_${name.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`;
    return {
      type: "string",
      declarations: [[constant, `const ${constant} = /${definition.source}/${definition.flags};`]],
      test: (d) => `${constant}.test(${d})`,
      description,
    };
  }
  const ported = FUNCTION_FORMATS[name];
  if (ported !== undefined) return { ...ported, description };
  // password, binary (always valid), float and double (any number): nothing to check.
  const validate =
    typeof definition === "object" && definition !== null
      ? (definition as { validate?: unknown }).validate
      : definition;
  if (definition === true || (typeof validate === "function" && validate.length === 0)) return undefined;
  throw new Error(
    `ajv-formats defines the format "${name}" in a way leadkit has not ported; port it in formats.ts.`,
  );
}
