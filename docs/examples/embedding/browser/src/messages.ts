// What the page and the worker say to each other.
export type ToWorker = { type: "evaluate"; count: number };

export type FromWorker =
  | { type: "progress"; evaluated: number }
  | { type: "done"; evaluated: number; tally: Record<string, number>; explanation: string }
  | { type: "failed"; message: string };
