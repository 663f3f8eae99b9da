// Starting and stopping the server: open the database (SQLite by default, PostgreSQL by DATABASE_URL),
// migrate it, mark failed the jobs whose server stopped renewing their lease (and keep doing so), seed the
// demo regions on an empty database and print their sign-ins, then listen and start the mail sender (which
// delivers the notification outbox), the webhook sender and the connector scheduler (runs the connectors a
// region scheduled). Stopping refuses new connections, lets requests in flight finish, stops the background
// loops after what they are doing, and closes the database.
import type { AddressInfo } from "node:net";
import { ConnectorScheduler, createAuth, type CycleQueue, DEMO_REGIONS, isEmpty, JobRunner, MailSender, notifyOverdueAppeals, recoverInterruptedJobs, seedBaselines, seedDemo, smtpTransport, startReadingThreads, WebhookSender, type SignIn } from "@kinerja/api";
import { migrateToLatest, openDatabase, type OpenDatabase } from "@kinerja/db";
import type { Server } from "node:http";
import { DEFAULT_SEED_PASSWORD, type ServerConfig } from "./config.js";
import { errorFields, type Logger } from "./log.js";
import { openCycleQueue } from "./queue.js";
import { createApp } from "./server.js";

const ROLE_LABELS: Record<SignIn["role"], string> = {
  operator: "operator nasional",
  admin: "admin wilayah",
  assessor: "pejabat penilai",
  employee: "pegawai",
};

function printSignIns(signIns: SignIn[], origin: string, write: (text: string) => void): void {
  const regionName = (id: string | null) => DEMO_REGIONS.find((r) => r.id === id)?.name ?? "Nasional";
  const lines = signIns.map(
    (s) => `  ${regionName(s.regionId).padEnd(24)} ${ROLE_LABELS[s.role].padEnd(18)} ${s.login.padEnd(34)} ${s.password}`,
  );
  write(
    [
      "",
      "Akun demo dibuat (demo sign-ins). Masuk di " + origin,
      `  ${"Wilayah".padEnd(24)} ${"Peran".padEnd(18)} ${"E-mail / NIP".padEnd(34)} Kata sandi`,
      ...lines,
      "  E-mail: POST /api/auth/sign-in/email   NIP: POST /api/auth/sign-in/username",
      "",
    ].join("\n") + "\n",
  );
}

export interface Running {
  server: Server;
  database: OpenDatabase;
  jobs: JobRunner;
  /** PostgreSQL: the queue cycle runs go through (this server works it too unless KINERJA_WORKER_CONCURRENCY=0); null otherwise. */
  queue: CycleQueue | null;
  /** Delivers the outbox in the background; stopped before the database closes. */
  mail: MailSender;
  /** Delivers queued webhook deliveries in the background; stopped before the database closes. */
  webhooks: WebhookSender;
  /** Starts the runs of due connector schedules in the background; stopped before the database closes. */
  schedules: ConnectorScheduler;
  url: string;
  signIns: SignIn[];
  /** Stops accepting, waits for requests (and, up to `graceMs`, jobs) in flight, closes the database. */
  stop(graceMs?: number): Promise<void>;
}

