// The rule-file format: what a region's BKD writes to say how its civil servants are appraised.
// Conditions use json-rules-engine's grammar unchanged; everything else is plain data that the
// evaluator (../evaluate) interprets. `rules/ruleset.schema.json` is generated from this file.
import { z } from "zod";
import type { ConditionProperties, ConditionReference, NestedCondition, TopLevelCondition } from "../engine/types.js";
import { AXES, NATIONAL_PREDIKAT, PERIOD_KINDS, RATER_SOURCES, TARGET_ASPECTS } from "../domain/types.js";
import type { Texts } from "./errors.js";

/** What each pattern of the format expects, in both languages; zod carries the English text, which zod-issues.ts looks up. */
export const SCHEMA_PATTERNS = {
  id: { id: "id dari huruf kecil, angka dan _, diawali huruf", en: "an id of lower-case letters, digits and _, starting with a letter" },
  factName: { id: "nama fakta seperti score.kualitas", en: "a fact name such as score.kualitas" },
  date: { id: "tanggal YYYY-MM-DD", en: "a date YYYY-MM-DD" },
} as const satisfies Record<string, Texts>;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, SCHEMA_PATTERNS.id.en);
/** Fact names may carry dots (score.kualitas, employee.jabatan). */
const factName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, SCHEMA_PATTERNS.factName.en);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A rater source (self, peer, supervisor, subordinate, public). */
export const raterSourceSchema = z.enum(RATER_SOURCES);
/** An axis (hasil_kerja, perilaku). */
export const axisSchema = z.enum(AXES);

// ---- json-rules-engine conditions ---------------------------------------------------------------

/** A condition's value that reads another fact: `{ fact, path?, params? }`. */
export const factReferenceSchema = z
  .object({ fact: z.string(), path: z.string().optional(), params: z.record(z.string(), z.unknown()).optional() })
  .strict();

// The condition grammar's types are the engine's own: one definition of json-rules-engine's format.
export type { ConditionReference, NestedCondition, TopLevelCondition } from "../engine/types.js";
/** A condition leaf: `{ fact, operator, value, path?, params? }`. */
export type ConditionLeaf = ConditionProperties;

const conditionMeta = { priority: z.number().int().positive().optional(), name: z.string().optional() };

/** A condition comparing a fact with a value by an operator. */
export const conditionLeafSchema: z.ZodType<ConditionLeaf> = z
  .object({
    fact: z.string().min(1),
    operator: z.string().min(1),
    value: z.unknown(),
    path: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    ...conditionMeta,
  })
  .strict() as z.ZodType<ConditionLeaf>;

/** A reference to a named condition: `{ condition: "name" }`. */
export const conditionReferenceSchema: z.ZodType<ConditionReference> = z
  .object({ condition: z.string().min(1), ...conditionMeta })
  .strict();

/** A rule's conditions: all, any, not, or a named condition. */
export const topLevelConditionSchema: z.ZodType<TopLevelCondition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(nestedConditionSchema), ...conditionMeta }).strict(),
    z.object({ any: z.array(nestedConditionSchema), ...conditionMeta }).strict(),
    z.object({ not: nestedConditionSchema, ...conditionMeta }).strict(),
    conditionReferenceSchema,
  ]),
);

/** A condition inside all, any or not. */
export const nestedConditionSchema: z.ZodType<NestedCondition> = z.lazy(() =>
  z.union([conditionLeafSchema, topLevelConditionSchema]),
);

// ---- scales, raters, facts ----------------------------------------------------------------------

/** A rating scale: its range, step, labels and how a rating becomes a 0–100 score. */
export const scaleSchema = z
  .object({
    min: z.number(),
    max: z.number(),
    step: z.number().positive().optional(),
    /** How a rating becomes a score: value / max × scoreMax, or (value − min) / (max − min) × scoreMax. */
    toScore: z.enum(["percentOfMax", "linear"]).default("percentOfMax"),
    /**
     * The score the top of the scale gives. 100 unless a regulation lets the score pass 100: PP 30/2019's
     * perilaku reaches 120 like the SKP achievement, so its 0–120 scale says 120.
     */
    scoreMax: z.number().positive().optional().meta({ default: 100 }),
    labels: z.record(z.string(), z.string()).optional(),
    /** Guidance shown beside the rating form: how to rate on this scale. */
    guidance: z.string().optional(),
  })
  .strict();

