// The facts known before any rule runs: the employee (as one object and flat `employee.*`, free attributes
// included), the period, history, and the facts the rule set declares. Every fact the rule set can read
// starts as null, because the outcome engine refuses undefined facts.
import type { AppraisalInput, PeriodKind } from "../domain/types.js";
import { EMPLOYEE_FACTS } from "../ruleset/facts.js";
import type { RuleSet } from "../ruleset/schema.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";

export const PERIOD_MONTHS: Record<PeriodKind, number> = { monthly: 1, quarterly: 3, semester: 6, annual: 12 };

/** `employee.nip` … `employee.status`, paired with the Employee field they come from. */
const EMPLOYEE_FIELDS = EMPLOYEE_FACTS.filter((name) => name !== "employee").map(
  (name) => [name, name.slice("employee.".length)] as const,
);

type Declared = RuleSet["facts"][string];

function checkDeclared(ctx: RunContext, name: string, declared: Declared, value: unknown): void {
  switch (declared.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) {
        refuse(ctx, `fakta "${name}" harus angka, bukan ${show(value)}`);
      }
      if ((declared.min !== undefined && value < declared.min) || (declared.max !== undefined && value > declared.max)) {
        refuse(ctx, `fakta "${name}" = ${value} di luar rentang ${declared.min ?? "−∞"}–${declared.max ?? "∞"}`);
      }
      return;
    case "boolean":
      if (typeof value !== "boolean") refuse(ctx, `fakta "${name}" harus true atau false, bukan ${show(value)}`);
      return;
    case "string":
      if (typeof value !== "string") refuse(ctx, `fakta "${name}" harus teks, bukan ${show(value)}`);
      if (declared.values && !declared.values.includes(value)) {
        refuse(ctx, `fakta "${name}" = ${show(value)} tidak dikenal; yang boleh: ${declared.values.join(", ")}`);
      }
      return;
  }
}

/** Builds the input facts of one appraisal into `facts`, a fresh copy of the rule set's null template. */
export function compileInputFacts(ruleSet: RuleSet): (input: AppraisalInput, facts: Facts, ctx: RunContext) => void {
  const declared = Object.entries(ruleSet.facts);
  const defaultKind = ruleSet.period?.kind ?? null;
  return (input, facts, ctx) => {
    const given = input.facts;
    for (const [name, declaration] of declared) {
      const value = given?.[name];
      if (value === undefined || value === null) {
        facts[name] = declaration.default ?? null;
      } else {
        checkDeclared(ctx, name, declaration, value);
        facts[name] = value;
      }
    }

    const employee = input.employee;
    facts.employee = employee;
    const attributes = employee.attributes;
    if (attributes) for (const key in attributes) facts[`employee.${key}`] = attributes[key];
    const record = employee as unknown as Record<string, unknown>;
    for (const [fact, field] of EMPLOYEE_FIELDS) facts[fact] = record[field] ?? null;

    const period = input.period;
    const kind = period?.kind ?? defaultKind;
    if (kind !== null && !(kind in PERIOD_MONTHS)) {
      refuse(ctx, `jenis periode ${show(kind)} tidak dikenal; yang boleh: ${Object.keys(PERIOD_MONTHS).join(", ")}`);
    }
    const months = period?.months ?? (kind === null ? null : PERIOD_MONTHS[kind]);
    if (months !== null && (typeof months !== "number" || !(months > 0 && months <= 12))) {
      refuse(ctx, `masa kerja dalam periode (period.months) harus lebih dari 0 dan paling banyak 12, bukan ${show(months)}`);
    }
    facts["period.kind"] = kind;
    facts["period.label"] = period?.label ?? null;
    facts["period.months"] = months;

    const history = input.history ?? [];
    facts.history = history;
    facts["predikat.previous"] = history.length > 0 ? (history[history.length - 1]?.predikat ?? null) : null;
  };
}
