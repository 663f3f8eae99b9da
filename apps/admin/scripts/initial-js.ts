// What a first visit downloads before a screen can show: the gzip size of the JavaScript of the sign-in
// page (the entry and its static imports) and of each signed-in route (that, plus the route's lazy
// chunk and its static imports), read from the build's manifest (dist/.vite/manifest.json). Sizes come
// from the built files, so they are the same on every run. Gzip at level 9, as apps/server sends it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Budgets in KB of gzip JavaScript: the sign-in page, and any signed-in screen's first view. */
export const SIGN_IN_BUDGET_KB = 150;
export const FIRST_SCREEN_BUDGET_KB = 250;

/** The routes' modules as the manifest names them: the sign-in page is the entry itself. */
export const ROUTES: Record<string, string> = {
  dashboard: "src/pages/DashboardPage.tsx",
  rules: "src/pages/rules/RulesPage.tsx",
  people: "src/pages/organisation/OrganisationPage.tsx",
  cycles: "src/pages/cycles/CyclesPage.tsx",
  cycle: "src/pages/cycles/CyclePage.tsx",
  result: "src/pages/cycles/ResultPage.tsx",
  my_plan: "src/pages/plan/MyPlanPage.tsx",
  team: "src/pages/plan/TeamPage.tsx",
  assessments: "src/pages/me/MyAssessmentsPage.tsx",
  my_result: "src/pages/me/MyResultPage.tsx",
  accounts: "src/pages/accounts/AccountsPage.tsx",
  audit: "src/pages/AuditPage.tsx",
};

export interface InitialJs {
  /** KB of gzip JavaScript, to one decimal. */
  sign_in: number;
  /** The same for each route of ROUTES. */
  routes: Record<string, number>;
  /** The files of the sign-in page, for a message. */
  signInFiles: string[];
}

function readManifest(distDir: string): Manifest {
  const path = join(distDir, ".vite", "manifest.json");
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch (error) {
    throw new Error(`${path} cannot be read (build the portal with build.manifest on): ${(error as Error).message}`);
  }
}

/** A chunk and every chunk it imports statically, transitively. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`The build's manifest has no chunk ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

export function measureInitialJs(distDir: string): InitialJs {
  const manifest = readManifest(distDir);
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) throw new Error("The build's manifest has no entry");
  const sizes = new Map<string, number>();
  const gzipKb = (keys: Set<string>) => {
    let bytes = 0;
    for (const key of keys) {
      const file = manifest[key]!.file;
      if (!file.endsWith(".js")) continue;
      if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
      bytes += sizes.get(file)!;
    }
    return Math.round((bytes / 1024) * 10) / 10;
  };
  const signIn = staticClosure(manifest, entry);
  const routes: Record<string, number> = {};
  for (const [name, module] of Object.entries(ROUTES)) {
    if (!manifest[module]) throw new Error(`The build's manifest has no route ${module} (${name}); update ROUTES`);
    routes[name] = gzipKb(staticClosure(manifest, module, new Set(signIn)));
  }
  return { sign_in: gzipKb(signIn), routes, signInFiles: [...signIn].map((key) => manifest[key]!.file) };
}
