// Test helpers for every package whose tests need a database (`@kinerja/db/testing`).
export * from "./databases.js";
export * from "./fixtures.js";
