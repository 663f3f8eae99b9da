// Who may see or do what: the region a request acts in, the scope every service takes, and the signed-in
// person's relation to an employee, read from the employee record their account is linked to. No service
// compares roles or NIPs itself.
// The only door into this folder: routers and other folders import from here.
export * from "./region.js";
export * from "./scope.js";
export * from "./relation.js";
export * from "./sign-in.js";
export * from "./api-tokens.js";
export * from "./rater-identity.js";
export * from "./forum.js";
