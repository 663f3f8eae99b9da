// Signed out: the sign-in page. Signed in: the portal (Portal.tsx), loaded only then.
import { lazy, Suspense, useCallback } from "react";
import { FullPageLoader } from "./components/FullPageLoader";
import { authClient } from "./lib/auth";
import { SignInPage } from "./pages/SignInPage";

const Portal = lazy(() => import("./Portal"));

export function App() {
  const session = authClient.useSession();
  // Signing out unmounts the portal and its query cache with it.
  const signOut = useCallback(async () => {
    await authClient.signOut();
    await session.refetch();
  }, [session]);

  if (session.isPending && !session.data) return <FullPageLoader />;
  if (!session.data) return <SignInPage onSignedIn={() => session.refetch()} />;
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Portal user={session.data.user as unknown as Record<string, unknown>} signOut={signOut} onPasswordChanged={() => void session.refetch()} />
    </Suspense>
  );
}
