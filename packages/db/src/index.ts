// @kinerja/db: the schema types, the dialect factory and the migrations, for SQLite and PostgreSQL alike.
export * from "./schema.js";
export * from "./dialect.js";
export * from "./migrate.js";
export * from "./ids.js";
export * from "./json.js";
export * from "./unavailable.js";
export * from "./backup.js";
export * from "./multi-row.js";
export { bulkInsert } from "./bulk-insert.js";
export * from "./array-rows.js";
