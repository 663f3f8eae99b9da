// Appraisal cycles: their life, who they cover (scope and roll-out), progress, the evaluation job and finalising.
// The only door into this folder: routers and other folders import from here.
export * from "./cycles.js";
export * from "./roll-out.js";
export * from "./cycle-scope.js";
export * from "./progress.js";
export * from "./run.js";
export { defaultReadingThreads, readingThreadsReady, startReadingThreads, stopReadingThreads, type ReadCounts } from "./batch-reader.js";
export * from "./jobs.js";
export { failLiveJob, failStaleJobs, holdLease, regionJobRunning, JobTakenOver, keepLeaseAlive, leaseFields, processOwner, renewLease } from "./lease.js";
export * from "./finalise.js";
export * from "./rollup.js";
export * from "./queue.js";
