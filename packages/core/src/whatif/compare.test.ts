import { describe, expect, it } from "vitest";
import type { AppraisalInput } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";
import { simulate, type Evaluator } from "./compare.js";

const input = { employee: { nip: "198001012005011001", nama: "Sri", unit: "BKD" } } as AppraisalInput;

describe("simulate", () => {
  it("reports an appraisal a rule cannot be run on, as one it refuses, and goes on", () => {
    const broken: Evaluator = {
      evaluate: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'y')");
      },
    };
    const refusing: Evaluator = {
      evaluate: (appraisal) => {
        throw new AppraisalError(appraisal.employee.nip, "tidak ada set indikator yang berlaku");
      },
    };
    const report = simulate(broken, refusing, [input, input]);
    expect(report.total).toBe(2);
    expect(report.errors).toEqual([
      { nip: input.employee.nip, side: "before", message: `${input.employee.nip}: penilaian gagal: Cannot read properties of undefined (reading 'y')` },
      { nip: input.employee.nip, side: "after", message: `${input.employee.nip}: tidak ada set indikator yang berlaku` },
      { nip: input.employee.nip, side: "before", message: `${input.employee.nip}: penilaian gagal: Cannot read properties of undefined (reading 'y')` },
      { nip: input.employee.nip, side: "after", message: `${input.employee.nip}: tidak ada set indikator yang berlaku` },
    ]);
  });
});
