export * from "./compare.js";
