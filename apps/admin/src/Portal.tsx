// The signed-in portal: a temporary password first, then the frame and the screens the user's role may use.
// Loaded after sign-in, so the sign-in page does not carry the portal's script.
import { lazy, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { AppLayout } from "./components/AppLayout";
import { Loading } from "./components/States";
import type { PortalUser, Role } from "./lib/auth";
import { SessionProvider, useSession } from "./lib/session";
import { DataProviders } from "./Providers";

const ChangePasswordScreen = lazy(() => import("./pages/account/ChangePasswordScreen"));
const ChooseRegionPage = lazy(() => import("./pages/ChooseRegionPage"));
const DashboardPage = lazy(() => import("./pages/DashboardPage"));
const RulesPage = lazy(() => import("./pages/rules/RulesPage"));
const OrganisationPage = lazy(() => import("./pages/organisation/OrganisationPage"));
const CyclesPage = lazy(() => import("./pages/cycles/CyclesPage"));
const CyclePage = lazy(() => import("./pages/cycles/CyclePage"));
const ResultPage = lazy(() => import("./pages/cycles/ResultPage"));
const AuditPage = lazy(() => import("./pages/AuditPage"));
const MyResultPage = lazy(() => import("./pages/me/MyResultPage"));
const MyAssessmentsPage = lazy(() => import("./pages/me/MyAssessmentsPage"));
const MyPlanPage = lazy(() => import("./pages/plan/MyPlanPage"));
const TeamPage = lazy(() => import("./pages/plan/TeamPage"));
const AppealsPage = lazy(() => import("./pages/appeals/AppealsPage"));
const AccountsPage = lazy(() => import("./pages/accounts/AccountsPage"));
const RegionsPage = lazy(() => import("./pages/regions/RegionsPage"));
const BaselinesPage = lazy(() => import("./pages/baselines/BaselinesPage"));
const DialoguesPage = lazy(() => import("./pages/dialogues/DialoguesPage"));
const FeedbackInboxPage = lazy(() => import("./pages/feedback/FeedbackInboxPage"));
const MyAccountPage = lazy(() => import("./pages/account/MyAccountPage"));
const GuidedStartPage = lazy(() => import("./pages/start/GuidedStartPage"));
const SettingsPage = lazy(() => import("./pages/settings/SettingsPage"));
const PublicApiPage = lazy(() => import("./pages/public-api/PublicApiPage"));
const IntegrationsPage = lazy(() => import("./pages/integrations/IntegrationsPage"));
const MyAttendancePage = lazy(() => import("./pages/integrations/MyAttendancePage"));
const ForumMemberPage = lazy(() => import("./pages/forum/ForumMemberPage"));

function toPortalUser(user: Record<string, unknown>): PortalUser {
  return {
    id: String(user.id),
    name: String(user.name ?? ""),
    email: String(user.email ?? ""),
    username: typeof user.username === "string" ? user.username : null,
    role: user.role as Role,
    regionId: typeof user.regionId === "string" ? user.regionId : null,
  };
}

/** Where each role starts. */
export function homeOf(role: Role): string {
  if (role === "assessor") return "/assessments";
  if (role === "employee") return "/me";
  return "/";
}

function PortalRoutes() {
  const { user, regionId } = useSession();
  const manager = user.role === "operator" || user.role === "admin";
  if (!regionId) {
    return (
      <Suspense fallback={<Loading rows={6} />}>
        <ChooseRegionPage />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Loading rows={6} />}>
      <Routes key={regionId}>
        {manager && <Route path="/" element={<DashboardPage />} />}
        {manager && <Route path="/mulai" element={<GuidedStartPage />} />}
        {manager && <Route path="/rules" element={<RulesPage />} />}
        {manager && <Route path="/organisation" element={<OrganisationPage />} />}
        {manager && <Route path="/audit" element={<AuditPage />} />}
        {manager && <Route path="/accounts" element={<AccountsPage />} />}
        {manager && <Route path="/settings" element={<SettingsPage />} />}
        {manager && <Route path="/api-webhook" element={<PublicApiPage />} />}
        {manager && <Route path="/integrations" element={<IntegrationsPage />} />}
        {user.role === "operator" && <Route path="/regions" element={<RegionsPage />} />}
        {user.role === "operator" && <Route path="/baselines" element={<BaselinesPage />} />}
        <Route path="/dialogues" element={<DialoguesPage />} />
        {(user.role === "assessor" || user.role === "employee") && <Route path="/feedback" element={<FeedbackInboxPage />} />}
        {user.role !== "employee" && <Route path="/cycles" element={<CyclesPage />} />}
        {user.role !== "employee" && <Route path="/cycles/:cycleId" element={<CyclePage />} />}
        <Route path="/cycles/:cycleId/employees/:employeeId" element={<ResultPage />} />
        {(user.role === "assessor" || user.role === "employee") && <Route path="/assessments" element={<MyAssessmentsPage />} />}
        {(user.role === "employee" || user.role === "assessor") && <Route path="/me" element={<MyResultPage />} />}
        {(user.role === "employee" || user.role === "assessor") && <Route path="/plan" element={<MyPlanPage />} />}
        {(user.role === "employee" || user.role === "assessor") && <Route path="/attendance" element={<MyAttendancePage />} />}
        {(user.role === "employee" || user.role === "assessor") && <Route path="/forum" element={<ForumMemberPage />} />}
        {user.role !== "employee" && <Route path="/team" element={<TeamPage />} />}
        {user.role !== "employee" && <Route path="/appeals" element={<AppealsPage />} />}
        <Route path="/account" element={<MyAccountPage />} />
        <Route path="*" element={<Navigate to={homeOf(user.role)} replace />} />
      </Routes>
    </Suspense>
  );
}

export default function Portal(props: { user: Record<string, unknown>; signOut(): Promise<void>; onPasswordChanged(): void }) {
  const user = toPortalUser(props.user);
  return (
    <BrowserRouter>
      <DataProviders key={user.id}>
        {props.user.mustChangePassword ? (
          // A temporary password from an admin: the API answers nothing else until it is changed.
          <Suspense fallback={<Loading rows={4} />}>
            <ChangePasswordScreen name={user.name} onChanged={props.onPasswordChanged} onSignOut={() => void props.signOut()} />
          </Suspense>
        ) : (
          <SessionProvider user={user} signOut={props.signOut}>
            <AppLayout>
              <PortalRoutes />
            </AppLayout>
          </SessionProvider>
        )}
      </DataProviders>
    </BrowserRouter>
  );
}
