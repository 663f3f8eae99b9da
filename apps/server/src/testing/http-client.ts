// A browser-like client for tests over real HTTP: signs in through better-auth's endpoints, keeps the
// session cookie, sends the Origin header, and calls tRPC procedures and plain download routes.
export interface TrpcAnswer<T> {
  status: number;
  data?: T;
  code?: string;
  message?: string;
}

export interface HttpClientOptions {
  /** Sent with every request (e.g. the X-Forwarded-For a trusted proxy would add). */
  headers?: Record<string, string>;
  /** Every request is aborted after this long; none by default. */
  timeoutMs?: number;
}

export class HttpClient {
  private cookie = "";

  constructor(
    private readonly base: string,
    private readonly options: HttpClientOptions = {},
  ) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.options.headers ?? {})) headers.set(name, value);
    headers.set("origin", this.base);
    if (this.cookie) headers.set("cookie", this.cookie);
    const timeout = this.options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(this.options.timeoutMs) };
    return fetch(`${this.base}${path}`, { ...timeout, ...init, headers });
  }

  /** Signs in by e-mail, or by NIP (18 digits); returns the HTTP status. */
  async signIn(login: string, password: string): Promise<number> {
    const byNip = /^\d{18}$/.test(login);
    const response = await this.fetch(byNip ? "/api/auth/sign-in/username" : "/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(byNip ? { username: login, password } : { email: login, password }),
    });
    this.cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    return response.status;
  }

  async query<T>(procedure: string, input?: unknown): Promise<TrpcAnswer<T>> {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.answer<T>(await this.fetch(`/trpc/${procedure}${query}`));
  }

  async mutate<T>(procedure: string, input: unknown): Promise<TrpcAnswer<T>> {
    return this.answer<T>(
      await this.fetch(`/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) }),
    );
  }

  /** The data of a call that must succeed; throws with the server's message otherwise. */
  async ok<T>(answer: Promise<TrpcAnswer<T>>): Promise<T> {
    const { status, data, message } = await answer;
    if (status !== 200 || data === undefined) throw new Error(`HTTP ${status}: ${message ?? "tanpa pesan"}`);
    return data;
  }

  private async answer<T>(response: Response): Promise<TrpcAnswer<T>> {
    const body = (await response.json()) as { result?: { data: T }; error?: { message?: string; data?: { code?: string } } };
    return {
      status: response.status,
      ...(body.result ? { data: body.result.data } : {}),
      ...(body.error ? { code: body.error.data?.code, message: body.error.message } : {}),
    };
  }
}
