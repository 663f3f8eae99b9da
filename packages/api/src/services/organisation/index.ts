// A region's organisation: regions, units, employees, employee import, results from before Kinerja
// (history import), sign-in accounts, and accounts made in bulk from the register with one-time activation
// codes.
// The only door into this folder: routers and other folders import from here.
export * from "./regions.js";
export * from "./units.js";
export * from "./employees.js";
export * from "./employee-import.js";
export * from "./history-import.js";
export * from "./accounts.js";
export * from "./account-lifecycle.js";
export * from "./bulk-accounts.js";
export * from "./activation.js";
export * from "./activation-handouts.js";
export { activationCodeHash, CODE_ALPHABET, CODE_LENGTH, newActivationCode } from "./activation-codes.js";
