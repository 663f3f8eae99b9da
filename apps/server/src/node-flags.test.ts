// The server and worker processes run with a young generation of 64 MB a semi-space (their scripts'
// `--max-semi-space-size=64`, in package.json): a cycle's run takes its batches from the reading thread into the
// server's thread, where they live while they are written, and with V8's default of 16 MB each scavenge copied the
// batch in hand again (0.8–1.1 s of a 100,000-employee run, docs/performance.md). The flags are read from the
// scripts as the test servers are started (testing/server-process.ts), and a process started with them has the
// young generation they ask for, as does a thread it starts.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { scriptNodeFlags } from "./testing/server-process.js";

const execute = promisify(execFile);
const MB = 1024 * 1024;

/** Fills the young generation of the thread it runs in, and gives its size to `report`. */
const FILL = `
const kept = [];
for (let i = 0; i < 4e6; i++) kept.push({ i });
report(require("node:v8").getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size);
`;
/** Prints the size of the process's young generation, or of a thread's it starts. */
const PROGRAM = {
  process: `const report = console.log;${FILL}`,
  thread: `new (require("node:worker_threads").Worker)(${JSON.stringify(`const report = (size) => require("node:worker_threads").parentPort.postMessage(size);${FILL}`)}, { eval: true }).once("message", (size) => { console.log(size); process.exit(0); });`,
};

async function youngGeneration(flags: string[], where: "process" | "thread"): Promise<number> {
  const { stdout } = await execute(process.execPath, [...flags, "-e", PROGRAM[where]], { timeout: 60_000 });
  return Number(stdout.trim());
}

describe.each(["start", "worker"] as const)("the %s script's Node flags", (script) => {
  it("give the process and its threads semi-spaces of 64 MB, where V8's default is 16 MB", async () => {
    const flags = scriptNodeFlags(script);
    expect(flags).toContain("--max-semi-space-size=64");
    // The new space holds two semi-spaces; once filled it has grown to its largest.
    expect(await youngGeneration(flags, "process")).toBe(2 * 64 * MB);
    expect(await youngGeneration(flags, "thread")).toBe(2 * 64 * MB);
    // Without it, V8's default: 16 MB a semi-space on a 64-bit machine of several GB, less on a small one.
    expect(await youngGeneration([], "process")).toBeLessThanOrEqual(2 * 16 * MB);
  }, 90_000);
});
