import { describeValidation } from "../../runtime/support/suites.js";
import { subject } from "./subject.js";

describeValidation(subject);
