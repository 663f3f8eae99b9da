// The differential tests' guard for the promise rejections json-rules-engine leaves unhandled.
/**
 * json-rules-engine leaves a promise unhandled when one condition of a group throws synchronously (a
 * reference to a missing named condition) and a sibling it had already started rejects later; the run
 * itself fails as it should. Such rejections are counted here instead of failing the test file.
 */
export async function countingUnhandledRejections(body: () => Promise<void>): Promise<number> {
  const previous = process.listeners("unhandledRejection");
  let count = 0;
  const counter = () => {
    count++;
  };
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", counter);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.removeListener("unhandledRejection", counter);
    for (const listener of previous) process.on("unhandledRejection", listener);
  }
  return count;
}
