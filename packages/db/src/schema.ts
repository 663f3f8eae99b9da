// The database as kysely sees it: one interface mapping every table to its row type. Both dialects
// share it, so a column's type here is what both SQLite and PostgreSQL hand back:
// - our timestamps are ISO-8601 UTC text (sortable as text, identical on both dialects);
// - JSON columns arrive as text on both (jsonb on PostgreSQL, whose parser the pool turns off), and the
//   services parse them, so a row never changes shape with the dialect;
// - better-auth's own columns keep the types better-auth reads and writes (dates, booleans).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** JSON stored as text; parse with `parseJson`, write with `toJson`. */
export type JsonText = string;
/** ISO-8601 UTC timestamp, e.g. "2025-07-01T08:30:00.000Z". */
export type Timestamp = string;
/** better-auth dates: Date on PostgreSQL, ISO text on SQLite; written as either. */
type AuthDate = ColumnType<Date | string, Date | string, Date | string>;
/** better-auth booleans: boolean on PostgreSQL, 0/1 on SQLite. */
type AuthBoolean = ColumnType<boolean | number, boolean | number, boolean | number>;

export const ROLES = ["operator", "admin", "assessor", "employee"] as const;
/** operator: national, no region; admin: a region's BKD; assessor: pejabat penilai; employee: pegawai. */
export type Role = (typeof ROLES)[number];

