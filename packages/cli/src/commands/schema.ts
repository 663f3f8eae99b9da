// `kinerja schema [--out <file>]`: writes the JSON Schema of rule files, for editors' autocompletion.
import { writeFileSync } from "node:fs";
import { ruleFileJsonSchema } from "@kinerja/core";

export function schema(out: string, log: (line: string) => void): number {
  writeFileSync(out, JSON.stringify(ruleFileJsonSchema(), null, 2) + "\n");
  log(`JSON Schema ditulis ke ${out}`);
  return 0;
}
