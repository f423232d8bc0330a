// createLead is a POST that creates a lead: it is sent again only when the first attempt
// provably was not processed (connection refused, 429, 503 with Retry-After). Anything that may
// have reached the server (reset, no answer, 500, 502, 503 without Retry-After) is not
// retried, so a lead is never created twice.
import { describeFaults } from "../../runtime/support/suites.js";
import { subject } from "./subject.js";

describeFaults(subject, {
  operationId: "createLead",
  attempts: {
    "connection refused": 3,
    "connection reset": 1,
    "no answer": 1,
    "500": 1,
    "502 HTML page": 1,
    "503": 1,
    "503 with Retry-After": 3,
    "429 with Retry-After": 3,
    "malformed JSON": 1,
    "empty body": 1,
  },
});
