// The distribution curve (SE MenPANRB 3/2023): bounds per predikat organisasi and a unit's counts.
export * from "./distribution.js";
export * from "./counts.js";