/** The rater sources' weights, and what happens when a source gave no rating. */
export const ratersSchema = z
  .object({
    /** Weight per rater source, totalling 100. */
    weights: z.partialRecord(raterSourceSchema, z.number().min(0).max(100)),
    /**
     * A rater source with no input: share its weight among the others, or refuse to evaluate.
     * Optional here rather than defaulted, so a file that extends another inherits the parent's choice;
     * resolveRuleSet fills RATERS_DEFAULTS at the end.
     */
    missing: z.enum(["renormalise", "refuse"]).optional().meta({ default: "renormalise" }),
  })
  .strict();

/** A fact the rule file declares: its type, label, allowed values or range, and where it comes from. */
export const factDeclarationSchema = z
  .object({
    type: z.enum(["number", "boolean", "string"]),
    label: z.string(),
    description: z.string().optional(),
    /** Allowed values of a string fact. */
    values: z.array(z.string()).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Used when an appraisal does not give the fact. */
    default: scalar.optional(),
    /**
     * Taken from an indicator or axis fact once indicators are scored (e.g. "raw.kehadiran"), so one
     * input serves both (absence days scored as discipline and read by the sanction table). An appraisal
     * cannot give it, and an indicator set's `when` cannot read it.
     */
    from: factName.optional(),
    /**
     * Counted from the appraisal's history: how many years in a row, ending with the year before the
     * current period's year, have an annual predikat among `predikat` (e.g. promotion needs the year
     * before to be Baik or better). An appraisal cannot give it; null when the period has no year.
     */
    consecutiveYears: z.object({ predikat: z.array(z.string().min(1)).min(1) }).strict().optional(),
  })
  .strict();

// ---- indicators ---------------------------------------------------------------------------------

const ratingInput = z
  .object({ kind: z.literal("rating"), scale: z.union([z.string(), scaleSchema]) })
  .strict();
const targetInput = z
  .object({
    kind: z.literal("target"),
    /** PP 46/2011 aspects used; the task score is their mean. */
    aspects: z.array(z.enum(TARGET_ASPECTS)).min(1),
    cap: z.number().positive().optional(),
  })
  .strict();
const achievementInput = z
  .object({
    kind: z.literal("achievement"),
    /** Realisasi / target × 100, capped (PP 30/2019 caps at 120). */
    cap: z.number().positive().optional(),
  })
  .strict();
const attendanceBand = z
  .object({ maxDays: z.number().int().min(0).nullable(), score: z.number() })
  .strict();
const attendanceInput = z
  .object({
    kind: z.literal("attendance"),
    /** Score by days of unexcused absence, ascending by maxDays; the last band has maxDays null. */
    bands: z.array(attendanceBand).min(1),
  })
  .strict();
const yesNoInput = z
  .object({ kind: z.literal("yesno"), yes: z.number().default(100), no: z.number().default(0) })
  .strict();
const scoreInput = z
  .object({ kind: z.literal("score"), min: z.number().default(0), max: z.number().default(100) })
  .strict();

/** How an indicator is measured: a rating, a target, an achievement, attendance, yes/no or a score. */
export const indicatorInputSchema = z.discriminatedUnion("kind", [
  ratingInput,
  targetInput,
  achievementInput,
  attendanceInput,
  yesNoInput,
  scoreInput,
]);

