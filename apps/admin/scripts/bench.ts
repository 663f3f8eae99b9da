// `pnpm bench` (from the root, after the engine's bench): the portal's initial JavaScript, built first
// when dist/ is missing or older than the sources. Prints one line per figure, `name: value`.
import { ensureBuilt } from "../e2e/build";
import { DIST_DIR } from "../e2e/server";
import { FIRST_SCREEN_BUDGET_KB, measureInitialJs, SIGN_IN_BUDGET_KB } from "./initial-js";

await ensureBuilt((text) => console.error(text));
const measured = measureInitialJs(DIST_DIR);
console.log(`portal.initial_js_gzip_kb.sign_in: ${measured.sign_in}   (budget ${SIGN_IN_BUDGET_KB})`);
for (const [route, kb] of Object.entries(measured.routes)) {
  console.log(`portal.initial_js_gzip_kb.${route}: ${kb}   (budget ${FIRST_SCREEN_BUDGET_KB})`);
}
