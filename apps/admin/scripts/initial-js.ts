// What a first visit downloads before a screen can show: the gzip size of the JavaScript of the sign-in
// page (the entry and its static imports) and of each signed-in route (that, plus the route's lazy
// chunk and its static imports), read from the build's manifest (dist/.vite/manifest.json). Sizes come
// from the built files, so they are the same on every run. Gzip at level 9, as apps/server sends it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * Budgets in KB of gzip JavaScript: the sign-in page, and any signed-in screen's first view. A screen's own
 * strings travel with its script (locales/screens), so they count in that screen's first view only.
 */
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
  start: "src/pages/start/GuidedStartPage.tsx",
  settings: "src/pages/settings/SettingsPage.tsx",
  api_webhook: "src/pages/public-api/PublicApiPage.tsx",
  regions: "src/pages/regions/RegionsPage.tsx",
  choose_region: "src/pages/ChooseRegionPage.tsx",
  appeals: "src/pages/appeals/AppealsPage.tsx",
  dialogues: "src/pages/dialogues/DialoguesPage.tsx",
  feedback: "src/pages/feedback/FeedbackInboxPage.tsx",
  account: "src/pages/account/MyAccountPage.tsx",
  baselines: "src/pages/baselines/BaselinesPage.tsx",
  integrations: "src/pages/integrations/IntegrationsPage.tsx",
  my_attendance: "src/pages/integrations/MyAttendancePage.tsx",
  forum_member: "src/pages/forum/ForumMemberPage.tsx",
  change_password: "src/pages/account/ChangePasswordScreen.tsx",
};

export interface InitialJs {
  /** KB of gzip JavaScript, to one decimal. */
  sign_in: number;
  /** The same for each route of ROUTES. */
  routes: Record<string, number>;
  /** The files of the sign-in page, for a message. */
  signInFiles: string[];
  /** The files of each route's first view. */
  routeFiles: Record<string, string[]>;
  /** Screens the portal loads lazily that ROUTES does not name (its chunks, as the manifest keys them). */
  unmeasured: string[];
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

/**
 * A route's chunk. The manifest keys a chunk by its module when that module is the chunk's only face; a
 * lazy screen whose chunk also holds code its own lazy panels share is keyed by file name instead, and
 * found by its name among the dynamic entries.
 */
function routeChunk(manifest: Manifest, module: string): string | undefined {
  if (manifest[module]) return module;
  const name = module.replace(/^.*\//, "").replace(/\.tsx?$/, "");
  const found = Object.keys(manifest).filter((key) => manifest[key]!.isDynamicEntry && manifest[key]!.name === name);
  return found.length === 1 ? found[0] : undefined;
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
  const routeFiles: Record<string, string[]> = {};
  for (const [name, module] of Object.entries(ROUTES)) {
    const chunk = routeChunk(manifest, module);
    if (!chunk) throw new Error(`The build's manifest has no route ${module} (${name}); update ROUTES`);
    const closure = staticClosure(manifest, chunk, new Set(signIn));
    routes[name] = gzipKb(closure);
    routeFiles[name] = [...closure].map((key) => manifest[key]!.file);
  }
  return { sign_in: gzipKb(signIn), routes, signInFiles: [...signIn].map((key) => manifest[key]!.file), routeFiles, unmeasured: unmeasured(manifest) };
}

/** What src/Portal.tsx loads lazily besides shared components: its screens, each of which ROUTES should name. */
function unmeasured(manifest: Manifest): string[] {
  const portal = Object.keys(manifest).find((key) => key === "src/Portal.tsx" || manifest[key]!.name === "Portal");
  if (!portal) throw new Error("The build's manifest has no chunk for src/Portal.tsx");
  const measured = new Set(Object.values(ROUTES).map((module) => routeChunk(manifest, module)));
  const screens = (manifest[portal]!.dynamicImports ?? []).filter((key) => !key.startsWith("src/components/"));
  return [...new Set(screens)].filter((key) => !measured.has(key));
}
