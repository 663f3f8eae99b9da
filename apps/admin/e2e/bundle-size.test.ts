// The portal's first download stays small: the sign-in page's JavaScript within 150 KB gzip and every
// signed-in screen's first view within FIRST_SCREEN_BUDGET_KB (252 KB), measured from the built files (sizes, not timings). The
// figures are printed by `pnpm bench` (scripts/bench.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { FIRST_SCREEN_BUDGET_KB, measureInitialJs, ROUTES, SIGN_IN_BUDGET_KB, type InitialJs } from "../scripts/initial-js";
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

  it.each(Object.keys(ROUTES))(`loads at most ${FIRST_SCREEN_BUDGET_KB} KB gzip for the first view of %s`, (route) => {
    expect(measured.routes[route]).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_KB);
  });

  it("measures every screen the portal loads", () => {
    expect(measured.unmeasured, "name these screens in ROUTES (scripts/initial-js.ts)").toEqual([]);
  });

  it("loads the rules page's code editor only with its JSON tab", () => {
    const files = measured.routeFiles.rules;
    expect(files).toBeDefined();
    expect(files?.join(" ")).not.toMatch(/JsonEditor/);
  });
});
