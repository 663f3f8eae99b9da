// What a connector is. A source brings data in (attendance, work logs, employees and units…): it reads what
// it is given against the region and reports every bad row before anything is written, then writes a good
// read in one transaction. A sink sends results out (payroll…) as a file; one that also posts them to a
// service (results to SIASN) does so in its own folder's job (siasn-kinerja/send.ts). Each connector declares
// its mapping file (the other side's field names, as data a region edits), its default mapping shipped in the
// repo, and the names of the secrets it needs, which are stored server-side and never sent to a browser.
// A source whose changes an admin reviews first (the SIASN employee master: new, moved, left) returns its
// diff as the read's `summary`; the run stops there until it is applied.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Scope } from "../access/index.js";
import type { ExportFile, ExportFormat } from "../documents/index.js";

/** One problem of one row: where (line, field), what was found, what is wrong and what was expected. */
export interface RowProblem {
  line: number;
  field: string;
  value: string;
  message: string;
  expected: string;
}

/** A text in Indonesian and English. */
export interface Texts {
  id: string;
  en: string;
}

interface ConnectorBase<M> {
  /** The registered name: a folder under services/connectors and the key of its configuration. */
  name: string;
  label: Texts;
  description: Texts;
  /** The mapping file's shape; a region's edited file is checked against it before it is saved. */
  mapping: z.ZodType<M>;
  /** The mapping shipped with the connector (its folder's mapping.json). */
  defaultMapping: M;
  /** Names of the credentials it needs (none for a file import). */
  secrets: readonly string[];
  /** Settings a browser may read (a service's base URL…), checked before they are saved; none when absent. */
  settings?: z.ZodType<Record<string, unknown>>;
}

/** What a source is given for one run: a file of `format` for `period`. */
export interface SourceInput {
  format: string;
  bytes: Uint8Array;
  period: string;
  /** For a source that fetches from a service (format `fetchFormat`): the region's settings and secrets. */
  remote?: { settings: Record<string, unknown>; secrets: Record<string, string> };
  /** Reports how far a long read has come (shown as the run's progress). */
  progress?: (done: number, total: number) => Promise<void>;
}

/** A source's read: the rows seen, every problem, and what it would write. */
export interface SourceRead<P> {
  rows: number;
  problems: RowProblem[];
  plan: P;
  /** What the run would do, as the portal shows it (counts, or a diff to review). */
  summary: Record<string, unknown>;
}

export interface SourceConnector<M = unknown, P = unknown> extends ConnectorBase<M> {
  kind: "source";
  /** File formats it reads, as the upload's extension. */
  formats: readonly string[];
  /** The format that means "fetch from the service" rather than a file (no upload); absent for file-only sources. */
  fetchFormat?: string;
  /**
   * True for a source whose changes an admin reviews first: its read's summary is the plan, kept on the run;
   * rows with problems are left out of it and reported; nothing is written until the admin applies it
   * (`write` is then given the summary), or discards it.
   */
  review?: boolean;
  /** Reads and checks the input against the region; writes nothing. */
  read(db: Kysely<Database>, regionId: string, input: SourceInput, mapping: M): Promise<SourceRead<P>>;
  /** Writes a read with no problems, in the caller's transaction; the count of rows written. */
  write(trx: Kysely<Database>, regionId: string, runId: string, plan: P): Promise<{ written: number; summary: Record<string, unknown> }>;
  /** An empty file of `format` laid out by the mapping, for the region to fill (a file source's template). */
  template?(mapping: M, format: ExportFormat): Promise<ExportFile>;
  /** Present when the source fetches its own input (from a URL, with its secrets): it can then run on a schedule. */
  unattended?: UnattendedSource<M>;
}

/**
 * Whether a run of the connector needs nobody at hand, so it can be scheduled: a source that fetches its own
 * input, by `unattended` (its bytes from a URL) or by `fetchFormat` (it reads a service itself; a reviewed
 * source's diff then waits for the admin).
 */
export function runsUnattended(connector: Connector): connector is SourceConnector<unknown, unknown> {
  return connector.kind === "source" && (connector.unattended !== undefined || connector.fetchFormat !== undefined);
}

/** How a source fetches its input for a run nobody starts by hand (schedules.ts). */
export interface UnattendedSource<M> {
  /** The format of what it fetches, one of the source's formats. */
  format: string;
  /** The period a run at `at` covers (the current month…). */
  period(at: Date): string;
  /** The input's bytes, fetched with the region's mapping and secrets; throws with a reason a person can act on. */
  fetch(input: { regionId: string; period: string; mapping: M; secrets: Readonly<Record<string, string>> }): Promise<Uint8Array>;
}

/** A sink's file: a spreadsheet, or JSON (the bodies a sink that posts to a service sends). */
export type SinkFormat = ExportFormat | "json";

export interface SinkConnector<M = unknown> extends ConnectorBase<M> {
  kind: "sink";
  formats: readonly SinkFormat[];
  /** The file for `period` (a cycle id), as the mapping lays it out; `rows` counts its data rows. Given only a format of `formats`. */
  export(scope: Scope, input: { cycleId: string; format: SinkFormat }, mapping: M): Promise<ExportFile & { rows: number; period: string }>;
}

export type Connector = SourceConnector<unknown, unknown> | SinkConnector<unknown>;
