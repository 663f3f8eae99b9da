// A region's organisation: regions, units, employees, employee import and sign-in accounts.
// The only door into this folder: routers and other folders import from here.
export * from "./regions.js";
export * from "./units.js";
export * from "./employees.js";
export * from "./employee-import.js";
export * from "./accounts.js";
export * from "./account-lifecycle.js";