export async function start(config: ServerConfig, logger: Logger, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<Running> {
  const database = openDatabase(config.database, {
    onConnectionLost: (error) => logger.log("warn", "database connection lost; the next query opens a new one", errorFields(error)),
  });
  const { db } = database;
  const applied = await migrateToLatest(db, database.dialect);
  logger.log("info", "database ready", { dialect: database.dialect, location: database.location, migrationsApplied: applied });
  // On PostgreSQL a cycle's run is queued in batches for this server and any worker process to take.
  const queue = await openCycleQueue(database, config.database.dialect === "postgres" ? config.database.url : "", config.queue, logger);
  const jobs = new JobRunner({
    queue,
    runBatchSize: config.queue.runBatchSize,
    leaseMs: config.jobLeaseMs,
    onError: (jobId, error) => logger.log("error", "job failed", { jobId, ...errorFields(error) }),
    onTakenOver: (jobId, error) => logger.log("warn", "job taken over by another server: stopped writing it", { jobId, owner: error.owner }),
  });
  // Other servers may share the database and be running jobs: only jobs whose lease ran out are theirs
  // no longer. Looked for now and then again as often as a lease lasts, so a crashed server's job is
  // marked failed without waiting for a restart.
  const recover = async (): Promise<void> => {
    const interrupted = await recoverInterruptedJobs(db, { runner: jobs });
    if (interrupted > 0) logger.log("warn", "jobs whose server stopped renewing their lease were marked failed", { count: interrupted });
  };
  await recover();
  const abandonedJobs = setInterval(() => {
    recover().catch((error: unknown) => logger.log("warn", "looking for abandoned jobs failed", errorFields(error)));
  }, config.jobLeaseMs);
  abandonedJobs.unref();

  let signIns: SignIn[] = [];
  if (config.seed && (await isEmpty(db))) {
    logger.log("info", "empty database: seeding demo regions", { regions: DEMO_REGIONS.map((r) => r.id), perRegion: config.seedSize });
    signIns = await seedDemo(db, { rulesDir: config.rulesDir, password: config.seedPassword, size: config.seedSize });
  }
  // A database from before the national baselines were data (or one not seeded): each baseline file not stored
  // yet becomes its version 1. Another server starting at the same time may store it first; that is no failure.
  await seedBaselines(db, { id: null, name: "Kinerja (rules/national)", role: "system" }, config.rulesDir).then(
    (stored) => stored.length > 0 && logger.log("info", "national baselines stored as version 1", { baselines: stored.map((b) => b.baselineId) }),
    (error: unknown) => logger.log("warn", "storing the national baselines failed", errorFields(error)),
  );

  const auth = createAuth({
    db,
    dialect: database.dialect,
    secret: config.authSecret,
    log: (level, message) => logger.log(level, message, { source: "better-auth" }),
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    trustedOrigins: config.trustedOrigins,
    signInLimits: config.signInLimits,
  });
  const server = createApp({
    db,
    auth,
    jobs,
    logger,
    adminDist: config.adminDist,
    publicUrl: config.baseURL,
    trustedOrigins: config.trustedOrigins,
    trustedProxies: config.trustedProxies,
    demoPassword: config.seedPassword === DEFAULT_SEED_PASSWORD ? DEFAULT_SEED_PASSWORD : null,
  });
  // An idle connection is kept longer than a proxy in front keeps it (see ServerConfig.keepAliveSeconds); a stop
  // closes idle connections at once, whatever this is.
  server.keepAliveTimeout = config.keepAliveSeconds * 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.log("info", "listening", { url, port, jobOwner: jobs.lease.owner, jobLeaseMs: jobs.lease.ms });
  if (signIns.length > 0) printSignIns(signIns, url, write);
  // Cycle runs in this process read and evaluate their batches in reading threads (by default one fewer than the
  // cores); started now, they have loaded their modules before the first large run.
  if (!queue) startReadingThreads(config.runThreads);

  const mail = new MailSender({
    db,
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : null,
    from: config.mailFrom,
    origin: config.baseURL?.replace(/\/$/, "") ?? url,
    reminderEveryMs: config.reminderEveryMs,
    maxAttempts: config.mailAttempts,
    backoffMs: config.mailRetryMs,
    alsoRemind: [notifyOverdueAppeals],
    onError: (error) => logger.log("warn", "sending mail failed; tried again next round", errorFields(error)),
  });
  mail.start();
  const webhooks = new WebhookSender({
    db,
    maxAttempts: config.webhookAttempts,
    backoffMs: config.webhookRetryMs,
    onError: (error) => logger.log("warn", "delivering webhooks failed; tried again next round", errorFields(error)),
  });
  webhooks.start();
  const schedules = new ConnectorScheduler({
    db,
    jobs,
    onError: (error) => logger.log("warn", "starting a scheduled connector run failed; the next due time comes", errorFields(error)),
  });
  schedules.start();
  if (!config.smtpUrl) logger.log("warn", "KINERJA_SMTP_URL is not set: mail stays in the outbox unsent; portal notifications still work");

  let stopping: Promise<void> | null = null;
  const stop = (graceMs = 10_000): Promise<void> => {
    stopping ??= (async () => {
      logger.log("info", "shutting down: no new connections, finishing requests in flight");
      clearInterval(abandonedJobs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections turn idle as their last response ends; close them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      const jobsDone = await Promise.race([jobs.idle().then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref())]);
      if (!jobsDone) logger.log("warn", "jobs still running at shutdown; they will be marked failed once their lease runs out");
      await queue?.stop(graceMs);
      await mail.stop();
      await webhooks.stop();
      await schedules.stop();
      await database.close();
      logger.log("info", "stopped");
    })();
    return stopping;
  };
  return { server, database, jobs, queue, mail, webhooks, schedules, url, signIns, stop };
}
