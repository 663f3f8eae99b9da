// Runs the `kinerja` command as a user would: a real process, with its exit code and both streams.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const MAIN = resolve(import.meta.dirname, "../main.ts");
const TSX = resolve(import.meta.dirname, "../../node_modules/.bin/tsx");

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function kinerja(...args: string[]): Promise<CliOutcome> {
  return kinerjaWith({}, ...args);
}

/** Runs the command with `env` added to this process's environment (e.g. DATABASE_URL). */
export async function kinerjaWith(env: Record<string, string>, ...args: string[]): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(TSX, [MAIN, ...args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
