// The facts known before any rule runs: the employee (as one object and flat `employee.*`), the period,
// history, and the facts the rule set declares. Every fact the rule set can read starts as null, because
// the outcome engine refuses undefined facts. A free attribute becomes `employee.<attribute>` when the
// rule set reads it under that name; every attribute stays reachable as the `employee` fact with a path.
import type { AppraisalInput, PeriodKind } from "../domain/types.js";
import { EMPLOYEE_FACTS, isEmployeeAttributeFact } from "../ruleset/facts.js";
import type { RuleSet } from "../ruleset/schema.js";
import { factMisfit } from "../ruleset/values.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";

export const PERIOD_MONTHS: Record<PeriodKind, number> = { monthly: 1, quarterly: 3, semester: 6, annual: 12 };

/** `employee.nip` … `employee.status`, and the Employee field each comes from. */
const EMPLOYEE_FIELD_FACTS = EMPLOYEE_FACTS.filter((name) => name !== "employee");
const EMPLOYEE_FIELDS = EMPLOYEE_FIELD_FACTS.map((name) => name.slice("employee.".length));

/** The `employee.<attribute>` facts among `factNames`: free attributes, not the Employee fields. */
export function attributeFactNames(factNames: Iterable<string>): string[] {
  const fields = new Set<string>(EMPLOYEE_FACTS);
  return [...factNames].filter((name) => isEmployeeAttributeFact(name) && !fields.has(name));
}

type Declared = RuleSet["facts"][string];

function checkDeclared(ctx: RunContext, name: string, declared: Declared, value: unknown): void {
  switch (factMisfit(declared, value)) {
    case null:
      return;
    case "notNumber":
      return refuse(ctx, `fakta "${name}" harus angka, bukan ${show(value)}`);
    case "outOfRange":
      return refuse(ctx, `fakta "${name}" = ${show(value)} di luar rentang ${declared.min ?? "−∞"}–${declared.max ?? "∞"}`);
    case "notBoolean":
      return refuse(ctx, `fakta "${name}" harus true atau false, bukan ${show(value)}`);
    case "notText":
      return refuse(ctx, `fakta "${name}" harus teks, bukan ${show(value)}`);
    case "unknownValue":
      return refuse(ctx, `fakta "${name}" = ${show(value)} tidak dikenal; yang boleh: ${(declared.values ?? []).join(", ")}`);
  }
}

/** Builds the input facts of one appraisal into `facts`, a fresh copy of the rule set's null template. */
export function compileInputFacts(
  ruleSet: RuleSet,
  attributeFacts: readonly string[],
): (input: AppraisalInput, facts: Facts, ctx: RunContext) => void {
  // Facts taken `from` a scored fact are set after scoring (see compileDerivedFacts), not from the input.
  const inputEntries = Object.entries(ruleSet.facts).filter(([, fact]) => fact.from === undefined);
  const declaredNames = inputEntries.map(([name]) => name);
  const declarations = inputEntries.map(([, fact]) => fact);
  const derived = Object.keys(ruleSet.facts).filter((name) => ruleSet.facts[name]!.from !== undefined);
  const defaultKind = ruleSet.period?.kind ?? null;
  // Only the attributes the rule set reads: copying every attribute would add keys to the fact map that
  // no rule reads, and changing its shape per employee makes every evaluation markedly slower.
  const attributes = attributeFacts.map((name) => name.slice("employee.".length));
  return (input, facts, ctx) => {
    const given = input.facts;
    for (const name of derived) {
      const value = given?.[name];
      if (value !== undefined && value !== null) {
        refuse(ctx, `fakta "${name}" diambil dari ${ruleSet.facts[name]!.from}, jadi tidak boleh diisi langsung (ditemukan ${show(value)})`);
      }
    }
    for (let i = 0; i < declaredNames.length; i++) {
      const name = declaredNames[i]!;
      const declaration = declarations[i]!;
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
    const employeeAttributes = employee.attributes;
    if (employeeAttributes) {
      for (let i = 0; i < attributes.length; i++) {
        const value = employeeAttributes[attributes[i]!];
        if (value !== undefined) facts[attributeFacts[i]!] = value;
      }
    }
    const record = employee as unknown as Record<string, unknown>;
    for (let i = 0; i < EMPLOYEE_FIELDS.length; i++) facts[EMPLOYEE_FIELD_FACTS[i]!] = record[EMPLOYEE_FIELDS[i]!] ?? null;

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

/** Sets the declared facts taken `from` a scored fact, once indicators are scored and before any decision. */
export function compileDerivedFacts(ruleSet: RuleSet): (facts: Facts, ctx: RunContext) => void {
  const derived = Object.entries(ruleSet.facts).filter(([, fact]) => fact.from !== undefined);
  return (facts, ctx) => {
    for (const [name, declaration] of derived) {
      const value = facts[declaration.from!];
      if (value === undefined || value === null) {
        facts[name] = declaration.default ?? null;
        continue;
      }
      checkDeclared(ctx, name, declaration, value);
      facts[name] = value;
    }
  };
}
