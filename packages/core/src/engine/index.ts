// The rules engine: json-rules-engine's rule, condition and event grammar, compiled once into
// synchronous closures that give the same events as json-rules-engine 7.3's `Engine#run` (checked by
// differential.test.ts against the real engine).
//
// Where it deliberately differs:
// - Facts are JSON-like values (primitives, arrays, plain objects), and a top-level fact may be a
//   function. A function fact is called synchronously with the condition's params each time it is
//   read (json-rules-engine passes its almanac too, awaits the result and calls once per run); one
//   that returns a promise is refused.
// - Events are frozen objects shared by every run (json-rules-engine hands out fresh clones).
// - Among rules of equal priority, events come in the order the rules were given (json-rules-engine's
//   order there is whichever rule finishes first).
// - Named conditions that refer to each other in a cycle are refused when compiling
//   (json-rules-engine overflows the stack when it reaches one).
// - A fact named "" is an ordinary fact (json-rules-engine fails every run given one: "factId required").
// - Engine features outside the JSON grammar are not modelled: custom operators and decorators,
//   engine-level facts and their priorities, event handlers, stop(), rule results.
// - `pathResolver` is a compile option: it reads every path that is not plain names and indices
//   (plain ones are read directly). Here it defaults to jsonpath-plus, as in json-rules-engine; the
//   `@kinerja/core/engine` entry (entry.ts) has no default, so a browser bundle carries no JSONPath.
export * from "./entry.js";
// These shadow entry.ts's compileRules and compileCondition: the same, with jsonpath-plus by default.
export { compileRules, compileCondition, jsonPathResolver } from "./jsonpath.js";
