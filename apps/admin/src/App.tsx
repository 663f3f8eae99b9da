// Signed out: the sign-in page, or at /aktivasi the activation of an account made in bulk, or at /lupa-sandi
// and /atur-ulang-sandi a forgotten password (each loaded only there). Signed in: the portal (Portal.tsx), loaded only then.
import { lazy, Suspense, useCallback } from "react";
import { FullPageLoader } from "./components/FullPageLoader";
import { ACTIVATION_PATH, authClient, FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH } from "./lib/auth";
import { SignInPage } from "./pages/SignInPage";

const Portal = lazy(() => import("./Portal"));
const ActivationPage = lazy(() => import("./pages/ActivationPage"));
const PasswordResetPage = lazy(() => import("./pages/PasswordResetPage"));

export function App() {
  const session = authClient.useSession();
  // Signing out unmounts the portal and its query cache with it.
  const signOut = useCallback(async () => {
    await authClient.signOut();
    await session.refetch();
  }, [session]);

  if (session.isPending && !session.data) return <FullPageLoader />;
  if (!session.data && window.location.pathname === ACTIVATION_PATH) {
    return (
      <Suspense fallback={<FullPageLoader />}>
        <ActivationPage
          onActivated={() => {
            window.history.replaceState(null, "", "/");
            void session.refetch();
          }}
        />
      </Suspense>
    );
  }
  if (!session.data && [FORGOT_PASSWORD_PATH, RESET_PASSWORD_PATH].includes(window.location.pathname)) {
    return (
      <Suspense fallback={<FullPageLoader />}>
        <PasswordResetPage />
      </Suspense>
    );
  }
  if (!session.data) return <SignInPage onSignedIn={() => session.refetch()} />;
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Portal user={session.data.user as unknown as Record<string, unknown>} signOut={signOut} onPasswordChanged={() => void session.refetch()} />
    </Suspense>
  );
}
