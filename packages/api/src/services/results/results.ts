// Reading a cycle's results: always those of one run (the cycle's current run unless another is named),
// so a run being written is never seen half-done. Who sees which results is the access module's
// `visibleEmployees`: admins everyone, assessors their direct reports and themselves, employees themselves.
import { checkBounds, countNationalPredikat, describeExplanation, judgementRange, predikatLevels, type BoundCheck, type JudgementRange, type NationalPredikat, type OrganisationPredikat } from "@kinerja/core";
import { parseJson, type CycleRow, type Database, type ResultRow } from "@kinerja/db";
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import { findEmployee, relationTo, visibleEmployees, visibleFilter, type EmployeeScope, type Scope } from "../access/index.js";
import { findCycle, type Rollup } from "../cycles/index.js";
import { contains, decodeCursor, DomainError, groupBy, pageOf, type Page } from "../lib/index.js";
import { cachedUnitSubtree, unitSubtree } from "../organisation/index.js";
import { cycleRules } from "../rules/index.js";
import { explanationOf } from "./explanations.js";
import { withHiddenRatings } from "./hidden-ratings.js";
import { countOf, runCounts } from "./result-counts.js";
import { outcomeTypes } from "./runs.js";

export interface ResultSummary {
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  unitId: string;
  predikat: string | null;
  predikatLabel: string | null;
  score: number | null;
  outcomes: string[];
  error: string | null;
  /** Set when the employee has since left the region (their result stays): when and why. */
  left?: { at: string; reason: string | null };
}

export interface ResultDetail extends ResultSummary {
  runId: string;
  runVersion: number;
  ruleSetHash: string;
  scores: Record<string, number>;
  decisions: Record<string, unknown>;
  outcomeEvents: Array<{ type: string; params: Record<string, unknown>; rule: string }>;
  /** The technical trace: every step with its ids and conditions (the portal shows it to admins). */
  explanation: unknown;
  /** The explanation as sentences people read, in Indonesian and English (`describeExplanation`). */
  sentences: { id: string[]; en: string[] };
  input: unknown;
  /** For an annual result rolled up from the year's periods: the method and the period results it used. */
  rollup: Rollup | null;
  /**
   * Where the region rolls the year up by the assessor's judgement: the predikat that may be chosen from the
   * one the periods gave, and the latest judgement stored.
   */
  judgement: (JudgementRange & { judged: { predikat: string; reason: string; by: string; at: string } | null }) | null;
}

/** What a list shows of a result: never the stored input, explanation, scores or decisions. */
const SUMMARY_COLUMNS = [
  "results.employee_id",
  "results.nip",
  "results.nama",
  "results.jabatan",
  "results.unit_id",
  "results.predikat",
  "results.predikat_label",
  "results.score",
  "results.outcomes",
  "results.error",
] as const;

type SummaryRow = Pick<ResultRow, "employee_id" | "nip" | "nama" | "jabatan" | "unit_id" | "predikat" | "predikat_label" | "score" | "outcomes" | "error">;

function summaryOf(row: SummaryRow): ResultSummary {
  const events = parseJson<Array<{ type: string }>>(row.outcomes);
  return {
    employeeId: row.employee_id,
    nip: row.nip,
    nama: row.nama,
    jabatan: row.jabatan,
    unitId: row.unit_id,
    predikat: row.predikat,
    predikatLabel: row.predikat_label,
    score: row.score,
    outcomes: outcomeTypes(events),
    error: row.error,
  };
}

