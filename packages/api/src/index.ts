// @kinerja/api: the tRPC API, better-auth, and the services behind them, for the server to mount.
export { appRouter, type AppRouter } from "./root.js";
export { createCallerFactory, createContext, createContextInner, type Context } from "./trpc.js";
export { createAuth, sessionFromHeaders, type Auth, type Session, type SessionUser } from "./auth.js";
export { CLIENT_ADDRESS_HEADER } from "./auth-credentials.js";
export { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from "./services/credentials/index.js";
export { DEFAULT_LEASE_MS, JobRunner, JobTakenOver, type JobRunnerOptions } from "./services/cycles/index.js";
export { recoverInterruptedJobs } from "./services/cycles/index.js";
export { createAccount, type NewAccount } from "./services/organisation/index.js";
export { exportResults } from "./services/documents/index.js";
export { notifyOverdueAppeals } from "./services/results/index.js";
export type { ExportFormat, ExportFile } from "./services/documents/index.js";
export { handleEvidence } from "./http/evidence.js";
export { handleDownloads } from "./http/downloads.js";
export { handleImports, IMPORT_BODY_LIMIT } from "./http/imports.js";
export { contentHash, storedContent } from "./services/rules/index.js";
export { DEMO_REGIONS, isEmpty, seedDemo, type SeedOptions, type SignIn } from "./services/seed/index.js";
export { seedBaselines } from "./services/rules/index.js";
export { MailSender, smtpTransport, enqueueMail, notify, type MailSenderOptions, type MailTransport } from "./services/notifications/index.js";