export const CYCLE_STATUSES = ["draft", "open", "evaluated", "finalised"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const RULE_SET_STATUSES = ["draft", "published"] as const;
export type RuleSetStatus = (typeof RULE_SET_STATUSES)[number];

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const RUN_STATUSES = ["running", "complete", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

// ---- better-auth ------------------------------------------------------------------------------------

export interface UserTable {
  id: string;
  name: string;
  email: string;
  email_verified: AuthBoolean;
  image: string | null;
  created_at: AuthDate;
  updated_at: AuthDate;
  /** The NIP for employees and assessors (better-auth's username plugin); null for e-mail sign-ins. */
  username: string | null;
  role: Role;
  /** Null only for national operators. */
  region_id: string | null;
  /** The employee record this account belongs to (assessors and employees); access is decided from it. */
  employee_id: string | null;
  /** Set when an admin disabled the account: it cannot sign in and has no sessions. */
  disabled_at: ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>;
  /** True while the account is disabled because its employee left the region (SIASN): enabled again on their return. */
  disabled_by_departure: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  /** Set by an admin's temporary password: the holder must change it before doing anything else. */
  must_change_password: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
}

export interface SessionTable {
  id: string;
  expires_at: AuthDate;
  token: string;
  created_at: AuthDate;
  updated_at: AuthDate;
  ip_address: string | null;
  user_agent: string | null;
  user_id: string;
}

export interface AccountTable {
  id: string;
  account_id: string;
  provider_id: string;
  user_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: AuthDate | null;
  refresh_token_expires_at: AuthDate | null;
  scope: string | null;
  password: string | null;
  created_at: AuthDate;
  updated_at: AuthDate;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: AuthDate;
  created_at: AuthDate;
  updated_at: AuthDate;
}

/**
 * How many sign-ins began and did not succeed, per account or per client address, in a window; shared by
 * every server on the database. Keys: "account:<user id>", "login:<e-mail or NIP naming no account>",
 * "address:<IP>".
 */
export interface SignInLimitTable {
  key: string;
  attempts: number;
  window_started_at: Timestamp;
  /** Sign-ins under this key are refused until then. */
  locked_until: Timestamp | null;
}

// ---- regions and their organisation ----------------------------------------------------------------

export interface RegionTable {
  /** A slug: "samarinda", "binjai". */
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface UnitTable {
  region_id: string;
  /** A code unique in the region, e.g. "dinkes" or "pkm-sungai-kunjang". */
  id: string;
  parent_id: string | null;
  name: string;
  /** "dinas", "puskesmas", "sekolah", "kecamatan" …: rule files choose indicator sets by it. */
  type: string | null;
  created_at: Timestamp;
}

export interface EmployeeTable {
  region_id: string;
  id: string;
  nip: string;
  nama: string;
  jabatan: string;
  jenis_jabatan: string | null;
  jenjang: string | null;
  golongan: string | null;
  /** "PNS" or "PPPK". */
  status: string | null;
  unit_id: string;
  /** The direct superior (pejabat penilai). */
  atasan_nip: string | null;
  /** Further attributes a rule file may read: { guru: true }. Defaults to {}. */
  attributes: Generated<JsonText>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the employee's departure was applied (the SIASN master no longer lists them); null while in the region. Never deleted. */
  left_at: Generated<Timestamp | null>;
  left_reason: Generated<string | null>;
}

/**
 * An annual predikat from before Kinerja, imported per NIP and year; the years of the region's finalised
 * cycles come from their results instead.
 */
export interface ImportedHistoryTable {
  region_id: string;
  employee_id: string;
  year: number;
  predikat: string;
  imported_by: string;
  imported_at: Timestamp;
}

// ---- rule sets, cycles, assessments, results -------------------------------------------------------

export interface RuleSetVersionTable {
  region_id: string;
  id: string;
  /** 1, 2, 3 … within the region. */
  version: number;
  name: string;
  /**
   * The region's rule file: self-contained, or extending one national baseline version by name
   * (`"extends": "national:<baseline>@<version>"`), whose parts it overrides.
   */
  content: JsonText;
  /** sha256 of the canonical JSON of `content`. */
  content_hash: string;
  status: RuleSetStatus;
  /** 1 when created; each save over the draft adds one, and a save must name the revision it edited. */
  revision: Generated<number>;
  author_id: string | null;
  author_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_at: Timestamp | null;
}

/** One version of a national baseline; written once, never changed (the database refuses it). */
export interface NationalBaselineTable {
  /** The baseline's id, as its file in `rules/national/` is named: "pp-30-2019". */
  baseline_id: string;
  /** 1, 2, 3 … within the baseline. */
  version: number;
  name: string;
  /** A self-contained rule file. */
  content: JsonText;
  /** sha256 of the canonical JSON of `content`. */
  content_hash: string;
  /** What this version changed and why (a new regulation), in the operator's words. */
  note: Generated<string>;
  author_id: string | null;
  author_name: string;
  published_at: Timestamp;
}

export interface CycleTable {
  region_id: string;
  id: string;
  name: string;
  period_kind: string;
  period_label: string;
  rule_set_version_id: string;
  rule_set_hash: string;
  status: CycleStatus;
  /** Only employees in this unit and the units below it; null for the whole region. */
  unit_id: string | null;
  /** The run whose results are the cycle's results; switched in one transaction when a run completes. */
  current_run_id: string | null;
  /** Unit id → predikat organisasi (istimewa … sangat_kurang), which bounds the unit's distribution. */
  unit_predikat: Generated<JsonText>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the cycle was finalised; the appeal window (workflow.appeals.windowDays) counts from it. */
  finalised_at: Generated<Timestamp | null>;
}

export interface AssessmentTable {
  region_id: string;
  id: string;
  cycle_id: string;
  employee_id: string;
  source: string;
  /** The rater's NIP, or a respondent id for public feedback. */
  rater: string;
  rater_user_id: string | null;
  /** Indicator id → rating on its scale. Defaults to {}. */
  ratings: Generated<JsonText>;
  /** Objective inputs per indicator id (targets and realisasi, attendance …). Defaults to {}. */
  values: Generated<JsonText>;
  /** Declared facts (e.g. { inovasi: true }). Defaults to {}. */
  facts: Generated<JsonText>;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The rater's written feedback; a peer's is shown to the rated employee without the peer's identity. */
  comment: Generated<string | null>;
}

export interface ResultRunTable {
  region_id: string;
  id: string;
  cycle_id: string;
  /** 1, 2, 3 … within the cycle. */
  version: number;
  job_id: string;
  rule_set_version_id: string;
  rule_set_hash: string;
  status: RunStatus;
  total: number;
  reason: string | null;
  started_by: string | null;
  started_at: Timestamp;
  completed_at: Timestamp | null;
}

/** A batch of a cycle's run written through the queue: written once, whichever worker takes it, however often. */
export interface ResultRunBatchTable {
  region_id: string;
  run_id: string;
  /** 0, 1, 2 … within the run, as planned when the run was queued. */
  batch: number;
  /** Employees whose results the batch wrote. */
  employees: number;
  /** The worker process that wrote it (host:pid:random). */
  worker: string;
  written_at: Timestamp;
}

export interface ResultTable {
  region_id: string;
  run_id: string;
  employee_id: string;
  nip: string;
  nama: string;
  unit_id: string;
  jabatan: string;
  predikat: string | null;
  predikat_label: string | null;
  /** The final score where the rule set computes one. */
  score: number | null;
  scores: JsonText;
  decisions: JsonText;
  outcomes: JsonText;
  explanation: JsonText | null;
  /** The appraisal input as evaluated, so a what-if can re-run it under another rule set. */
  input: JsonText;
  rule_set_hash: string;
  /** Why the appraisal could not be evaluated (then predikat is null). */
  error: string | null;
  /**
   * For an annual result rolled up from the year's period results: the method, the predikat the periods
   * gave and the period results used (cycle, label, predikat). Null for a result of its own assessments.
   */
  rollup: JsonText | null;
  created_at: Timestamp;
}

/** One row per outcome event type of a result, so results can be filtered by outcome. */
export interface ResultOutcomeTable {
  region_id: string;
  run_id: string;
  employee_id: string;
  type: string;
}

export interface JobTable {
  region_id: string;
  id: string;
  kind: string;
  cycle_id: string | null;
  run_id: string | null;
  status: Generated<JobStatus>;
  done: Generated<number>;
  total: number;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: Timestamp;
  /** The server process running the job (host:pid:random); only it writes the job's results. */
  owner: string | null;
  /** When the owner last renewed its lease. */
  heartbeat_at: Timestamp | null;
  /** Until then the job is the owner's; after it, any server may mark the job failed (null: no lease, expired). */
  lease_expires_at: Timestamp | null;
}

/** What a bulk-accounts job was asked and what it did; progress and lease are on its `jobs` row. */
export interface AccountJobTable {
  region_id: string;
  job_id: string;
  /** The unit (with the units below it); null for the whole region. */
  unit_id: string | null;
  /** Days each activation code stays valid. */
  valid_days: number;
  created: Generated<number>;
  /** Employees whose NIP another account already signs in with. */
  skipped: Generated<number>;
  /** Until then the codes are held in clear for the hand-outs (activation_handouts). */
  handout_until: Timestamp | null;
  /** When the admin discarded the hand-outs, or their window ended and they were dropped. */
  handout_cleared_at: Timestamp | null;
}

/** An account waiting to be activated with a one-time code; only the code's SHA-256 is kept. */
export interface AccountActivationTable {
  region_id: string;
  user_id: string;
  employee_id: string;
  code_hash: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  /** When the code was used; it works no more. */
  activated_at: Timestamp | null;
  /** The bulk job that made the account; null for a code an admin made anew. */
  job_id: string | null;
  /** The employee's e-mail on file, to which an invitation is due; null when there is none. */
  invitation_email: string | null;
  /** When the invitation was sent. */
  invited_at: Timestamp | null;
}

/** What an employee import was given and what came of it; progress and lease are on its `jobs` row. */
export interface EmployeeImportJobTable {
  region_id: string;
  job_id: string;
  /** "csv" or "xlsx". */
  format: string;
  /** The uploaded file's size. */
  bytes: number;
  /** Data rows in the sheet, once read. */
  rows: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  /** Every problem of a refused sheet (JSON array of row, column, value, message, expected); [] otherwise. */
  errors: Generated<JsonText>;
}

/** Activation codes in clear, only until the admin has the letters and the CSV (see account_jobs.handout_until). */
export interface ActivationHandoutTable {
  region_id: string;
  job_id: string;
  user_id: string;
  code: string;
}

/** Append-only: triggers refuse updates and deletes. */
/** The national operator's changes outside any region (baseline versions published); append-only. */
export interface NationalAuditLogTable {
  /** Time-ordered (UUIDv7), so the id orders entries. */
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  action: string;
  entity: string;
  entity_id: string;
  before: JsonText | null;
  after: JsonText | null;
}

export interface AuditLogTable {
  region_id: string;
  /** Time-ordered (UUIDv7), so the id orders entries. */
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  /** e.g. "employee.update", "cycle.run". */
  action: string;
  entity: string;
  entity_id: string;
  before: JsonText | null;
  after: JsonText | null;
}

// ---- planning (SKP), work entries, feedback, coaching dialogues --------------------------------------

export const PLAN_STATUSES = ["draft", "submitted", "revision", "rejected", "approved"] as const;
/** draft → submitted → approved, or back to the employee as revision (with a note) or rejected (with a reason). */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const RHK_KINDS = ["utama", "tambahan"] as const;
export type RhkKind = (typeof RHK_KINDS)[number];

export const WORK_ENTRY_STATUSES = ["submitted", "confirmed", "returned"] as const;
export type WorkEntryStatus = (typeof WORK_ENTRY_STATUSES)[number];

/** One employee's plan (SKP) for one cycle. */
export interface PlanTable {
  region_id: string;
  id: string;
  cycle_id: string;
  employee_id: string;
  status: PlanStatus;
  /** The superior (pejabat penilai) the plan was last submitted to. */
  assessor_nip: string | null;
  /** The note of the last revision request, or the reason of the last rejection. */
  review_note: string | null;
  submitted_at: Timestamp | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Each step of a plan's review (submit, approve, revise, reject), for the employee to read back. */
export interface PlanReviewTable {
  region_id: string;
  id: string;
  plan_id: string;
  action: string;
  note: string | null;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  at: Timestamp;
}

/** An RHK row of a plan; `parent_rhk_id` is the superior's RHK it cascades from (menginduk). */
export interface PlanRhkTable {
  region_id: string;
  id: string;
  plan_id: string;
  kind: RhkKind;
  text: string;
  parent_rhk_id: string | null;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An IKI of an RHK; `indicator_id` ties it to a target/achievement indicator of the cycle's rule set. */
export interface PlanIkiTable {
  region_id: string;
  id: string;
  plan_id: string;
  rhk_id: string;
  text: string;
  target: number;
  /** The unit of the target: "dokumen", "pasien", "%". */
  satuan: string;
  indicator_id: string | null;
  /** For indicators of kind target: the PP 46/2011 aspect the IKI measures (kuantitas, kualitas …). */
  aspect: string | null;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkEntryTable {
  region_id: string;
  id: string;
  cycle_id: string;
  employee_id: string;
  plan_id: string;
  iki_id: string;
  /** YYYY-MM-DD. */
  work_date: string;
  description: string;
  quantity: number;
  status: WorkEntryStatus;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A work entry's evidence file (bukti dukung); the bytes live in `content`. */
export interface EvidenceFileTable {
  region_id: string;
  id: string;
  work_entry_id: string;
  filename: string;
  /** The type detected from the file's first bytes. */
  content_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: Timestamp;
}

/** A message in a work entry's feedback thread: a request for feedback, or feedback. */
export interface FeedbackTable {
  region_id: string;
  id: string;
  work_entry_id: string;
  parent_id: string | null;
  kind: "request" | "feedback";
  /** Whom a request asks, by NIP. */
  asked_nip: string | null;
  body: string;
  author_id: string | null;
  author_name: string;
  author_role: string;
  author_nip: string | null;
  created_at: Timestamp;
}

/** A coaching conversation (dialog kinerja) between an assessor and an employee. */
export interface DialogueTable {
  region_id: string;
  id: string;
  cycle_id: string;
  employee_id: string;
  assessor_nip: string | null;
  /** YYYY-MM-DD. */
  held_on: string;
  topic: string;
  /** The actions agreed: string[]. */
  agreed_actions: JsonText;
  notes: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  /** The employee's rating of how useful the coaching was, 1–5. */
  usefulness: number | null;
  usefulness_comment: string | null;
  rated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

// ---- assessment workflow: scope, deadlines, peers, reopenings, calibration, appeals -----------------

/** The units a cycle covers (each with the units below it), for a phased roll-out; none: as `unit_id`. */
export interface CycleUnitTable {
  region_id: string;
  cycle_id: string;
  unit_id: string;
}

/** When each rater source's sheets are due in a cycle. */
export interface AssessmentDeadlineTable {
  region_id: string;
  cycle_id: string;
  /** A rater source: self, peer, supervisor, subordinate, public. */
  source: string;
  /** YYYY-MM-DD, the last day sheets are on time. */
  due_date: string;
  set_by: string | null;
  updated_at: Timestamp;
}

/** The peers chosen to rate an employee in a cycle (within the rule set's workflow.peers.min/max). */
export interface PeerAssignmentTable {
  region_id: string;
  cycle_id: string;
  employee_id: string;
  peer_employee_id: string;
  assigned_by: string | null;
  created_at: Timestamp;
  /** How the pair was made: "manual" (chosen by hand), "auto" (the assignment job) or "swap" (a bulk swap). */
  method: Generated<PeerAssignmentMethod>;
}

export const PEER_ASSIGNMENT_METHODS = ["manual", "auto", "swap"] as const;
export type PeerAssignmentMethod = (typeof PEER_ASSIGNMENT_METHODS)[number];

/** What a peer-assignment job was asked and what it did; progress and lease are on its `jobs` row. */
export interface PeerJobTable {
  region_id: string;
  job_id: string;
  cycle_id: string;
  /** The unit (with the units below it); null for every unit of the cycle. */
  unit_id: string | null;
  seed: string;
  /** Assignments the job made. */
  added: Generated<number>;
  /** People left with fewer peers than the rule's count. */
  short: Generated<number>;
}

/** A submitted sheet opened again for changes by the assessor, with the reason. */
export interface AssessmentReopeningTable {
  region_id: string;
  id: string;
  assessment_id: string;
  reason: string;
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
}

export const APPEAL_STATUSES = ["submitted", "rejected", "upheld"] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** An employee's appeal (keberatan) against a finalised result, decided by the assessor's own superior. */
export interface AppealTable {
  region_id: string;
  id: string;
  cycle_id: string;
  employee_id: string;
  /** The result version appealed against. */
  run_id: string;
  predikat: string;
  reason: string;
  status: AppealStatus;
  /** The employee's assessor (pejabat penilai) when the appeal was made. */
  assessor_nip: string | null;
  /** Who decides: the assessor's superior (atasan pejabat penilai); null when there is none (the BKD decides). */
  decider_nip: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  new_predikat: string | null;
  /** The result version an upheld appeal produced. */
  result_run_id: string | null;
  /** The capacity the decider acted in: "atasan", "admin" or "panel" (null while pending). */
  decided_as: Generated<string | null>;
  /** Why they decided: "superior", "no_account", "no_superior" or "overdue" (null while pending). */
  decider_reason: Generated<string | null>;
}

/** judgement: the assessor sets an annual predikat rolled up from periods, within the rule set's bounds. */
export const ADJUSTMENT_KINDS = ["forum", "appeal", "judgement"] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];

/**
 * A decision output changed by people (core's `Adjustment`): by the evaluation forum, or by an upheld
 * appeal. Append-only; passed as `AppraisalInput.adjustments` whenever the employee is evaluated again.
 */
export interface PredikatAdjustmentTable {
  region_id: string;
  id: string;
  cycle_id: string;
  employee_id: string;
  kind: AdjustmentKind;
  /** The decision output it sets: "predikat". */
  fact: string;
  /** The value before it (as the current result had it). */
  from_value: string | null;
  to_value: string;
  reason: string;
  /** Who, as the explanation names them. */
  by_label: string;
  actor_id: string | null;
  actor_name: string;
  appeal_id: string | null;
  /** The result version it produced. */
  run_id: string;
  created_at: Timestamp;
}

/** A member's view on one case of a forum session (append-only; the latest per member and case stands). */
export interface ForumSessionViewTable {
  region_id: string;
  id: string;
  session_id: string;
  employee_id: string;
  member_nip: string;
  view: string;
  /** A predikat id of the cycle's rule set, or null. */
  suggested_predikat: string | null;
  actor_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

/** A meeting of a unit's evaluation forum (forum evaluasi): who sat in it, and its notes. */
export interface ForumSessionTable {
  region_id: string;
  id: string;
  cycle_id: string;
  unit_id: string;
  /** YYYY-MM-DD. */
  held_on: string;
  /** NIPs of the members: string[]. */
  members: JsonText;
  notes: string | null;
  actor_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

/**
 * One forum's decision on the moves proposed to bring units within the distribution curve, applied as one
 * result version. Append-only.
 */
export interface CalibrationSessionTable {
  region_id: string;
  id: string;
  cycle_id: string;
  /** string[]. */
  unit_ids: JsonText;
  /** Array<{ employeeId, unitId, from, proposed, to (null: rejected), decision }>. */
  moves: JsonText;
  reason: string;
  /** The result version it made; null when every move was rejected. */
  run_id: string | null;
  actor_id: string | null;
  actor_name: string;
  created_at: Timestamp;
}

// ---- notifications ----------------------------------------------------------------------------------

export const MAIL_STATUSES = ["queued", "sent", "failed"] as const;
/** queued: waiting (or being retried); sent; failed: gave up after the last try (the admin may send again). */
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One mail to send; global because a password-reset mail may go to an operator, who has no region. */
export interface MailOutboxTable {
  id: string;
  region_id: string | null;
  user_id: string | null;
  /** The event kind (a notification kind, "digest" or "password_reset"). */
  kind: string;
  to_address: string;
  subject: string;
  body: string;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** The process sending it, for as long as its lease lasts. */
  owner: string | null;
  lease_expires_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** What one account is told in the portal about one event. */
export interface NotificationTable {
  region_id: string;
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  /** Where in the portal to act, e.g. /plan/…; null when there is nothing to open. */
  link: string | null;
  dedupe_key: string | null;
  /** 1 while it waits for its recipient's daily digest. */
  digest_pending: Generated<number>;
  mail_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  /** 1: e-mail and portal; 0: portal only. */
  email: number;
  /** 1: one mail a day gathering the day's items instead of one per event. */
  digest: number;
  updated_at: Timestamp;
}

/** A region's own wording of one kind of notification; the shipped default when absent. */
export interface NotificationTemplateTable {
  region_id: string;
  kind: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A region's reminder schedule: days before and after each assessment deadline (JSON number[]). */
export interface NotificationSettingTable {
  region_id: string;
  reminder_days_before: JsonText;
  reminder_days_after: JsonText;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A region's OpenID Connect provider; `client_secret` is write-only (no read of the API selects it). */
export interface IdentityProviderTable {
  region_id: string;
  id: string;
  name: string;
  discovery_url: string;
  client_id: string;
  client_secret: string;
  /** Space-separated scopes asked for besides "openid". */
  scopes: string;
  /** The id_token or userinfo claim holding the NIP. */
  nip_claim: string;
  /** 1: an employee of the register with no account gets one at first sign-in. */
  create_accounts: number;
  disabled_at: Timestamp | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A region's token for the public API (/api/v1): only its SHA-256 is kept; `prefix` is its first characters, to recognise it by. */
export interface ApiTokenTable {
  region_id: string;
  id: string;
  name: string;
  prefix: string;
  token_hash: string;
  /** JSON: the scopes it carries, e.g. ["results:read"]. */
  scopes: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** A URL a region's admin registered for events, with the secret its deliveries are signed with. */
export interface WebhookEndpointTable {
  region_id: string;
  id: string;
  url: string;
  /** JSON: the events it is sent, e.g. ["cycle.opened"]. */
  events: string;
  secret: string;
  created_by: string | null;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
}

export const WEBHOOK_DELIVERY_STATUSES = ["queued", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event sent to one endpoint: taken under a lease, tried again with backoff, and its log. */
export interface WebhookDeliveryTable {
  region_id: string;
  id: string;
  endpoint_id: string;
  event: string;
  /** The JSON body exactly as signed and sent. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  owner: string | null;
  lease_expires_at: Timestamp | null;
  /** The receiver's HTTP status on the last try, null when it did not answer. */
  response_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

/** A connector's configuration in a region (services/connectors): settings, secrets kept server-side, mapping file. */
export interface ConnectorTable {
  region_id: string;
  /** The connector's registered name (attendance, payroll…). */
  name: string;
  /** 1 when the region uses it, 0 otherwise. */
  enabled: Generated<number>;
  /** JSON object of settings a browser may read. */
  settings: Generated<JsonText>;
  /** JSON object of credentials: written from the portal, never read back to it. */
  secrets: Generated<JsonText>;
  /** The region's mapping file (JSON); null uses the connector's default. */
  mapping: JsonText | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** One run of a connector; its progress and lease are on its `jobs` row. */
export interface ConnectorRunTable {
  region_id: string;
  job_id: string;
  connector: string;
  /** The period the run covers (2025-01, 2025) or what it exports. */
  period: string;
  /** The input's format (attlog, csv, xlsx) or the output's. */
  format: string;
  bytes: Generated<number>;
  /** Data rows read. */
  rows: Generated<number>;
  /** Rows written (attendance days, exported employees). */
  written: Generated<number>;
  /** JSON object of what came of the run (per connector). */
  summary: Generated<JsonText>;
  /** JSON array of problems per row (line, field, value, message, expected); nothing written when any. */
  report: Generated<JsonText>;
}

/** One attempt to send an employee's final result to SIASN (append-only; migration 29). */
export interface SiasnSubmissionTable {
  region_id: string;
  id: string;
  /** The connector run (job) the attempt belongs to. */
  job_id: string;
  cycle_id: string;
  /** The cycle's result run whose results were sent. */
  run_id: string;
  employee_id: string;
  nip: string;
  period: string;
  /** The path posted to under the base URL (e.g. /kinerjaperiodik/save). */
  path: string;
  /** JSON of the payload sent (or that would have been, for `invalid`). */
  payload: JsonText;
  status: "accepted" | "refused" | "failed" | "invalid";
  http_status: number | null;
  /** SIASN's answer body, trimmed. */
  answer: string | null;
  /** The id SIASN gave the accepted record. */
  remote_id: string | null;
  message: string | null;
  sent_at: Timestamp;
}

/** A connector's schedule in a region: an unattended source runs every `every_minutes` from `anchor` (HH:MM WIB). */
export interface ConnectorScheduleTable {
  region_id: string;
  id: string;
  /** The connector's registered name. */
  name: string;
  /** `queued` while the schedule is on, `paused` while it is off. */
  status: string;
  every_minutes: number;
  /** HH:MM in Western Indonesian Time that the runs count from. */
  anchor: string;
  /** When the next run is due. */
  next_attempt_at: Timestamp;
  /** The server running it now; only it moves the schedule on. */
  owner: string | null;
  lease_expires_at: Timestamp | null;
  last_run_at: Timestamp | null;
  /** The job of the last run it started. */
  last_job_id: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** The region's days off besides Saturday and Sunday. */
export interface WorkHolidayTable {
  region_id: string;
  day: string;
  name: string;
}

/** An employee's excused day (cuti, dinas luar, sakit…). */
export interface LeaveEntryTable {
  region_id: string;
  employee_id: string;
  day: string;
  kind: string;
  note: string | null;
}

/** An employee's working day as the attendance import found it: the evidence of the absence counts. */
export interface AttendanceDayTable {
  region_id: string;
  employee_id: string;
  day: string;
  /** hadir, cuti (excused), or alpa (absent without leave). */
  status: string;
  /** First and last punch, HH:MM:SS. */
  first_in: string | null;
  last_out: string | null;
  punches: Generated<number>;
  /** The connector run (job id) that wrote it. */
  run_id: string;
}

export interface Database {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  sign_in_limits: SignInLimitTable;
  regions: RegionTable;
  units: UnitTable;
  employees: EmployeeTable;
  imported_history: ImportedHistoryTable;
  rule_set_versions: RuleSetVersionTable;
  national_baselines: NationalBaselineTable;
  national_audit_log: NationalAuditLogTable;
  cycles: CycleTable;
  assessments: AssessmentTable;
  result_runs: ResultRunTable;
  result_run_batches: ResultRunBatchTable;
  results: ResultTable;
  result_outcomes: ResultOutcomeTable;
  jobs: JobTable;
  account_jobs: AccountJobTable;
  employee_import_jobs: EmployeeImportJobTable;
  account_activations: AccountActivationTable;
  activation_handouts: ActivationHandoutTable;
  audit_log: AuditLogTable;
  plans: PlanTable;
  plan_reviews: PlanReviewTable;
  plan_rhk: PlanRhkTable;
  plan_iki: PlanIkiTable;
  work_entries: WorkEntryTable;
  evidence_files: EvidenceFileTable;
  feedback: FeedbackTable;
  dialogues: DialogueTable;
  cycle_units: CycleUnitTable;
  assessment_deadlines: AssessmentDeadlineTable;
  peer_assignments: PeerAssignmentTable;
  peer_jobs: PeerJobTable;
  assessment_reopenings: AssessmentReopeningTable;
  appeals: AppealTable;
  predikat_adjustments: PredikatAdjustmentTable;
  forum_sessions: ForumSessionTable;
  forum_session_views: ForumSessionViewTable;
  calibration_sessions: CalibrationSessionTable;
  mail_outbox: MailOutboxTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  notification_templates: NotificationTemplateTable;
  notification_settings: NotificationSettingTable;
  identity_providers: IdentityProviderTable;
  api_tokens: ApiTokenTable;
  webhook_endpoints: WebhookEndpointTable;
  webhook_deliveries: WebhookDeliveryTable;
  connectors: ConnectorTable;
  connector_runs: ConnectorRunTable;
  connector_schedules: ConnectorScheduleTable;
  siasn_submissions: SiasnSubmissionTable;
  work_holidays: WorkHolidayTable;
  leave_entries: LeaveEntryTable;
  attendance_days: AttendanceDayTable;
}

export type User = Selectable<UserTable>;
export type Region = Selectable<RegionTable>;
export type NewRegion = Insertable<RegionTable>;
export type UnitRow = Selectable<UnitTable>;
export type ConnectorRow = Selectable<ConnectorTable>;
export type ConnectorRunRow = Selectable<ConnectorRunTable>;
export type ConnectorScheduleRow = Selectable<ConnectorScheduleTable>;
export type SiasnSubmissionRow = Selectable<SiasnSubmissionTable>;
export type NewAttendanceDay = Insertable<AttendanceDayTable>;
export type NewUnit = Insertable<UnitTable>;
export type EmployeeRow = Selectable<EmployeeTable>;
export type NewEmployee = Insertable<EmployeeTable>;
export type EmployeeUpdate = Updateable<EmployeeTable>;
export type ImportedHistoryRow = Selectable<ImportedHistoryTable>;
export type NewImportedHistory = Insertable<ImportedHistoryTable>;
export type RuleSetVersionRow = Selectable<RuleSetVersionTable>;
export type NationalBaselineRow = Selectable<NationalBaselineTable>;
export type NewRuleSetVersion = Insertable<RuleSetVersionTable>;
export type CycleRow = Selectable<CycleTable>;
export type NewCycle = Insertable<CycleTable>;
export type CycleUpdate = Updateable<CycleTable>;
export type AssessmentRow = Selectable<AssessmentTable>;
export type NewAssessment = Insertable<AssessmentTable>;
export type ResultRunRow = Selectable<ResultRunTable>;
export type NewResultRun = Insertable<ResultRunTable>;
export type ResultRow = Selectable<ResultTable>;
export type NewResult = Insertable<ResultTable>;
export type NewResultOutcome = Insertable<ResultOutcomeTable>;
export type JobRow = Selectable<JobTable>;
export type NewJob = Insertable<JobTable>;
export type JobUpdate = Updateable<JobTable>;
export type AccountActivationRow = Selectable<AccountActivationTable>;
export type NewAccountActivation = Insertable<AccountActivationTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
export type PlanRow = Selectable<PlanTable>;
export type PlanRhkRow = Selectable<PlanRhkTable>;
export type PlanIkiRow = Selectable<PlanIkiTable>;
export type PlanReviewRow = Selectable<PlanReviewTable>;
export type WorkEntryRow = Selectable<WorkEntryTable>;
export type EvidenceFileRow = Selectable<EvidenceFileTable>;
export type FeedbackRow = Selectable<FeedbackTable>;
export type DialogueRow = Selectable<DialogueTable>;
export type AssessmentDeadlineRow = Selectable<AssessmentDeadlineTable>;
export type PeerAssignmentRow = Selectable<PeerAssignmentTable>;
export type PeerJobRow = Selectable<PeerJobTable>;
export type AppealRow = Selectable<AppealTable>;
export type PredikatAdjustmentRow = Selectable<PredikatAdjustmentTable>;
export type ForumSessionRow = Selectable<ForumSessionTable>;
export type CalibrationSessionRow = Selectable<CalibrationSessionTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type NotificationRow = Selectable<NotificationTable>;
