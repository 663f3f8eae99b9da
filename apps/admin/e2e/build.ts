// The browser tests need the built app; this builds it when dist/ is missing or older than a source.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ADMIN_DIR, DIST_DIR } from "./server";

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function distIsCurrent(): boolean {
  const index = join(DIST_DIR, "index.html");
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  const sources = ["src", "index.html", "public", "vite.config.ts", "package.json"].map((p) => join(ADMIN_DIR, p)).filter(existsSync);
  return Math.max(...sources.map(newest)) <= built;
}

export async function ensureBuilt(log: (text: string) => void = () => undefined): Promise<void> {
  if (distIsCurrent()) return;
  log("[admin-e2e] building apps/admin (dist/ is missing or older than the sources)…");
  const { build } = await import("vite");
  // vitest sets NODE_ENV=test, and vite builds React's development bundle for any NODE_ENV but
  // "production": the tests and the bench would see a portal no one is served.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ root: ADMIN_DIR, configFile: join(ADMIN_DIR, "vite.config.ts"), mode: "production", logLevel: "warn" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
