// Test helpers for every package whose tests need a database (`@kinerja/db/testing`).
export * from "./databases.js";
export * from "./fixtures.js";
// The migrations by name, for tests that bring a database up to one of them before the rest.
export { migrations } from "../migrations/index.js";
