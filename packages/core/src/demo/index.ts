export { generateDemo, DEMO_MAX_SIZE, type DemoOptions } from "./generate.js";
export { demoProfileSchema, type DemoProfile } from "./profile.js";
export { seededRandom, type Random } from "./random.js";
