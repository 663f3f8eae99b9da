/**
 * @kinerja/core/jsonpath: the JSONPath reader (jsonpath-plus) to hand the lean engine entry as `pathResolver`.
 *
 * @module @kinerja/core/jsonpath
 */
export { jsonPathResolver } from "./engine/jsonpath.js";