/** An indicator: its axis, weight, input and raters. */
export const indicatorSchema = z
  .object({
    id,
    name: z.string(),
    description: z.string().optional(),
    axis: axisSchema,
    /** Weight within its axis; an axis's indicators total 100. */
    weight: z.number().min(0).max(100),
    input: indicatorInputSchema,
    /** Rater sources that rate it (rating inputs only); defaults to every source with a weight. */
    raters: z.array(raterSourceSchema).optional(),
    /**
     * Rater weights for this indicator alone, totalling 100, in place of /raters/weights (e.g.
     * { "public": 100 } for public satisfaction). Its sources are the indicator's raters.
     */
    raterWeights: z.partialRecord(raterSourceSchema, z.number().min(0).max(100)).optional(),
    /** A training need is proposed when the indicator's score falls below `below`. */
    training: z.object({ below: z.number(), topic: z.string() }).strict().optional(),
    /** Examples of constructive feedback, shown to raters. */
    guidance: z.string().optional(),
  })
  .strict();

/** A set of indicators and the employees (`when`) it applies to. */
export const indicatorSetSchema = z
  .object({
    id,
    name: z.string(),
    description: z.string().optional(),
    /** Which employees use this set (on employee facts); the first set that matches is chosen. */
    when: topLevelConditionSchema.optional(),
    indicators: z.array(indicatorSchema).min(1),
  })
  .strict();

/**
 * Another axis split that applies when its condition holds, e.g. PP 30/2019's 60/40 where peers and
 * subordinates rate behaviour (360°): the region, or one appraisal, says so through a declared fact.
 */
export const axisVariantSchema = z
  .object({
    id,
    name: z.string(),
    description: z.string().optional(),
    /** On input facts (declared facts, employee.*), like an indicator set's `when`; the first variant that holds is used. */
    when: topLevelConditionSchema,
    /** Axis weights totalling 100, in place of /axes. */
    axes: z.partialRecord(axisSchema, z.number().min(0).max(100)),
  })
  .strict();

// ---- decision tables, calculations, outcomes ----------------------------------------------------

/** One cell: json-rules-engine operators ANDed against the column's fact; {} matches anything. */
export const decisionCellSchema = z.record(z.string(), z.unknown());

/** A decision table's row: a cell per input column and the value it gives. */
export const decisionRowSchema = z
  .object({ when: z.array(decisionCellSchema), then: scalar, note: z.string().optional() })
  .strict();

/** A decision table: input columns, rows, hit policy and the fact it sets. */
export const decisionTableSchema = z
  .object({
    id,
    name: z.string().optional(),
    /** The fact this table sets, e.g. "predikat" or "rating.hasil_kerja". */
    output: factName,
    hitPolicy: z.enum(["first", "unique", "collect"]),
    /** The facts the columns test, in column order. */
    inputs: z.array(factName).min(1),
    rows: z.array(decisionRowSchema).min(1),
    /** Output when no row matches; without it, no match is an error naming the inputs. */
    default: scalar.optional(),
    /** The table applies only when this holds; otherwise its output is the default (or null). */
    when: topLevelConditionSchema.optional(),
  })
  .strict();

/** A calculation's arithmetic over facts and numbers. */
export type Expression =
  | number
  | { fact: string }
  | { add: Expression[] }
  | { sub: [Expression, Expression] }
  | { mul: Expression[] }
  | { div: [Expression, Expression] }
  | { min: Expression[] }
  | { max: Expression[] };

/** A calculation's expression. */
export const expressionSchema: z.ZodType<Expression> = z.lazy(() =>
  z.union([
    z.number(),
    z.object({ fact: factName }).strict(),
    z.object({ add: z.array(expressionSchema).min(1) }).strict(),
    z.object({ sub: z.tuple([expressionSchema, expressionSchema]) }).strict(),
    z.object({ mul: z.array(expressionSchema).min(1) }).strict(),
    z.object({ div: z.tuple([expressionSchema, expressionSchema]) }).strict(),
    z.object({ min: z.array(expressionSchema).min(1) }).strict(),
    z.object({ max: z.array(expressionSchema).min(1) }).strict(),
  ]),
);

/** A calculation: a fact computed from others by an expression, where its `when` holds. */
export const calculationSchema = z
  .object({
    /** The fact it sets, e.g. "angka_kredit". */
    id: factName,
    name: z.string(),
    when: topLevelConditionSchema.optional(),
    expression: expressionSchema,
    /** Decimal places to round to. */
    round: z.number().int().min(0).max(6).optional(),
  })
  .strict();

