import { describeSecrets } from "../../runtime/support/suites.js";
import { subject } from "./subject.js";

describeSecrets(subject);
