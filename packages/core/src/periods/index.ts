export * from "./periods.js";
