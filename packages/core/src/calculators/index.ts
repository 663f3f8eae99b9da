export * from "./pp46.js";
export * from "./achievement.js";
