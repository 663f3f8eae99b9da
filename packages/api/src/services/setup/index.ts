// A new region's guided start: what is done and what comes next.
// The only door into this folder: routers and other folders import from here.
export * from "./guided-start.js";
