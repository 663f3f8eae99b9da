// The address a request came from, which sign-in limits and sessions go by. It is the connection's own
// address, unless that is a reverse proxy named in KINERJA_TRUSTED_PROXIES: then the proxies' X-Forwarded-For
// is read from the right, past the trusted proxies, to the first address none of them is. Anything a client
// writes in X-Forwarded-For itself is never believed, or one client could pose as many.
import { BlockList, isIP } from "node:net";
import type { IncomingMessage } from "node:http";

/** Addresses or CIDR ranges ("127.0.0.1", "10.0.0.0/8", "::1"), as KINERJA_TRUSTED_PROXIES lists them. */
export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/** "::ffff:10.1.2.3", as Node names an IPv4 client on a dual-stack socket, is 10.1.2.3. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function isTrusted(address: string, proxies: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? "ipv6" : "ipv4");
}

export function clientAddress(req: IncomingMessage, proxies: BlockList): string | null {
  const direct = req.socket.remoteAddress ? plain(req.socket.remoteAddress) : null;
  if (!direct || !isTrusted(direct, proxies)) return direct;
  const forwarded = (req.headers["x-forwarded-for"] ?? "")
    .toString()
    .split(",")
    .map((hop) => plain(hop.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = forwarded[i] as string;
    if (isIP(hop) === 0) return direct;
    if (!isTrusted(hop, proxies)) return hop;
  }
  return forwarded[0] ?? direct;
}
