// @kinerja/api: the tRPC API, better-auth, and the services behind them, for the server to mount.
export { appRouter, type AppRouter } from "./root.js";
export { createCallerFactory, createContext, createContextInner, type Context } from "./trpc.js";
export { createAuth, sessionFromHeaders, type Auth, type Session, type SessionUser } from "./auth.js";
export { JobRunner, type JobRunnerOptions } from "./services/jobs.js";
export { recoverInterruptedJobs } from "./services/cycle-run.js";
export { createAccount, type NewAccount } from "./services/accounts.js";
export { exportResults } from "./services/exports.js";
export type { ExportFormat, ExportFile } from "./services/spreadsheet.js";
export { handleEvidence } from "./http/evidence.js";
export { handleDownloads } from "./http/downloads.js";
export { contentHash, storedContent } from "./services/engine.js";
export { DEMO_REGIONS, isEmpty, seedDemo, type SeedOptions, type SignIn } from "./services/seed.js";
