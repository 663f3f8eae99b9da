// The national baselines a new region starts its rules from: the rule files in `rules/national/` that stand
// on their own (a file meant only to be extended, with `checkWith`, is not offered). Starting from one saves
// a first draft with the baseline's content under the region's name; the admin then edits and publishes it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";
import { loadRuleFile } from "./compile.js";
import { saveDraft, type RuleSetVersionSummary } from "./rule-sets.js";

/** The folder of rule files: `KINERJA_RULES_DIR`, as the server's configuration reads it, or the repository's `rules/`. */
export function rulesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.KINERJA_RULES_DIR?.trim() || fileURLToPath(new URL("../../../../../rules/", import.meta.url));
}

export interface NationalBaseline {
  /** The file's name in `rules/national/`, without `.json`: "permenpanrb-6-2022". */
  id: string;
  name: string;
  description: string;
  legalBasis: string[];
  effectiveDate: string | null;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function legalBasis(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => (typeof item === "string" ? item : text((item as { title?: unknown; name?: unknown }).title ?? (item as { name?: unknown }).name))).filter(Boolean);
}

/** The baselines a region may start from, newest effective date first. */
export function listNationalBaselines(dir = rulesDirectory()): NationalBaseline[] {
  const folder = join(dir, "national");
  const baselines: NationalBaseline[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".json")).sort()) {
    const content = JSON.parse(readFileSync(join(folder, file), "utf8")) as Record<string, unknown>;
    if (content.checkWith !== undefined || content.indicatorSets === undefined) continue;
    baselines.push({
      id: file.replace(/\.json$/, ""),
      name: text(content.name),
      description: text(content.description),
      legalBasis: legalBasis(content.legalBasis),
      effectiveDate: text(content.effectiveDate) || null,
    });
  }
  return baselines.sort((a, b) => (b.effectiveDate ?? "").localeCompare(a.effectiveDate ?? ""));
}

/** A first draft for the region with the baseline's content, named for the region. */
export async function startFromBaseline(
  scope: Scope,
  input: { baseline: string },
  dir = rulesDirectory(),
): Promise<RuleSetVersionSummary> {
  const baseline = listNationalBaselines(dir).find((b) => b.id === input.baseline);
  if (!baseline) {
    const known = listNationalBaselines(dir).map((b) => b.id).join(", ");
    throw new DomainError({ code: "NOT_FOUND", message: `Baseline nasional "${input.baseline}" tidak ada; yang tersedia: ${known}`, pointer: "/baseline" });
  }
  const { content } = loadRuleFile(join(dir, "national", `${baseline.id}.json`));
  const region = await scope.db.selectFrom("regions").select("name").where("id", "=", scope.regionId).executeTakeFirstOrThrow();
  const regional = {
    ...content,
    id: `${scope.regionId.replace(/[^a-z0-9]+/g, "_")}_${String(content.id ?? baseline.id)}`,
    name: `${region.name}: ${baseline.name}`,
  };
  const { version } = await saveDraft(scope, { content: regional });
  return version;
}
