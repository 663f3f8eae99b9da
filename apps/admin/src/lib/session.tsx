// Who is signed in and which region the portal is working in. Operators choose a region (remembered);
// everyone else works in their own. Every regional procedure is called with `regionId` from here.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { PortalUser, Role } from "./auth";

export interface SessionState {
  user: PortalUser;
  /** The region in use, or null for an operator who has not chosen one yet. */
  regionId: string | null;
  setRegionId(regionId: string): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const REGION_KEY = "kinerja.region";

function storedRegion(): string | null {
  try {
    return globalThis.localStorage?.getItem(REGION_KEY) ?? null;
  } catch {
    return null;
  }
}

export function SessionProvider(props: { user: PortalUser; signOut(): Promise<void>; children: ReactNode }) {
  const { user } = props;
  const [chosen, setChosen] = useState<string | null>(() => (user.role === "operator" ? storedRegion() : null));
  const setRegionId = useCallback((regionId: string) => {
    setChosen(regionId);
    try {
      globalThis.localStorage?.setItem(REGION_KEY, regionId);
    } catch {
      // Storage refused: the choice lasts for this visit.
    }
  }, []);
  const value = useMemo<SessionState>(
    () => ({ user, regionId: user.role === "operator" ? chosen : user.regionId, setRegionId, signOut: props.signOut }),
    [user, chosen, setRegionId, props.signOut],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The region for regional procedures; pages that need one render only once it is known. */
export function useRegionId(): string {
  const { regionId } = useSession();
  if (!regionId) throw new Error("useRegionId before a region was chosen");
  return regionId;
}

export function hasRole(user: PortalUser, ...roles: Role[]): boolean {
  return roles.includes(user.role);
}

export const MANAGERS: Role[] = ["operator", "admin"];
