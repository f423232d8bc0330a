// Entry of `@leadkit/dealer-studio-types/validate`: the spec's validators, generated from the spec
// (Standard Schema v1, compiled ahead of time, no run-time dependency). A separate entry, so
// importing the types package or the client costs nothing until validation is used.
export * from "./generated/validate.gen.js";
