// The facts known before any rule runs: the employee (as one object and flat `employee.*`), the period,
// history, and the facts the rule set declares. Every fact the rule set can read starts as null, because
// the outcome engine refuses undefined facts. A free attribute becomes `employee.<attribute>` when the
// rule set reads it under that name; every attribute stays reachable as the `employee` fact with a path.
import type { AppraisalInput, HistoryEntry, PeriodKind } from "../domain/types.js";
import { consecutiveYears, historyYear, periodYear } from "../periods/history.js";
import { EMPLOYEE_FACTS, isEmployeeAttributeFact, isGivenFact, UNIT_FACTS } from "../ruleset/facts.js";
import type { RuleSet } from "../ruleset/schema.js";
import { factMisfit } from "../ruleset/values.js";
import { refuse, show, type RunContext } from "./context.js";
import { propertyKey, type FactState, type FactTable } from "./fact-table.js";
import { generate, literal } from "../engine/generated.js";

/** The months in a period of each kind. */
export const PERIOD_MONTHS: Record<PeriodKind, number> = { monthly: 1, quarterly: 3, semester: 6, annual: 12 };

/** `employee.nip` … `employee.status`, and the Employee field each comes from. */
const EMPLOYEE_FIELD_FACTS = EMPLOYEE_FACTS.filter((name) => name !== "employee");
const EMPLOYEE_FIELDS = EMPLOYEE_FIELD_FACTS.map((name) => propertyKey(name.slice("employee.".length)));

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

/** The facts the input stage sets, before any condition is read. */
export function inputFactNames(ruleSet: RuleSet, attributeFacts: readonly string[]): string[] {
  const declared = Object.keys(ruleSet.facts).filter((name) => ruleSet.facts[name]!.from === undefined);
  return [...declared, "employee", ...attributeFacts, ...EMPLOYEE_FIELD_FACTS, "period.kind", "period.label", "period.months", "history", "predikat.previous", ...UNIT_FACTS];
}

