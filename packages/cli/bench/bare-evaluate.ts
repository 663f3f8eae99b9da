// The baseline of evaluate.bench.ts: the work of `kinerja evaluate --input <x.jsonl> --out <y.jsonl>` and
// nothing else. Read JSON Lines in chunks, parse each line, the same compiled `evaluate`, write the same line
// of output, waiting on the file when it is full.
// Usage: node --import tsx bench/bare-evaluate.ts <rule file> <input.jsonl> <output.jsonl>
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { compileRuleSet } from "@kinerja/core";
import { loadRuleFile } from "../src/rule-files.js";

const [rules, input, output] = process.argv.slice(2) as [string, string, string];
const compiled = compileRuleSet(loadRuleFile(rules).ruleSet);
const out = createWriteStream(output);
let rest = "";
for await (const chunk of createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
  const lines = (rest + chunk).split("\n");
  rest = lines.pop() ?? "";
  let text = "";
  for (const line of lines) if (line !== "") text += JSON.stringify(compiled.evaluate(JSON.parse(line))) + "\n";
  if (!out.write(text)) await once(out, "drain");
}
if (rest !== "") out.write(JSON.stringify(compiled.evaluate(JSON.parse(rest))) + "\n");
out.end();
await once(out, "finish");
