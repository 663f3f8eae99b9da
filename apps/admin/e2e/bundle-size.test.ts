// The portal's first download stays small: the sign-in page's JavaScript within 150 KB gzip and the
// dashboard's first view within 250 KB, measured from the built files (sizes, not timings). The
// figures are printed by `pnpm bench` (scripts/bench.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { FIRST_SCREEN_BUDGET_KB, measureInitialJs, SIGN_IN_BUDGET_KB, type InitialJs } from "../scripts/initial-js";
import { ensureBuilt } from "./build";
import { DIST_DIR } from "./server";

describe("the portal's initial JavaScript", () => {
  let measured: InitialJs;
  beforeAll(async () => {
    await ensureBuilt();
    measured = measureInitialJs(DIST_DIR);
  });

  it(`loads at most ${SIGN_IN_BUDGET_KB} KB gzip on the sign-in page, without the charts, the code editor or the data clients`, () => {
    expect(measured.sign_in).toBeLessThanOrEqual(SIGN_IN_BUDGET_KB);
    expect(measured.signInFiles.join(" ")).not.toMatch(/DistributionChart|RulesPage|JsonEditor|Portal/);
  });

  it(`loads at most ${FIRST_SCREEN_BUDGET_KB} KB gzip for the dashboard's first view`, () => {
    expect(measured.routes.dashboard).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_KB);
  });
});
