// The start of a cycle run's reading thread (batch-reader.ts): registers tsx (a worker thread does not load
// TypeScript by itself), then loads the thread's module. Plain JavaScript, as it runs before tsx is registered.
import { register } from "tsx/esm/api";

register();
await import("./batch-reader-thread.ts");
