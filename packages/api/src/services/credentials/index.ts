// Credentials: the password policy every password that is set must pass, and the limits on sign-in
// attempts that make guessing passwords slow. better-auth is wired to both in auth-credentials.ts.
// The only door into this folder: routers and other folders import from here.
export * from "./password-policy.js";
export * from "./sign-in-limits.js";
