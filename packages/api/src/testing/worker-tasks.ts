// Tasks for the tests of runInWorker (services/lib/worker.test.ts): ones that answer, one that never
// ends, one that dies, one that throws, one that eats memory.
import { threadId } from "node:worker_threads";

export function sum(numbers: number[], extra: Set<number>): { total: number } {
  return { total: [...numbers, ...extra].reduce((a, b) => a + b, 0) };
}

export function thread(): number {
  return threadId;
}

export function spin(): never {
  for (;;) {
    // Holds its thread for good, as a pathological input would.
  }
}

export function exit(): void {
  process.exit(3);
}

export function fail(): never {
  throw new Error("rusak");
}

export function hoard(): number[][] {
  const kept: number[][] = [];
  for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i));
}
