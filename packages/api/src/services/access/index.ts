// Who may see or do what: the region a request acts in and the signed-in person's relation to an employee.
// The only door into this folder: routers and other folders import from here.
export * from "./standing.js";
export * from "./relations.js";
export * from "./tenancy.js";
