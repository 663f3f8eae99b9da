// Talking to better-auth as a browser would, through its real handler on a test database: one secret and
// origin for every test, a JSON POST, the session cookie a response sets, signing in by NIP or e-mail, and a
// tRPC caller carrying that cookie.
import { createAuth, type Auth } from "../auth.js";
import { appRouter } from "../root.js";
import { createCallerFactory, createContext } from "../trpc.js";
import { PASSWORD, type TestEnv } from "./env.js";

export const TEST_SECRET = "uji-rahasia-yang-cukup-panjang-32-karakter";
export const TEST_ORIGIN = "http://localhost:3000";

type HeaderMap = Record<string, string>;
const createCaller = createCallerFactory(appRouter);

export interface AuthClient {
  auth: Auth;
  /** A JSON POST to `/api/auth<path>` from the portal's origin. */
  post(path: string, body: unknown, headers?: HeaderMap): Promise<Response>;
  /** Signs in by NIP (`username`) or e-mail and answers the session cookie; any answer but 200 throws with its body. */
  signIn(login: { username?: string | null; email?: string }, password?: string, headers?: HeaderMap): Promise<string>;
  /** A caller of every procedure as the session in `cookie`. */
  callerFor(cookie: string): Promise<ReturnType<typeof createCaller>>;
}

export function authClient(env: TestEnv, options: { now?: () => Date } = {}): AuthClient {
  const { db } = env.database;
  const auth = createAuth({ db, dialect: env.dialect, secret: TEST_SECRET, baseURL: TEST_ORIGIN, ...options });
  const post = (path: string, body: unknown, headers: HeaderMap = {}) =>
    auth.handler(
      new Request(`${TEST_ORIGIN}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...headers },
        body: JSON.stringify(body),
      }),
    );
  return {
    auth,
    post,
    async signIn(login, password = PASSWORD, headers = {}) {
      const response = login.username
        ? await post("/sign-in/username", { username: login.username, password }, headers)
        : await post("/sign-in/email", { email: login.email, password }, headers);
      if (response.status !== 200) throw new Error(`sign-in ${JSON.stringify(login)}: HTTP ${response.status} ${await response.text()}`);
      return cookieOf(response);
    },
    async callerFor(cookie) {
      return createCaller(await createContext({ db, auth, headers: new Headers({ cookie }) }));
    },
  };
}

/** The cookies a response sets, as a `cookie` header sends them back. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