/** Builds the input facts of one appraisal into `facts`, a fresh state of the rule set's fact table. */
export function compileInputFacts(
  ruleSet: RuleSet,
  attributeFacts: readonly string[],
  table: FactTable,
  read: ReadonlySet<string>,
): (input: AppraisalInput, facts: FactState, ctx: RunContext) => void {
  // Facts taken `from` a scored fact are set after scoring (see compileDerivedFacts), and facts counted
  // from history below; neither is given by the input.
  const inputEntries = Object.entries(ruleSet.facts).filter(([, fact]) => isGivenFact(fact));
  const declaredNames = inputEntries.map(([name]) => propertyKey(name));
  const declaredSlots = declaredNames.map((name) => table.slot(name));
  const declarations = inputEntries.map(([, fact]) => fact);
  const derived = Object.keys(ruleSet.facts)
    .filter((name) => !isGivenFact(ruleSet.facts[name]!))
    .map(propertyKey);
  const counted = Object.entries(ruleSet.facts).flatMap(([name, fact]) =>
    fact.consecutiveYears === undefined ? [] : [{ name, slot: table.slot(name), levels: fact.consecutiveYears.predikat }],
  );
  const defaultKind = ruleSet.period?.kind ?? null;
  // Only the attributes the rule set reads: an attribute no rule reads has no slot.
  const attributes = attributeFacts.map((name) => propertyKey(name.slice("employee.".length)));
  const attributeSlots = attributeFacts.map((name) => table.slot(name));
  const fieldSlots = EMPLOYEE_FIELD_FACTS.map((name) => table.slot(name));
  // The Employee fields no rule reads are left null unless every fact is wanted.
  const readFields = EMPLOYEE_FIELD_FACTS.map((_, i) => i).filter((i) => read.has(EMPLOYEE_FIELD_FACTS[i]!));
  const employeeSlot = table.slot("employee");
  const periodKind = table.slot("period.kind");
  const periodLabel = table.slot("period.label");
  const periodMonths = table.slot("period.months");
  const historySlot = table.slot("history");
  const previousSlot = table.slot("predikat.previous");
  const unitPredikatSlot = table.slot("unit.predikat");
  const unitLeaderSlot = table.slot("unit.pimpinan");
  const refuseDerived = (ctx: RunContext, name: string, value: unknown): never => {
    const source = ruleSet.facts[name]!.from === undefined ? "dihitung dari riwayat" : `diambil dari ${ruleSet.facts[name]!.from}`;
    return refuse(ctx, `fakta "${name}" ${source}, jadi tidak boleh diisi langsung (ditemukan ${show(value)})`);
  };
  const refuseKind = (ctx: RunContext, kind: unknown): never =>
    refuse(ctx, `jenis periode ${show(kind)} tidak dikenal; yang boleh: ${Object.keys(PERIOD_MONTHS).join(", ")}`);
  const refuseMonths = (ctx: RunContext, months: unknown): never =>
    refuse(ctx, `masa kerja dalam periode (period.months) harus lebih dari 0 dan paling banyak 12, bukan ${show(months)}`);
  const refuseYear = (ctx: RunContext, i: number, entry: HistoryEntry): never =>
    refuse(ctx, `/history/${i}: tahun hasil (year) tidak ada dan periode ${show(entry.period ?? null)} tidak diawali tahun; yang diharapkan: { "year": 2024, "predikat": "baik" }`);

  const generated = generate<(input: AppraisalInput, facts: FactState, ctx: RunContext) => void>(
    inputSource({
      derived,
      declared: declaredNames.map((name, i) => ({ name, slot: declaredSlots[i]! })),
      attributes: attributes.map((name, i) => ({ name, slot: attributeSlots[i]!, fact: attributeFacts[i]! })),
      fields: EMPLOYEE_FIELDS.map((name, i) => ({ name, slot: fieldSlots[i]!, fact: EMPLOYEE_FIELD_FACTS[i]!, read: readFields.includes(i) })),
      counted: counted.map(({ slot }) => slot),
      defaultKind,
      slots: { employeeSlot, periodKind, periodLabel, periodMonths, historySlot, previousSlot, unitPredikatSlot, unitLeaderSlot },
    }),
    {
      table,
      declarations,
      checkDeclared,
      refuseDerived,
      refuseKind,
      refuseMonths,
      refuseYear,
      PERIOD_MONTHS,
      historyYear,
      periodYear,
      consecutiveYears,
      levels: counted.map(({ levels }) => levels),
    },
  );
  if (generated !== null) return generated;

  return (input, facts, ctx) => {
    const given = input.facts;
    for (let i = 0; i < derived.length; i++) {
      const name = derived[i]!;
      const value = given?.[name];
      if (value !== undefined && value !== null) refuseDerived(ctx, name, value);
    }
    for (let i = 0; i < declaredNames.length; i++) {
      const declaration = declarations[i]!;
      const value = given?.[declaredNames[i]!];
      if (value === undefined || value === null) {
        facts[declaredSlots[i]!] = declaration.default ?? null;
      } else {
        checkDeclared(ctx, declaredNames[i]!, declaration, value);
        table.put(facts, declaredSlots[i]!, declaredNames[i]!, value);
      }
    }

    const employee = input.employee;
    facts[employeeSlot] = employee;
    const employeeAttributes = employee.attributes;
    if (employeeAttributes) {
      for (let i = 0; i < attributes.length; i++) {
        const value = employeeAttributes[attributes[i]!];
        if (value !== undefined) table.put(facts, attributeSlots[i]!, attributeFacts[i]!, value);
      }
    }
    const record = employee as unknown as Record<string, unknown>;
    if (ctx.everyFact) {
      for (let i = 0; i < EMPLOYEE_FIELDS.length; i++) {
        table.put(facts, fieldSlots[i]!, EMPLOYEE_FIELD_FACTS[i]!, record[EMPLOYEE_FIELDS[i]!] ?? null);
      }
    } else {
      for (let k = 0; k < readFields.length; k++) {
        const i = readFields[k]!;
        table.put(facts, fieldSlots[i]!, EMPLOYEE_FIELD_FACTS[i]!, record[EMPLOYEE_FIELDS[i]!] ?? null);
      }
    }

    const period = input.period;
    const kind = period?.kind ?? defaultKind;
    if (kind !== null && !(kind in PERIOD_MONTHS)) refuseKind(ctx, kind);
    const months = period?.months ?? (kind === null ? null : PERIOD_MONTHS[kind]);
    if (months !== null && (typeof months !== "number" || !(months > 0 && months <= 12))) refuseMonths(ctx, months);
    facts[periodKind] = kind;
    table.put(facts, periodLabel, "period.label", period?.label ?? null);
    facts[periodMonths] = months;

    const history = input.history ?? [];
    for (let i = 0; i < history.length; i++) {
      const entry = history[i]!;
      if (historyYear(entry) === null) refuseYear(ctx, i, entry);
    }
    table.put(facts, historySlot, "history", history);
    facts[previousSlot] = history.length > 0 ? (history[history.length - 1]?.predikat ?? null) : null;
    if (counted.length > 0) {
      const year = periodYear(period?.label);
      for (const { slot, levels } of counted) facts[slot] = year === null ? null : consecutiveYears(history, year, levels);
    }
    facts[unitPredikatSlot] = input.unit?.predikat ?? null;
    facts[unitLeaderSlot] = input.unit?.pimpinan ?? false;
    table.fillPaths(facts, false);
  };
}

