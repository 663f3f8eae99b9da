// The real Kinerja server for browser tests and screenshots: apps/server started as a child process on
// an ephemeral port, with a fresh SQLite database in a temporary directory, seeded with the four demo
// regions, serving this app's dist/. Stopped with SIGTERM (graceful) and its directory removed.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const ADMIN_DIR = fileURLToPath(new URL("..", import.meta.url));
export const DIST_DIR = join(ADMIN_DIR, "dist");
const SERVER_MAIN = fileURLToPath(new URL("../../server/src/main.ts", import.meta.url));
export const PASSWORD = "sandi-uji-portal";

export interface SignIn {
  regionId: string | null;
  role: "operator" | "admin" | "assessor" | "employee";
  login: string;
}

export interface RunningServer {
  url: string;
  signIns: SignIn[];
  /** Everything the server wrote, for a failing test's report. */
  output(): string;
  stop(): Promise<void>;
}

const REGION_NAMES: Record<string, string> = {
  "Kota Samarinda": "samarinda",
  "Kota Binjai": "binjai",
  "Kota Pariaman": "pariaman",
  "Kecamatan Medan Amplas": "amplas",
};
const ROLE_LABELS: Record<string, SignIn["role"]> = {
  "operator nasional": "operator",
  "admin wilayah": "admin",
  "pejabat penilai": "assessor",
  pegawai: "employee",
};

/** Reads the sign-in table the server prints after seeding. */
export function parseSignIns(text: string): SignIn[] {
  const found: SignIn[] = [];
  for (const line of text.split("\n")) {
    const region = Object.keys(REGION_NAMES).find((name) => line.trimStart().startsWith(name));
    const nasional = line.trimStart().startsWith("Nasional");
    if (!region && !nasional) continue;
    const role = Object.keys(ROLE_LABELS).find((label) => line.includes(label));
    const login = line.match(/(\d{18}|[\w.+-]+@[\w.-]+)/)?.[1];
    if (role && login) found.push({ regionId: region ? (REGION_NAMES[region] as string) : null, role: ROLE_LABELS[role] as SignIn["role"], login });
  }
  return found;
}

/** distDir: the built portal to serve, dist/ unless a copy is given (one no other build can replace mid-run). */
/** `env`: more of the server's settings, e.g. KINERJA_SMTP_URL for a mail server the test started. */
export async function startServer(options: { seedSize?: number; timeoutMs?: number; distDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), "kinerja-portal-"));
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child: ChildProcess = spawn(process.execPath, [tsx, SERVER_MAIN], {
    cwd: ADMIN_DIR,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "kinerja.db")}`,
      KINERJA_SECRET_FILE: join(dir, "auth-secret"),
      KINERJA_SEED_SIZE: String(options.seedSize ?? 60),
      KINERJA_SEED_PASSWORD: PASSWORD,
      KINERJA_ADMIN_DIST: options.distDir ?? DIST_DIR,
      KINERJA_SEED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let url: string | null = null;
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${options.timeoutMs ?? 120_000} ms:\n${output.slice(-4000)}`)), options.timeoutMs ?? 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before listening:\n${output.slice(-4000)}`));
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output += `${line}\n`;
      if (url) return;
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === "listening" && entry.url) {
          url = entry.url.replace("localhost", "127.0.0.1");
          clearTimeout(timer);
          resolve(url);
        }
      } catch {
        // The sign-in table is plain text.
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });
  const base = await listening;
  // The sign-in table follows the "listening" line.
  const deadline = Date.now() + 10_000;
  while (parseSignIns(output).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return {
    url: base,
    signIns: parseSignIns(output),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function signInFor(server: RunningServer, role: SignIn["role"], regionId: string | null): string {
  const found = server.signIns.find((s) => s.role === role && s.regionId === regionId);
  if (!found) throw new Error(`no ${role} sign-in for ${regionId ?? "national"} in:\n${server.output().slice(-3000)}`);
  return found.login;
}
