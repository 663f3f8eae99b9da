// The distribution curve (SE MenPANRB 3/2023): bounds per predikat organisasi, a unit's counts, and the moves that bring a unit within it.
export * from "./distribution.js";
export * from "./counts.js";
export * from "./proposals.js";