/** An outcome rule: a json-rules-engine rule whose event is a follow-up. */
export const outcomeRuleSchema = z
  .object({
    name: z.string().min(1),
    priority: z.number().int().positive().optional(),
    conditions: topLevelConditionSchema,
    event: z
      .object({ type: z.string().min(1), params: z.record(z.string(), z.unknown()).optional() })
      .strict(),
  })
  .strict();

// ---- predikat, curve, periods, tests ------------------------------------------------------------

/** A predikat the rule set gives: its id, label and national counterpart. */
export const predikatValueSchema = z
  .object({
    id,
    label: z.string(),
    /** Which national predikat it counts as on the distribution curve. */
    national: z.enum(NATIONAL_PREDIKAT).optional(),
  })
  .strict();

/**
 * Curve keys are optional (not defaulted) so that a region overriding one key inherits the other from
 * the file it extends; resolveRuleSet fills CURVE_DEFAULTS at the end.
 */
export const curveSchema = z
  .object({
    /** Whether a broken bound of SE MenPANRB 3/2023 only warns, blocks finalisation, or is not checked. */
    enforcement: z.enum(["warn", "block", "off"]).optional().meta({ default: "warn" }),
    /** How a share of a small unit becomes a head count. */
    rounding: z.enum(["floor", "ceil", "round"]).optional().meta({ default: "round" }),
  })
  .strict();

