export * from "./types.js";
export * from "./nip.js";
