// What-if: a changed rule set (a draft, or any version) evaluated on the inputs a past cycle's current
// run stored, against the rule set that cycle pinned: counts per predikat before and after, who moves.
import type { Scope } from "../access/index.js";
import { DomainError, type ErrorCode } from "../lib/index.js";
import {
  factLabel,
  predikatLabel,
  RuleSetError,
  simulate,
  valueLabel,
  type AppraisalInput,
  type CompiledRuleSet,
  type Move,
  type SimulationReport,
} from "@kinerja/core";
import { parseJson } from "@kinerja/db";
import { findCycle } from "../cycles/index.js";
import { baselinesFor } from "./baseline-refs.js";
import { compileContent, issueList } from "./compile.js";
import { findRuleSetVersion, ruleSetFile } from "./rule-sets.js";

export interface WhatIfReport extends Omit<SimulationReport, "moves"> {
  /** Each move with the predikat labels and why in words (the step's name, its values before and after). */
  moves: Array<Move & { fromLabel: string; toLabel: string; reason: string | null }>;
  /** Predikat id → label, of both rule sets (the compared one's where they differ). */
  predikatLabels: Record<string, string>;
  cycleId: string;
  runId: string;
  fromVersion: number;
  /** The version compared, or null for unsaved content. */
  toVersion: number | null;
}

export async function whatIf(scope: Scope, input: { cycleId: string; ruleSetVersionId?: string; content?: Record<string, unknown> }): Promise<WhatIfReport> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  if (!cycle.current_run_id) {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; belum ada masukan tersimpan untuk dibandingkan" });
  }
  if ((input.ruleSetVersionId === undefined) === (input.content === undefined)) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan tepat satu: ruleSetVersionId atau content" });
  }
  const pinned = await findRuleSetVersion(db, regionId, cycle.rule_set_version_id);
  const candidate = input.ruleSetVersionId ? await findRuleSetVersion(db, regionId, input.ruleSetVersionId) : null;
  // A stored version that is not a usable rule set (stored before a check existed) is a state of the
  // region (412); content sent with the request, past the limits or invalid, is the request's fault (400).
  const pinnedContent = parseJson<unknown>(pinned.content);
  const candidateContent = candidate ? parseJson<unknown>(candidate.content) : input.content;
  const from = compileOrRefuse(pinnedContent, ruleSetFile(regionId, pinned.version), await baselinesFor(db, pinnedContent), "PRECONDITION_FAILED", `Rule set siklus ini (versi ${pinned.version})`);
  const to = candidate
    ? compileOrRefuse(candidateContent, ruleSetFile(regionId, candidate.version), await baselinesFor(db, candidateContent), "PRECONDITION_FAILED", `Rule set pembanding (versi ${candidate.version})`)
    : compileOrRefuse(candidateContent, ruleSetFile(regionId, "baru"), await baselinesFor(db, candidateContent), "BAD_REQUEST", "Rule set pembanding");
  const rows = await db
    .selectFrom("results")
    .select("input")
    .where("region_id", "=", regionId)
    .where("run_id", "=", cycle.current_run_id)
    .orderBy("nip")
    .execute();
  const inputs = rows.map((r) => parseJson<AppraisalInput>(r.input));
  const report = simulate(from, to, inputs);
  const predikatLabels = Object.fromEntries([...from.ruleSet.predikat, ...to.ruleSet.predikat].map((p) => [p.id, p.label]));
  return {
    ...report,
    moves: report.moves.map((m) => ({
      ...m,
      fromLabel: predikatLabel(from.ruleSet, m.from),
      toLabel: predikatLabel(to.ruleSet, m.to),
      reason: m.because
        ? `${factLabel(to.ruleSet, m.because.step)}: ${valueLabel(from.ruleSet, m.because.before)} → ${valueLabel(to.ruleSet, m.because.after)}`
        : null,
    })),
    predikatLabels,
    cycleId: cycle.id,
    runId: cycle.current_run_id,
    fromVersion: pinned.version,
    toVersion: candidate?.version ?? null,
  };
}

function compileOrRefuse(content: unknown, file: string, baselines: ReadonlyMap<string, unknown>, code: ErrorCode, what: string): CompiledRuleSet {
  try {
    return compileContent(content, file, baselines);
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    throw new DomainError({ code, message: `${what} belum sah: ${issueList(error.issues)}` });
  }
}
