// What the static checks share: where issues go, and what is known about each fact (when it becomes
// available in the evaluation order, and which values it can take).
import { AXES, ORGANISATION_PREDIKAT } from "../domain/types.js";
import { pointer, type IssueSeverity, type RuleIssue, type Texts } from "./errors.js";
import { allFactNames, inputFactNames, isEmployeeAttributeFact } from "./facts.js";
import type { RuleSet } from "./schema.js";
import { didYouMeanTexts, listNamesTexts } from "./suggest.js";

export type Scalar = string | number | boolean | null;

export class Reporter {
  readonly issues: RuleIssue[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly file: string) {}

  error(at: string, message: Texts): void {
    this.add(at, message, "error");
  }

  warning(at: string, message: Texts): void {
    this.add(at, message, "warning");
  }

  private add(at: string, message: Texts, severity: IssueSeverity): void {
    const key = `${at}\u0000${message.en}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.issues.push({ file: this.file, pointer: at, message: message.id, messageEn: message.en, severity });
  }
}

export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The values a fact can take, where the rule set fixes them (predikat ids, a table's results, enums). */
export interface FactDomain {
  values: Scalar[];
  /** Why a value outside the domain is wrong, e.g. `"cukup" bukan predikat yang dideklarasikan`. */
  outside(value: unknown): Texts;
}

/** Where a computed fact comes from and its position in the evaluation order. */
interface Producer {
  at: string;
  order: number;
}

const PREDIKAT_FACTS = ["predikat", "predikat.previous"];

const INPUT_FACTS: Texts = {
  id: "fakta masukan (employee.*, period.*, history, predikat.previous, unit.predikat, unit.pimpinan atau fakta yang dideklarasikan di /facts)",
  en: "an input fact (employee.*, period.*, history, predikat.previous, unit.predikat, unit.pimpinan or a fact declared in /facts)",
};
const KNOWN_FACTS: Texts = {
  id:
    "fakta yang dideklarasikan di /facts, fakta masukan (employee.*, period.*, history), fakta indikator (score.<id>, " +
    'raw.<id>, rating.<id>.<source>), skor sumbu, "score", atau keluaran tabel keputusan atau perhitungan',
  en:
    "a fact declared in /facts, an input fact (employee.*, period.*, history), an indicator fact (score.<id>, " +
    'raw.<id>, rating.<id>.<source>), an axis score, "score", or the output of a decision table or calculation',
};

/** What a fact with fixed values says of a value it never takes. */
function onlyValues(fact: string, values: Scalar[], value: unknown): Texts {
  const hint = didYouMeanTexts(value, values.filter((v): v is string => typeof v === "string"));
  return {
    id: `${fact} hanya bernilai ${values.map(show).join(", ")}, tidak pernah ${show(value)}; yang diharapkan: salah satu nilai itu${hint.id}`,
    en: `${fact} is only ever ${values.map(show).join(", ")}, never ${show(value)}; expected one of those${hint.en}`,
  };
}

/**
 * The evaluation order is: input facts → indicator set → indicator, axis and final scores → decision
 * tables in file order → calculations in file order → outcome rules (which see everything).
 */
export class FactCatalog {
  /** Facts known before any score: what `indicatorSets[].when` may read. */
  readonly inputs: Set<string>;
  /** Inputs plus every fact the scoring stage provides (for any indicator set). */
  readonly scored: Set<string>;
  /** Every fact an outcome rule may read. */
  readonly everything: Set<string>;
  readonly producers = new Map<string, Producer[]>();
  private readonly domains = new Map<string, FactDomain | undefined>();

  constructor(private readonly ruleSet: RuleSet) {
    this.inputs = inputFactNames(ruleSet);
    this.everything = new Set(this.inputs);
    for (const set of ruleSet.indicatorSets) for (const name of allFactNames(ruleSet, set)) this.everything.add(name);
    if (!ruleSet.indicatorSets.length) {
      for (const name of ["score", "indicatorSet", ...AXES.map((a) => `score.${a}`)]) this.everything.add(name);
    }
    ruleSet.decisions.forEach((table, i) => this.addProducer(table.output, pointer("decisions", i), i));
    ruleSet.calculations.forEach((calc, j) =>
      this.addProducer(calc.id, pointer("calculations", j), ruleSet.decisions.length + j),
    );
    this.everything.add("predikat");
    this.scored = new Set([...this.everything].filter((name) => !this.producers.has(name) || this.inputs.has(name)));
  }

  private addProducer(fact: string, at: string, order: number): void {
    this.everything.add(fact);
    const list = this.producers.get(fact) ?? [];
    list.push({ at, order });
    this.producers.set(fact, list);
  }

  /** The order of decision table `i` (calculations follow all tables). */
  decisionOrder(i: number): number {
    return i;
  }

  calculationOrder(j: number): number {
    return this.ruleSet.decisions.length + j;
  }

  /**
   * Why `fact` cannot be read at evaluation position `order` (Infinity: by outcome rules; -1: when the
   * indicator set is chosen), or undefined when it can.
   */
  problem(fact: string, order: number): Texts | undefined {
    if (isEmployeeAttributeFact(fact)) return undefined;
    if (order < 0) {
      if (this.inputs.has(fact)) return undefined;
      if (this.everything.has(fact)) {
        return {
          id: `"${fact}" belum diketahui saat set indikator dipilih; yang diharapkan: ${INPUT_FACTS.id}`,
          en: `"${fact}" is not known yet when the indicator set is chosen; expected ${INPUT_FACTS.en}`,
        };
      }
    } else {
      if (this.scored.has(fact)) return undefined;
      const producers = this.producers.get(fact) ?? [];
      if (producers.some((p) => p.order < order)) return undefined;
      const later = producers.find((p) => p.order >= order);
      if (later) {
        return {
          id:
            `"${fact}" ditetapkan oleh ${later.at}, yang dievaluasi sesudah ini; yang diharapkan: fakta yang ditetapkan ` +
            "lebih awal (tabel keputusan dievaluasi menurut urutan di berkas, lalu perhitungan menurut urutan di berkas)",
          en:
            `"${fact}" is set by ${later.at}, which is evaluated after this; expected a fact set earlier ` +
            "(decision tables run in file order, then calculations in file order)",
        };
      }
    }
    const hint = didYouMeanTexts(fact, this.everything);
    return {
      id: `fakta "${fact}" tidak dikenal${hint.id}; yang diharapkan: ${KNOWN_FACTS.id}`,
      en: `unknown fact "${fact}"${hint.en}; expected ${KNOWN_FACTS.en}`,
    };
  }

  /** The values `fact` can take, when the rule set fixes them. */
  domain(fact: string): FactDomain | undefined {
    if (!this.domains.has(fact)) this.domains.set(fact, this.computeDomain(fact));
    return this.domains.get(fact);
  }

  private computeDomain(fact: string): FactDomain | undefined {
    const { predikat, decisions, facts } = this.ruleSet;
    if (fact === "unit.pimpinan") return { values: [true, false], outside: (value) => onlyValues(fact, [true, false], value) };
    if (fact === "unit.predikat") {
      const values = [...ORGANISATION_PREDIKAT, null];
      return { values, outside: (value) => onlyValues(fact, values, value) };
    }
    if (PREDIKAT_FACTS.includes(fact) && predikat.length) {
      const ids = predikat.map((p) => p.id);
      return {
        values: fact === "predikat" ? ids : [...ids, null],
        outside: (value) => {
          const names = listNamesTexts(ids);
          const hint = didYouMeanTexts(value, ids);
          return {
            id: `${show(value)} bukan predikat yang dideklarasikan; yang diharapkan: salah satu dari ${names.id}${hint.id}`,
            en: `${show(value)} is not a declared predikat; expected one of ${names.en}${hint.en}`,
          };
        },
      };
    }
    const values = new Set<Scalar>();
    const declared = facts[fact];
    const tables = decisions.flatMap((table, i) =>
      table.output === fact ? [{ table, at: pointer("decisions", i) }] : [],
    );
    if (declared?.values || declared?.type === "boolean") {
      for (const v of declared.values ?? [true, false]) values.add(v);
      // An absent input is null; a table that sets the fact fills it in, so only its own results count.
      if (!tables.length) values.add(declared.default ?? null);
    }
    const computed = this.ruleSet.calculations.some((c) => c.id === fact);
    if (computed || tables.some(({ table }) => table.hitPolicy === "collect")) return undefined;
    for (const { table } of tables) {
      for (const row of table.rows) values.add(row.then);
      if (table.default !== undefined) values.add(table.default);
      else if (table.when) values.add(null);
    }
    if (!values.size || (declared && !declared.values && declared.type !== "boolean")) return undefined;
    const list = [...values];
    const from = [...(declared ? [pointer("facts", fact)] : []), ...tables.map(({ at }) => at)].join(", ");
    const named = list.filter((v): v is string => typeof v === "string");
    return {
      values: list,
      outside: (value) => {
        const hint = didYouMeanTexts(value, named);
        return {
          id: `${fact} hanya bernilai ${list.map(show).join(", ")} (dari ${from}), tidak pernah ${show(value)}; yang diharapkan: salah satu nilai itu${hint.id}`,
          en: `${fact} is only ever ${list.map(show).join(", ")} (from ${from}), never ${show(value)}; expected one of those${hint.en}`,
        };
      },
    };
  }
}
