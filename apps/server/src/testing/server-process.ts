// The real server as a child process (`src/main.ts` under tsx's loader), for tests that need to see
// whether the process itself survives, or several servers on one database: started with the given
// environment on an ephemeral loopback port, its JSON log lines collected, stopped with SIGTERM, or killed
// outright (SIGKILL) as a crash or the OOM killer would.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const WORKER = fileURLToPath(new URL("../worker.ts", import.meta.url));
const PACKAGE = fileURLToPath(new URL("../../package.json", import.meta.url));

/**
 * The Node flags this package's script gives the process (`start`: the server, `worker`: a worker): the words
 * between `tsx` and the entry, e.g. `--max-semi-space-size=64`.
 */
export function scriptNodeFlags(script: "start" | "worker"): string[] {
  const scripts = (JSON.parse(readFileSync(PACKAGE, "utf8")) as { scripts: Record<string, string> }).scripts;
  const words = (scripts[script] ?? "").split(/\s+/);
  if (words[0] !== "tsx") throw new Error(`apps/server's ${script} script does not start with tsx: ${scripts[script]}`);
  return words.slice(1).filter((word) => word.startsWith("--"));
}

export interface ServerProcess {
  url: string;
  /** Every line the process wrote so far, stdout and stderr. */
  output(): string;
  /** The exit code once the process has ended, null while it runs. */
  exitCode(): number | null;
  stop(): Promise<void>;
  /** Ends the process with SIGKILL (no handler runs, nothing is flushed) and waits until it is gone. */
  kill(): Promise<void>;
  /** Freezes the process (SIGSTOP), as a long pause of its machine would, until resume() (SIGCONT). */
  pause(): void;
  resume(): void;
  /** The JSON log entries written so far. */
  logs(): Array<{ time: string; level: string; msg: string; [field: string]: unknown }>;
}

export async function startServerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  return startProcess(MAIN, scriptNodeFlags("start"), env, timeoutMs, (entry) => (entry.msg === "listening" && entry.port ? `http://127.0.0.1:${entry.port}` : null));
}

/** A `pnpm worker` process (src/worker.ts), ready once it logs "worker ready"; its `url` is empty. */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
  return startProcess(WORKER, scriptNodeFlags("worker"), env, timeoutMs, (entry) => (entry.msg === "worker ready" ? "" : null));
}

async function startProcess(
  main: string,
  flags: string[],
  env: Record<string, string>,
  timeoutMs: number,
  ready: (entry: { msg?: string; port?: number }) => string | null,
): Promise<ServerProcess> {
  // tsx's loader rather than its CLI, which would run the server in a second process of its own: the
  // process a test signals is the server itself, with the Node flags its script gives it.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, [...flags, "--import", tsx, main], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal ? 128 : 1);
      resolve();
    });
  });
  createInterface({ input: child.stderr }).on("line", (line) => (output += `${line}\n`));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${main} did not start within ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${main} exited with code ${exitCode} before it was ready:\n${output.slice(-4000)}`));
    });
    createInterface({ input: child.stdout }).on("line", (line) => {
      output += `${line}\n`;
      if (!line.startsWith("{")) return;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      const url = ready(entry);
      if (url !== null) {
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
  return {
    url,
    output: () => output,
    exitCode: () => exitCode,
    stop: async () => {
      if (exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
    kill: async () => {
      if (exitCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
    pause: () => void child.kill("SIGSTOP"),
    resume: () => void child.kill("SIGCONT"),
    logs: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { time: string; level: string; msg: string }),
  };
}
