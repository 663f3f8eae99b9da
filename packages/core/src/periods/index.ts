export * from "./periods.js";
export * from "./history.js";
