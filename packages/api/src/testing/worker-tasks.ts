// Tasks for the tests of runInWorker (services/lib/worker.test.ts): ones that answer, one that never
// ends, one that dies, one that throws, two that eat memory; generators for streamInWorker.

export function sum(numbers: number[], extra: Set<number>): { total: number } {
  return { total: [...numbers, ...extra].reduce((a, b) => a + b, 0) };
}

export function pid(): number {
  return process.pid;
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

/** Grows one array, as a parser pushing rows does: past a worker thread's heap limit this shape aborted the
 * whole process ("Reached heap limit"), where many separate arrays ended the thread alone. */
export function grow(): number[] {
  const kept: number[] = [];
  for (let i = 0; ; i++) kept.push(i);
}

/** Yields `count` parts, each with when it was made, and returns how many. */
export async function* parts(count: number): AsyncGenerator<{ index: number; madeAt: number }, number, never> {
  for (let index = 0; index < count; index++) yield { index, madeAt: Date.now() };
  return count;
}

/** Yields `count` parts, lets them reach the server, then dies midway. */
export async function* partsThenExit(count: number): AsyncGenerator<number, number, never> {
  for (let index = 0; index < count; index++) yield index;
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.exit(3);
}

/** Yields `count` parts of `size` characters, working `busyMs` on each before it: a reader making big parts. */
export async function* bigParts(count: number, size: number, busyMs: number): AsyncGenerator<{ index: number; text: string; madeAt: number }, number, never> {
  for (let index = 0; index < count; index++) {
    const until = Date.now() + busyMs;
    while (Date.now() < until) {
      // Busy, as a reader is between parts, without a turn of the event loop.
    }
    yield { index, text: "x".repeat(size), madeAt: Date.now() };
  }
  return count;
}
