import { describeTypesPackage } from "@leadkit/testing";

describeTypesPackage(new URL("../package.json", import.meta.url));
