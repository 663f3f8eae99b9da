// @kinerja/core as someone outside this repository gets it: packed with `pnpm pack` and installed from the
// tarball into a blank project. Shared by the package's own tests and the guide's examples (in Node here, in a
// browser in apps/admin/e2e), so every one of them runs the published files and not the workspace sources.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** packages/core, the package that is packed. */
export const CORE_DIR = resolve(import.meta.dirname, "../..");
/** The repository's root, for the real rule files and examples the tests copy into blank projects. */
export const REPO_ROOT = resolve(CORE_DIR, "../..");
/** The workspace's TypeScript compiler, to type-check a blank project against the package's declarations. */
export const TSC = resolve(CORE_DIR, "node_modules/.bin/tsc");

/** pnpm itself: the one running this suite when there is one, else the one on PATH. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  const viaPnpm = execPath !== undefined && /pnpm/.test(execPath);
  return execFileSync(viaPnpm ? process.execPath : "pnpm", viaPnpm ? [execPath, ...args] : args, { cwd, encoding: "utf8" });
}

/** Packs @kinerja/core (its prepack builds dist/) into `dir` and returns the tarball's path. */
export function packCore(dir: string): string {
  pnpm(["pack", "--pack-destination", dir], CORE_DIR);
  const packed = readdirSync(dir).find((f) => f.startsWith("kinerja-core-") && f.endsWith(".tgz"));
  if (packed === undefined) throw new Error(`pnpm pack wrote no kinerja-core-*.tgz into ${dir}`);
  return join(dir, packed);
}

/** A blank project with the tarball installed: package.json as given, or as `npm init -y` writes it. */
export function blankProject(dir: string, tarball: string, name: string, manifest?: object): string {
  const project = join(dir, name);
  mkdirSync(project, { recursive: true });
  if (manifest) writeFileSync(join(project, "package.json"), JSON.stringify(manifest));
  else execFileSync("npm", ["init", "-y", "--loglevel=error"], { cwd: project });
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: project });
  return project;
}