/** Sets the declared facts taken `from` a scored fact, once indicators are scored and before any decision. */
export function compileDerivedFacts(ruleSet: RuleSet, table: FactTable): (facts: FactState, ctx: RunContext) => void {
  const derived = Object.entries(ruleSet.facts)
    .filter(([, fact]) => fact.from !== undefined)
    .map(([name, declaration]) => ({ name, declaration, slot: table.slot(name), from: table.slot(declaration.from!) }));
  return (facts, ctx) => {
    for (const { name, declaration, slot, from } of derived) {
      const value = table.get(facts, from, declaration.from!);
      if (value === undefined || value === null) {
        facts[slot] = declaration.default ?? null;
        continue;
      }
      checkDeclared(ctx, name, declaration, value);
      facts[slot] = value;
    }
  };
}

interface InputShape {
  derived: string[];
  declared: Array<{ name: string; slot: number }>;
  attributes: Array<{ name: string; slot: number; fact: string }>;
  fields: Array<{ name: string; slot: number; fact: string; read: boolean }>;
  counted: number[];
  defaultKind: PeriodKind | null;
  slots: Record<
    "employeeSlot" | "periodKind" | "periodLabel" | "periodMonths" | "historySlot" | "previousSlot" | "unitPredikatSlot" | "unitLeaderSlot",
    number
  >;
}

/**
 * The input stage of one rule set as JavaScript source, the closure above written out: the same reads in the
 * same order, each property named by a JSON literal, the same checks and refusals (the helpers `h`).
 */
function inputSource(shape: InputShape): string {
  const { slots } = shape;
  const put = (slot: number, fact: string, value: string) =>
    `v = ${value}; if (typeof v === "function") table.put(facts, ${slot}, ${literal(fact)}, v); else facts[${slot}] = v;`;
  const lines: string[] = [
    "const { table, declarations, checkDeclared, refuseDerived, refuseKind, refuseMonths, refuseYear, PERIOD_MONTHS, historyYear, periodYear, consecutiveYears, levels } = h;",
    "return function inputFacts(input, facts, ctx) {",
    "let v;",
    "const given = input.facts;",
  ];
  for (const name of shape.derived) {
    lines.push(`v = given?.[${literal(name)}]; if (v !== undefined && v !== null) refuseDerived(ctx, ${literal(name)}, v);`);
  }
  shape.declared.forEach(({ name, slot }, i) => {
    lines.push(
      `v = given?.[${literal(name)}];`,
      `if (v === undefined || v === null) facts[${slot}] = declarations[${i}].default ?? null;`,
      `else { checkDeclared(ctx, ${literal(name)}, declarations[${i}], v); if (typeof v === "function") table.put(facts, ${slot}, ${literal(name)}, v); else facts[${slot}] = v; }`,
    );
  });
  lines.push("const employee = input.employee;", `facts[${slots.employeeSlot}] = employee;`);
  if (shape.attributes.length > 0) {
    lines.push("const attributes = employee.attributes;", "if (attributes) {");
    for (const { name, slot, fact } of shape.attributes) {
      lines.push(`v = attributes[${literal(name)}]; if (v !== undefined) { if (typeof v === "function") table.put(facts, ${slot}, ${literal(fact)}, v); else facts[${slot}] = v; }`);
    }
    lines.push("}");
  }
  const fields = (all: boolean) =>
    shape.fields.filter((field) => all || field.read).map(({ name, slot, fact }) => put(slot, fact, `employee[${literal(name)}] ?? null`));
  lines.push("if (ctx.everyFact) {", ...fields(true), "} else {", ...fields(false), "}");
  lines.push(
    "const period = input.period;",
    `const kind = period?.kind ?? ${literal(shape.defaultKind)};`,
    "if (kind !== null && !(kind in PERIOD_MONTHS)) refuseKind(ctx, kind);",
    "const months = period?.months ?? (kind === null ? null : PERIOD_MONTHS[kind]);",
    'if (months !== null && (typeof months !== "number" || !(months > 0 && months <= 12))) refuseMonths(ctx, months);',
    `facts[${slots.periodKind}] = kind;`,
    put(slots.periodLabel, "period.label", "period?.label ?? null"),
    `facts[${slots.periodMonths}] = months;`,
    "const history = input.history ?? [];",
    "for (let i = 0; i < history.length; i++) { const entry = history[i]; if (historyYear(entry) === null) refuseYear(ctx, i, entry); }",
    put(slots.historySlot, "history", "history"),
    `facts[${slots.previousSlot}] = history.length > 0 ? (history[history.length - 1]?.predikat ?? null) : null;`,
  );
  if (shape.counted.length > 0) {
    lines.push("const year = periodYear(period?.label);");
    shape.counted.forEach((slot, i) => lines.push(`facts[${slot}] = year === null ? null : consecutiveYears(history, year, levels[${i}]);`));
  }
  lines.push(
    `facts[${slots.unitPredikatSlot}] = input.unit?.predikat ?? null;`,
    `facts[${slots.unitLeaderSlot}] = input.unit?.pimpinan ?? false;`,
    "table.fillPaths(facts, false);",
    "};",
  );
  return lines.join("\n");
}
