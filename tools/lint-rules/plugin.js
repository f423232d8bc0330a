// leadkit's own Redocly lint rules. Each rule catches a mistake we have made or would make
// when hand-authoring a spec from a vendor's web page; see specs/CONVENTIONS.md.
// Plain ESM JavaScript (no build step) because redocly.yaml loads it directly.

const SOURCES = ["vendor-docs", "public-source", "inferred"];
const INFERRED_SENTENCE = /(^|[\s(*_>])Inferred:/;

/** `x-source` values are from the fixed list, and `inferred` always comes with an explanation. */
function InferredMarker() {
  return {
    any: {
      enter(node, ctx) {
        if (node === null || typeof node !== "object" || Array.isArray(node)) return;
        const source = node["x-source"];
        const description = typeof node.description === "string" ? node.description : undefined;
        if (source !== undefined && !SOURCES.includes(source)) {
          ctx.report({
            message: `\`x-source\` must be one of ${SOURCES.map((s) => `\`${s}\``).join(", ")}; got \`${String(source)}\`.`,
            location: ctx.location.child("x-source"),
          });
          return;
        }
        if (source === "inferred" && (description === undefined || !INFERRED_SENTENCE.test(description))) {
          ctx.report({
            message:
              "Marked `x-source: inferred` but its `description` has no `Inferred:` sentence saying what was inferred and why.",
            location: ctx.location.child(description === undefined ? "x-source" : "description"),
          });
        }
        if (description !== undefined && INFERRED_SENTENCE.test(description) && source !== "inferred") {
          ctx.report({
            message: "The `description` says `Inferred:` but the object lacks `x-source: inferred`.",
            location: ctx.location.child("description"),
          });
        }
      },
    },
  };
}

/** Every response says how sure we are of it: the vendor rarely documents its status codes. */
function ResponseSource() {
  return {
    Response: {
      enter(response, ctx) {
        if (response["x-source"] === undefined) {
          ctx.report({
            message: `Response has no \`x-source\`; add one of ${SOURCES.map((s) => `\`${s}\``).join(", ")}.`,
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

function hasExample(mediaType) {
  return (
    mediaType.example !== undefined ||
    (mediaType.examples !== undefined && Object.keys(mediaType.examples).length > 0)
  );
}

/** Request bodies and responses with content carry at least one example (lint validates it). */
function MediaTypeExamples() {
  return {
    MediaType: {
      enter(mediaType, ctx) {
        if (!hasExample(mediaType)) {
          ctx.report({
            message:
              "Media type has no `example` or `examples`; every body needs one that validates against its schema.",
            location: ctx.location.key(),
          });
        }
      },
    },
  };
}

/** `info.version` is semver: release tooling compares it with the spec diff. */
function InfoVersionSemver() {
  return {
    Info: {
      enter(info, ctx) {
        if (typeof info.version !== "string" || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(info.version)) {
          ctx.report({
            message: `\`info.version\` must be a semver version like \`1.2.0\`; got \`${String(info.version)}\`.`,
            location: ctx.location.child("version"),
          });
        }
      },
    },
  };
}

/** operationIds become client method names, so they must be camelCase identifiers. */
function OperationIdCamelCase() {
  return {
    Operation: {
      enter(operation, ctx) {
        if (typeof operation.operationId === "string" && !/^[a-z][A-Za-z0-9]*$/.test(operation.operationId)) {
          ctx.report({
            message: `operationId \`${operation.operationId}\` must be camelCase (it becomes the client method name), e.g. \`createLead\`.`,
            location: ctx.location.child("operationId"),
          });
        }
      },
    },
  };
}

export default function leadkitLintRules() {
  return {
    id: "leadkit",
    rules: {
      oas3: {
        "inferred-marker": InferredMarker,
        "response-source": ResponseSource,
        "media-type-examples": MediaTypeExamples,
        "info-version-semver": InfoVersionSemver,
        "operation-id-camel-case": OperationIdCamelCase,
      },
    },
  };
}
