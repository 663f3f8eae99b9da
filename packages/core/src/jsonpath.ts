// @kinerja/core/jsonpath: the JSONPath reader (jsonpath-plus) to hand the lean engine entry as `pathResolver`.
export { jsonPathResolver } from "./engine/jsonpath.js";
