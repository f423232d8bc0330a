export { default } from "../../tools/testing/vitest.types-package.js";
