// The size a browser app pays for each entry of @kinerja/core: the entry bundled with esbuild (ES module,
// minified, for the browser, dependencies included), then gzipped. The bench prints these; the suite holds
// the engine and the evaluator to their aims.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const SOURCE = new URL("../src/", import.meta.url);

/** Each browser entry: its name in `core.bundle_gzip_kb.<name>`, its source, and its aim in KB gzip (if any). */
export const BROWSER_ENTRIES = [
  { name: "engine", source: "engine/entry.ts", aimKb: 10 },
  { name: "evaluator", source: "evaluator.ts", aimKb: 40 },
  { name: "json_rules_engine", source: "engine/compat/index.ts", aimKb: undefined },
  { name: "rule_files", source: "rule-files.ts", aimKb: undefined },
  { name: "jsonpath", source: "jsonpath.ts", aimKb: undefined },
  { name: "main", source: "index.ts", aimKb: undefined },
] as const;

export interface BundleSize {
  name: string;
  gzipKb: number;
  aimKb: number | undefined;
}

export async function bundleSizes(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const entry of BROWSER_ENTRIES) {
    const result = await build({
      entryPoints: [new URL(entry.source, SOURCE).pathname],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const bytes = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
    sizes.push({ name: entry.name, gzipKb: Math.round((bytes / 1024) * 10) / 10, aimKb: entry.aimKb });
  }
  return sizes;
}
