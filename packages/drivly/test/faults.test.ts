// updateLead is a PATCH of one Lead: idempotent, so every transient failure is retried
// (maxRetries 2: three attempts); only a broken success body is not.
import { describeFaults } from "../../runtime/support/suites.js";
import { subject } from "./subject.js";

describeFaults(subject, {
  operationId: "updateLead",
  attempts: {
    "connection refused": 3,
    "connection reset": 3,
    "no answer": 3,
    "500": 3,
    "502 HTML page": 3,
    "503": 3,
    "503 with Retry-After": 3,
    "429 with Retry-After": 3,
    "malformed JSON": 1,
    "empty body": 1,
  },
});