/** The periods a region appraises and how a year is formed from them. */
export const periodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    /** How the periods of a year roll up to the annual result. */
    rollup: z
      .object({
        method: z.enum(["last", "average", "judgement"]),
        /**
         * For judgement: how many predikat levels the assessor may move the annual predikat away from the
         * one the average of the periods gives (0: none, 1: one level up or down).
         */
        bounds: z.number().int().min(0).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Who decides an appeal the assessor's superior cannot: the region's admin, or the appeals panel. */
export const APPEAL_FALLBACKS = ["admin", "panel"] as const;
/** Account roles a panel may name: every account of the role in the region sits on it. */
export const PANEL_ROLES = ["operator", "admin", "assessor"] as const;

/** The panel that decides appeals when it is the fallback: its name, members by NIP, roles. */
export const appealPanelSchema = z
  .object({
    /** The panel's name as people read it ("Tim Penyelesaian Keberatan"). */
    name: z.string().min(1),
    /** NIPs of the employees whose accounts sit on the panel. */
    members: z.array(z.string().min(1)).optional(),
    /** Account roles whose every holder in the region sits on the panel. */
    roles: z.array(z.enum(PANEL_ROLES)).optional(),
  })
  .strict();

/**
 * Workflow settings: how a region runs the steps of a cycle around the rules. Every key is optional so
 * a file that extends another inherits what it does not say; resolveRuleSet fills WORKFLOW_DEFAULTS.
 */
export const workflowSchema = z
  .object({
    planning: z
      .object({
        /** Each employee's plan (SKP) must be approved before the period is assessed. */
        required: z.boolean().optional().meta({ default: true }),
        /** Each RHK must cascade from (menginduk) an RHK of the superior's plan. */
        cascade: z.boolean().optional().meta({ default: true }),
      })
      .strict()
      .optional(),
    evidence: z
      .object({
        /** Largest evidence file (bukti dukung) for a work entry, in bytes. */
        maxBytes: z.number().int().positive().optional().meta({ default: 5 * 1024 * 1024 }),
        /** Accepted file types (MIME). */
        types: z.array(z.string()).min(1).optional().meta({ default: ["application/pdf", "image/jpeg", "image/png"] }),
      })
      .strict()
      .optional(),
    peers: z
      .object({
        /** How many peers rate each employee, at least and at most. */
        min: z.number().int().min(0).optional().meta({ default: 0 }),
        max: z.number().int().min(0).optional().meta({ default: 5 }),
        /** How the admin's automatic assignment chooses peers. */
        assign: z
          .object({
            /** Peers given to each employee; unless set, peers.min (at least 1), never more than peers.max. */
            count: z.number().int().min(1).optional(),
            /** Where peers come from: the employee's own unit, or anywhere in the cycle. */
            from: z.enum(["unit", "cycle"]).optional().meta({ default: "unit" }),
            /** Which employee field makes two people the same level: jenis jabatan, jenjang, golongan's ruang (III of III/b), or none. */
            level: z.enum(["jenisJabatan", "jenjang", "golongan", "any"]).optional().meta({ default: "jenisJabatan" }),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    calibration: z
      .object({
        /** Results are reviewed by the unit's evaluation forum (forum evaluasi) before finalisation. */
        forum: z.boolean().optional().meta({ default: true }),
        /** How many predikat levels the forum may move one employee's predikat (always with a written reason). */
        maxLevels: z.number().int().min(0).optional().meta({ default: 1 }),
      })
      .strict()
      .optional(),
    appeals: z
      .object({
        /** Days after finalisation within which an employee may appeal (keberatan). */
        windowDays: z.number().int().min(0).optional().meta({ default: 14 }),
        /**
         * Who decides in place of the assessor's superior (atasan pejabat penilai) when that person has no
         * account, or has not decided within `fallbackAfterDays`: the region's admin (BKD) or the `panel`.
         */
        fallback: z.enum(APPEAL_FALLBACKS).optional().meta({ default: "admin" }),
        /** Days after an appeal is made that the superior has to decide it before it passes to the fallback. */
        fallbackAfterDays: z.number().int().min(1).optional().meta({ default: 14 }),
        /** The appeals panel (tim keberatan) that decides when `fallback` is "panel". */
        panel: appealPanelSchema.optional().meta({ default: { name: "Tim Penyelesaian Keberatan", members: [], roles: [] } }),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A rule file's test case: an appraisal input and what it must come to. */
export const testCaseSchema = z
  .object({
    name: z.string(),
    input: z.record(z.string(), z.unknown()),
    /**
     * A year rolled up from periods (/period/rollup): each period's input, laid over `input` (which holds
     * what they share: the employee, history). The case then expects the annual result.
     */
    periods: z.array(z.record(z.string(), z.unknown())).min(1).optional(),
    /** With `periods`, where the roll-up is "judgement": the assessor's annual predikat and reason. */
    judgement: z.object({ predikat: z.string(), reason: z.string() }).strict().optional(),
    expect: z
      .object({
        predikat: z.string().optional(),
        /** With `periods`: the predikat the periods gave, before an assessor's judgement. */
        computedPredikat: z.string().optional(),
        indicatorSet: z.string().optional(),
        /** Expected fact values (scores, decisions, calculations), compared to 2 decimals. */
        facts: z.record(z.string(), scalar).optional(),
        /** Outcome event types that must fire. */
        outcomes: z.array(z.string()).optional(),
        /** Outcome event types that must not fire. */
        notOutcomes: z.array(z.string()).optional(),
        /** The evaluation must refuse with an error containing this text. */
        error: z.string().optional(),
      })
      .strict(),
  })
  .strict();

/** A rule file as written, before its `extends` are resolved. */
export const ruleFileSchema = z
  .object({
    $schema: z.string().optional(),
    id,
    name: z.string(),
    description: z.string().optional(),
    /** Other rule files (paths relative to this one) whose parts this file inherits and may override. */
    extends: z.union([z.string(), z.array(z.string())]).optional(),
    /**
     * For a part that other files extend rather than a whole rule set (e.g. a discipline table): it is
     * validated, and its cases run, on top of this file (a path relative to it). Ignored where it is extended.
     */
    checkWith: z.string().optional(),
    legalBasis: z.array(z.string()).optional(),
    /** YYYY-MM-DD. */
    effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, SCHEMA_PATTERNS.date.en).optional(),
    scales: z.record(z.string(), scaleSchema).optional(),
    raters: ratersSchema.optional(),
    facts: z.record(factName, factDeclarationSchema).optional(),
    indicatorSets: z.array(indicatorSetSchema).optional(),
    /** Axis weights totalling 100; the final `score` is their weighted sum. */
    axes: z.partialRecord(axisSchema, z.number().min(0).max(100)).optional(),
    /** Other axis splits, each with its condition; /axes applies when none holds. */
    axisVariants: z.array(axisVariantSchema).optional(),
    predikat: z.array(predikatValueSchema).optional(),
    decisions: z.array(decisionTableSchema).optional(),
    calculations: z.array(calculationSchema).optional(),
    conditions: z.record(z.string(), topLevelConditionSchema).optional(),
    outcomes: z.array(outcomeRuleSchema).optional(),
    curve: curveSchema.optional(),
    period: periodSchema.optional(),
    workflow: workflowSchema.optional(),
    tests: z.array(testCaseSchema).optional(),
  })
  .strict();

/** A rating scale. */
export type Scale = z.infer<typeof scaleSchema>;
/** How an indicator is measured. */
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;
/** An indicator of a set. */
export type Indicator = z.infer<typeof indicatorSchema>;
/** A set of indicators and who it applies to. */
export type IndicatorSet = z.infer<typeof indicatorSetSchema>;
/** A decision table row's cells, by input column. */
export type DecisionCell = z.infer<typeof decisionCellSchema>;
/** A decision table's row. */
export type DecisionRow = z.infer<typeof decisionRowSchema>;
/** A decision table. */
export type DecisionTable = z.infer<typeof decisionTableSchema>;
/** A calculation. */
export type Calculation = z.infer<typeof calculationSchema>;
/** An outcome rule. */
export type OutcomeRule = z.infer<typeof outcomeRuleSchema>;
/** A predikat a rule set gives. */
export type PredikatValue = z.infer<typeof predikatValueSchema>;
/** A split of the axes that applies when its condition holds (axisVariants). */
export type AxisVariant = z.infer<typeof axisVariantSchema>;
/** A rule file's test case. */
export type TestCase = z.infer<typeof testCaseSchema>;
/** A rule file as written: parts may be missing because they come from `extends`. */
export type RuleFile = z.infer<typeof ruleFileSchema>;

/** The rater sources' weights and the missing-source policy, defaults filled. */
export type Raters = Required<z.infer<typeof ratersSchema>>;
/** Workflow settings as a rule file writes them, every key optional. */
export type WorkflowFile = z.infer<typeof workflowSchema>;
/** Workflow settings with every default filled. */
export type Workflow = { [K in keyof WorkflowFile]-?: Required<NonNullable<WorkflowFile[K]>> };
/** The workflow settings a rule set has where no file it extends sets them. */
export const WORKFLOW_DEFAULTS: Workflow = {
  planning: { required: true, cascade: true },
  evidence: { maxBytes: 5 * 1024 * 1024, types: ["application/pdf", "image/jpeg", "image/png"] },
  peers: { min: 0, max: 5, assign: {} },
  calibration: { forum: true, maxLevels: 1 },
  appeals: { windowDays: 14, fallback: "admin", fallbackAfterDays: 14, panel: { name: "Tim Penyelesaian Keberatan", members: [], roles: [] } },
};
/** The distribution curve's settings, defaults filled. */
export type Curve = Required<z.infer<typeof curveSchema>>;

/** What a resolved rule set has where no file in its chain says otherwise. */
export const RATERS_DEFAULTS: Raters = { weights: { supervisor: 100 }, missing: "renormalise" };
/** The curve settings a rule set has where no file it extends sets them. */
export const CURVE_DEFAULTS: Curve = { enforcement: "warn", rounding: "round" };

/** A rule set after `extends` is resolved: every part an evaluation needs is present. */
export type RuleSet = Omit<RuleFile, "extends" | "$schema" | "checkWith" | "raters" | "curve" | "workflow"> &
  Required<
    Pick<RuleFile, "indicatorSets" | "predikat" | "decisions" | "outcomes" | "scales" | "facts" | "conditions" | "tests">
  > & {
    raters: Raters;
    workflow: Workflow;
    calculations: Calculation[];
    curve: Curve;
    /** The files this set was built from, this one last. */
    sources: string[];
  };