/** The run to read: the named one (it must belong to the cycle) or the cycle's current run. */
export async function resolveRun(
  db: Kysely<Database>,
  regionId: string,
  cycle: CycleRow,
  runId?: string,
): Promise<{ id: string; version: number } | null> {
  const id = runId ?? cycle.current_run_id;
  if (!id) return null;
  const run = await db
    .selectFrom("result_runs")
    .select(["id", "version", "status"])
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!run) throw new DomainError({ code: "NOT_FOUND", message: `Run ${id} tidak ditemukan pada siklus ini` });
  if (run.status !== "complete") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Run versi ${run.version} belum selesai (${run.status})` });
  }
  return run;
}

/**
 * The run a results page reads, as findCycle and resolveRun give it: in one light query (no cycle row, no query
 * builder's joins, asked on every page) when the cycle and a complete run are found; otherwise those two answer
 * (and refuse) as they do.
 */
async function pageRun(db: Kysely<Database>, regionId: string, cycleId: string, runId?: string): Promise<{ id: string; version: number } | null> {
  const wanted = runId ?? sql.ref("cycles.current_run_id");
  const { rows } = await sql<{ run_id: string | null; run_version: number | null; run_status: string | null }>`
    select run.id as run_id, run.version as run_version, run.status as run_status
    from cycles left join result_runs as run on run.region_id = cycles.region_id and run.cycle_id = cycles.id and run.id = ${wanted}
    where cycles.region_id = ${regionId} and cycles.id = ${cycleId}`.execute(db);
  const found = rows[0];
  if (found && found.run_id !== null && found.run_version !== null && found.run_status === "complete") return { id: found.run_id, version: Number(found.run_version) };
  return resolveRun(db, regionId, await findCycle(db, regionId, cycleId), runId);
}

/** Keeps to the results of the employees `visible` names, matched by employee id (a result keeps the NIP it was evaluated under). */
function visibleOnly<O>(
  query: SelectQueryBuilder<Database, "results", O>,
  db: Kysely<Database>,
  regionId: string,
  visible: EmployeeScope,
  withOwn: boolean,
): SelectQueryBuilder<Database, "results", O> {
  if (visible.kind === "all") return query;
  const employees = db
    .selectFrom("employees as e")
    .select("e.id")
    .where("e.region_id", "=", regionId)
    .where((eb) => (visible.kind === "reports" && !withOwn ? eb("e.atasan_nip", "=", visible.atasanNip) : visibleFilter(eb, visible)));
  return query.where("results.employee_id", "in", employees);
}

/**
 * The results of one run among those of the employees `visible` names (see visibleEmployees); select (and
 * join) on it. An assessor is also an employee: `withOwn` adds their own result to their reports' (reading
 * results), while team views (the distribution curve, follow-up, exports) keep to the reports.
 */
export function runResults(db: Kysely<Database>, regionId: string, runId: string, visible: EmployeeScope, withOwn = false) {
  return visibleOnly(db.selectFrom("results").where("results.region_id", "=", regionId).where("results.run_id", "=", runId), db, regionId, visible, withOwn);
}

/** Only the results with an outcome of the type (e.g. "penghargaan"). */
export function withOutcomeType<O>(query: SelectQueryBuilder<Database, "results", O>, type: string): SelectQueryBuilder<Database, "results", O> {
  return query.where((eb) =>
    eb.exists(
      eb
        .selectFrom("result_outcomes")
        .select("result_outcomes.type")
        .whereRef("result_outcomes.region_id", "=", "results.region_id")
        .whereRef("result_outcomes.run_id", "=", "results.run_id")
        .whereRef("result_outcomes.employee_id", "=", "results.employee_id")
        .where("result_outcomes.type", "=", type),
    ),
  );
}

export const RESULT_SORT_KEYS = ["nama", "score", "predikat", "unit", "nip"] as const;
export type ResultSortKey = (typeof RESULT_SORT_KEYS)[number];

/** A column to order results by; rows without a value (no score or predikat: an error) come last either way. */
export interface ResultSort {
  key: ResultSortKey;
  direction: "asc" | "desc";
}

export interface ResultFilter {
  cycleId: string;
  runId?: string;
  unitId?: string;
  predikat?: string;
  outcomeType?: string;
  search?: string;
  sort?: ResultSort;
  cursor?: string;
  limit: number;
}

export type ResultPage = Page<ResultSummary> & {
  runId: string | null;
  runVersion: number | null;
  /** Rows matching the filters, whatever the cursor; with a search, at most SEARCH_COUNT_LIMIT (see totalExact). */
  total: number;
  /** False when more rows than `total` match: a search counts its matches only up to SEARCH_COUNT_LIMIT. */
  totalExact: boolean;
};

/** A search's matches are counted up to this many; beyond it the page says "more than" this. */
export const SEARCH_COUNT_LIMIT = 1_000;

/**
 * The value a sort key orders by. Predikat orders by rank, lowest first, as the rule set lists them best
 * first; "unit" orders by unit id.
 */
function sortValue(key: ResultSortKey, predikatIds: readonly string[]): RawBuilder<string | number | null> {
  switch (key) {
    case "nama":
      return sql.ref<string>("results.nama");
    case "nip":
      return sql.ref<string>("results.nip");
    case "unit":
      return sql.ref<string>("results.unit_id");
    case "score":
      return sql.ref<number | null>("results.score");
    case "predikat": {
      if (predikatIds.length === 0) return sql<number | null>`null`;
      const ranks = predikatIds.map((id, i) => sql`when ${id} then ${predikatIds.length - 1 - i}`);
      return sql<number | null>`(case results.predikat ${sql.join(ranks, sql` `)} end)`;
    }
  }
}

/** Marks the page's employees who have left the region since: one read by the page's ids. */
async function withDepartures(db: Kysely<Database>, regionId: string, page: ResultPage): Promise<ResultPage> {
  if (page.items.length === 0) return page;
  const left = await db
    .selectFrom("employees")
    .select(["id", "left_at", "left_reason"])
    .where("region_id", "=", regionId)
    .where("id", "in", page.items.map((r) => r.employeeId))
    .where("left_at", "is not", null)
    .execute();
  if (left.length === 0) return page;
  const byId = new Map(left.map((e) => [e.id, { at: e.left_at!, reason: e.left_reason }]));
  return { ...page, items: page.items.map((r) => (byId.has(r.employeeId) ? { ...r, left: byId.get(r.employeeId)! } : r)) };
}

export async function listResults(scope: Scope, filter: ResultFilter): Promise<ResultPage> {
  return withDepartures(scope.db, scope.regionId, await resultPage(scope, filter));
}

async function resultPage(scope: Scope, filter: ResultFilter): Promise<ResultPage> {
  const { db, regionId } = scope;
  const [run, units] = await Promise.all([
    pageRun(db, regionId, filter.cycleId, filter.runId),
    filter.unitId ? cachedUnitSubtree(db, regionId, filter.unitId) : null,
  ]);
  if (!run) return { items: [], nextCursor: null, runId: null, runVersion: null, total: 0, totalExact: true };
  const visible = visibleEmployees(scope);
  const matching: ResultMatch = { units, predikat: filter.predikat, outcomeType: filter.outcomeType, search: filter.search?.trim() };
  const query = filteredResults(db, regionId, run.id, visible, matching);
  const found = { runId: run.id, runVersion: run.version, ...(await countMatches(db, regionId, run.id, visible, query, matching)) };
  if (!filter.sort) {
    const page = await nipPage(query, filter.cursor, filter.limit).execute();
    return { ...pageOf(page, filter.limit, (r) => [r.nip], summaryOf), ...found };
  }

  const { key, direction } = filter.sort;
  const predikatIds = key === "predikat" ? predikatLevels((await cycleRules(db, await findCycle(db, regionId, filter.cycleId))).ruleSet) : [];
  const value = sortValue(key, predikatIds);
  const missing = sql<number>`(case when ${value} is null then 1 else 0 end)`;
  const after = direction === "asc" ? ">" : "<";
  let rows = query.select(SUMMARY_COLUMNS).select([value.as("sort_value"), missing.as("sort_missing")]);
  if (filter.cursor) {
    // The cursor holds [value missing (0/1), value ("" when missing), employee id] of the last row.
    const [wasMissing, last, id] = decodeCursor(filter.cursor, 3);
    rows = rows.where((eb) =>
      Number(wasMissing) === 1
        ? eb.and([eb(missing, "=", 1), eb("results.employee_id", after, String(id))])
        : eb.or([
            eb(missing, "=", 1),
            eb.and([eb(missing, "=", 0), eb(value, after, last as string | number)]),
            eb.and([eb(missing, "=", 0), eb(value, "=", last as string | number), eb("results.employee_id", after, String(id))]),
          ]),
    );
  }
  const page = await rows
    .orderBy(missing)
    .orderBy(value, direction)
    .orderBy("results.employee_id", direction)
    .limit(filter.limit + 1)
    .execute();
  const keyOf = (r: (typeof page)[number]) => {
    const gone = Number(r.sort_missing) === 1 || r.sort_value === null;
    return [gone ? 1 : 0, gone ? "" : typeof r.sort_value === "number" ? r.sort_value : String(r.sort_value), r.employee_id];
  };
  return { ...pageOf(page, filter.limit, keyOf, summaryOf), ...found };
}

/** What a results page is filtered by: a unit subtree's ids, a predikat, an outcome type, a search. */
export interface ResultMatch {
  units: readonly string[] | null;
  predikat?: string | undefined;
  outcomeType?: string | undefined;
  search?: string | undefined;
}

/** The results of the run a viewer may see that match the filters, to select from. */
export function filteredResults(db: Kysely<Database>, regionId: string, runId: string, visible: EmployeeScope, match: ResultMatch) {
  let query = runResults(db, regionId, runId, visible, true);
  if (match.units) query = query.where("results.unit_id", "in", match.units);
  if (match.predikat) query = query.where("results.predikat", "=", match.predikat);
  if (match.outcomeType) query = withOutcomeType(query, match.outcomeType);
  const { search } = match;
  if (search) query = query.where((eb) => eb.or([contains("results.nama", search), contains("results.nip", search)]));
  return query;
}

/** A page in NIP order (the list without a sort key): `limit` + 1 summaries after the cursor's NIP. */
export function nipPage<O>(query: SelectQueryBuilder<Database, "results", O>, cursor: string | undefined, limit: number) {
  let rows = query.select(SUMMARY_COLUMNS);
  if (cursor) {
    const [nip] = decodeCursor(cursor, 1);
    rows = rows.where("results.nip", ">", String(nip));
  }
  return rows.orderBy("results.nip").limit(limit + 1);
}

/**
 * The total of a results page. Everyone's results (an admin's view) are summed from the run's counts, read
 * once per run (result-counts.ts); a search is counted up to SEARCH_COUNT_LIMIT, and a team's or one's own
 * results, a few rows, are counted as they are.
 */
async function countMatches(
  db: Kysely<Database>,
  regionId: string,
  runId: string,
  visible: EmployeeScope,
  query: SelectQueryBuilder<Database, "results", object>,
  filter: ResultMatch,
): Promise<{ total: number; totalExact: boolean }> {
  if (filter.search) {
    const matches = query.select(sql<number>`1`.as("one")).limit(SEARCH_COUNT_LIMIT + 1).as("matches");
    const { n } = await db.selectFrom(matches).select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    return Number(n) > SEARCH_COUNT_LIMIT ? { total: SEARCH_COUNT_LIMIT, totalExact: false } : { total: Number(n), totalExact: true };
  }
  if (visible.kind !== "all") {
    const counted = await query.select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirst();
    return { total: Number(counted?.n ?? 0), totalExact: true };
  }
  const counts = await runCounts(db, regionId, runId, filter.outcomeType);
  return { total: countOf(counts, filter.units, filter.predikat), totalExact: true };
}

export async function getResult(scope: Scope, input: { cycleId: string; employeeId: string; runId?: string }): Promise<ResultDetail> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const run = await resolveRun(db, regionId, cycle, input.runId);
  const row = run
    ? await runResults(db, regionId, run.id, visibleEmployees(scope), true).selectAll().where("results.employee_id", "=", input.employeeId).executeTakeFirst()
    : undefined;
  if (!run || !row) throw new DomainError({ code: "NOT_FOUND", message: `Hasil pegawai ${input.employeeId} tidak ditemukan` });
  // Ratings the viewer may not tell apart (a leader's subordinates) are shown as their means.
  const relation = await relationTo(scope, await findEmployee(db, regionId, input.employeeId));
  const { input: shownInput, explanation } = withHiddenRatings(relation, parseJson<unknown>(row.input), await explanationOf(db, row));
  const { ruleSet } = await cycleRules(db, cycle);
  const rollup = row.rollup ? parseJson<Rollup>(row.rollup) : null;
  const range = rollup?.computedPredikat ? judgementRange(ruleSet, rollup.computedPredikat) : null;
  const judged = range
    ? await db
        .selectFrom("predikat_adjustments")
        .select(["to_value", "reason", "by_label", "created_at"])
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .where("employee_id", "=", input.employeeId)
        .where("kind", "=", "judgement")
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .executeTakeFirst()
    : undefined;
  return {
    ...summaryOf(row),
    runId: run.id,
    runVersion: run.version,
    ruleSetHash: row.rule_set_hash,
    scores: parseJson(row.scores),
    decisions: parseJson(row.decisions),
    outcomeEvents: parseJson(row.outcomes),
    explanation,
    sentences: { id: describeExplanation(explanation, ruleSet, "id"), en: describeExplanation(explanation, ruleSet, "en") },
    input: shownInput,
    rollup,
    judgement: range ? { ...range, judged: judged ? { predikat: judged.to_value, reason: judged.reason, by: judged.by_label, at: judged.created_at } : null } : null,
  };
}

export interface UnitDistribution {
  unitId: string;
  unitName: string;
  organisationPredikat: OrganisationPredikat;
  /** Whether the predikat organisasi was set for the cycle, or assumed (baik). */
  organisationPredikatSet: boolean;
  total: number;
  /** Per predikat id of the rule set. */
  counts: Record<string, number>;
  national: Record<NationalPredikat, number>;
  /** Predikat with no national counterpart, left off the curve. */
  unmapped: Record<string, number>;
  checks: BoundCheck[];
  broken: number;
}

export interface Distribution {
  runId: string | null;
  enforcement: "warn" | "block" | "off";
  units: UnitDistribution[];
}

export interface DistributionInput {
  cycleId: string;
  unitId?: string;
  runId?: string;
}

/** Per unit (employees placed directly in it): counts per predikat of the results the viewer may see, checked against the curve. */
export async function distribution(scope: Scope, input: DistributionInput): Promise<Distribution> {
  return distributionOf(scope.db, scope.regionId, visibleEmployees(scope), input);
}

/**
 * The same over every employee of the region, whoever asks: what finalising checks, and the whole unit's
 * curve that the forum and the documents show beside the results a person may see.
 */
export async function regionDistribution(db: Kysely<Database>, regionId: string, input: DistributionInput): Promise<Distribution> {
  return distributionOf(db, regionId, { kind: "all" }, input);
}

async function distributionOf(db: Kysely<Database>, regionId: string, visible: EmployeeScope, input: DistributionInput): Promise<Distribution> {
  const cycle = await findCycle(db, regionId, input.cycleId);
  const { ruleSet } = await cycleRules(db, cycle);
  const { curve } = ruleSet;
  const run = await resolveRun(db, regionId, cycle, input.runId);
  if (!run) return { runId: null, enforcement: curve.enforcement, units: [] };
  let query = runResults(db, regionId, run.id, visible).select(["results.unit_id", "results.predikat"]).where("results.predikat", "is not", null);
  if (input.unitId) query = query.where("results.unit_id", "in", await unitSubtree(db, regionId, input.unitId));
  const rows = await query.execute();
  const names = new Map(
    (await db.selectFrom("units").select(["id", "name"]).where("region_id", "=", regionId).execute()).map((u) => [u.id, u.name]),
  );
  const unitPredikat = parseJson<Record<string, OrganisationPredikat>>(cycle.unit_predikat);
  const byUnit = groupBy(rows, (r) => r.unit_id, (r) => ({ predikat: r.predikat as string }));
  const units = [...byUnit.entries()].map(([unitId, results]): UnitDistribution => {
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.predikat] = (counts[r.predikat] ?? 0) + 1;
    const { counts: national, unmapped } = countNationalPredikat(results, ruleSet.predikat);
    const organisationPredikat = unitPredikat[unitId] ?? "baik";
    const checks = checkBounds({ counts: national, organisationPredikat, rounding: curve.rounding });
    return {
      unitId,
      unitName: names.get(unitId) ?? unitId,
      organisationPredikat,
      organisationPredikatSet: unitId in unitPredikat,
      total: results.length,
      counts,
      national,
      unmapped,
      checks,
      broken: checks.filter((c) => c.broken).length,
    };
  });
  units.sort((a, b) => a.unitName.localeCompare(b.unitName));
  return { runId: run.id, enforcement: curve.enforcement, units };
}
