// Small helpers every feature uses: pagination, search, the day in WIB, the audit log, JSON diffs, Indonesian formats, orders, groups,
// work in a worker process, the sign-in account row.
// The only door into this folder: routers and other folders import from here.
export * from "./pagination.js";
export * from "./search.js";
export * from "./today.js";
export * from "./audit.js";
export * from "./json-diff.js";
export * from "./indonesian.js";
export * from "./errors.js";
export * from "./limits.js";
export * from "./worker.js";
export * from "./sign-in-account.js";
export * from "./order.js";
export * from "./group.js";
