// A TCP proxy in front of the test PostgreSQL, so a test can take the database away and bring it back on
// the same address, as a restart does: `down()` refuses new connections and cuts the open ones, `up()`
// listens again.
import { createServer, connect, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** host:port to connect to instead of the target. */
  address: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const listen = async () => {
    const listening = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      open.add(client).add(upstream);
      const cut = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on("error", cut).on("close", cut);
      upstream.on("error", cut).on("close", cut);
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", () => resolve());
    });
    port = (listening.address() as { port: number }).port;
    server = listening;
  };

  const down = async () => {
    const closing = server;
    server = null;
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  await listen();
  return {
    address: `127.0.0.1:${port}`,
    down,
    up: async () => {
      if (!server) await listen();
    },
    close: down,
  };
}
