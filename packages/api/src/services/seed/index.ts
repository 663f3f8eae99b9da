// Demo data for a first start.
// The only door into this folder: routers and other folders import from here.
export * from "./seed.js";
export * from "./demo.js";
