// Runs anywhere Node runs: the server (scripts/server.mjs) reads it before Next
// sees a request. Which address a request comes from: the TCP peer, unless the
// peer is a proxy named in TRUSTED_PROXIES, in which case the address that
// proxy appended to X-Forwarded-For (and so on, right to left, through every
// trusted hop). A client can neither hide behind nor aim at another address
// by sending the header itself.
import { BlockList, isIP } from "node:net";

/** "::ffff:127.0.0.1" → "127.0.0.1": one spelling per IPv4 address. */
export function plainAddress(address) {
  const trimmed = String(address ?? "").trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

/**
 * The trusted proxies from TRUSTED_PROXIES: addresses or CIDR ranges, comma-separated
 * ("127.0.0.1, 10.0.0.0/8, ::1"); empty or unset trusts none.
 * @param {string | undefined} setting
 * @returns {BlockList}
 */
export function trustedProxies(setting) {
  const list = new BlockList();
  for (const entry of (setting ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const plain = plainAddress(address);
    const family = isIP(plain);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1 or 10.0.0.0/8)`);
    }
    list.addSubnet(plain, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

function isTrusted(list, address) {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address.
 * @param {string | undefined} peer the socket's remote address
 * @param {string | string[] | undefined} forwardedFor the X-Forwarded-For header(s), if any
 * @param {BlockList} trusted
 */
export function clientAddress(peer, forwardedFor, trusted) {
  let client = plainAddress(peer) || "unknown";
  if (!isTrusted(trusted, client)) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(plainAddress).filter(Boolean);
  while (hops.length > 0) {
    const next = hops.pop();
    if (!isIP(next)) return client;
    client = next;
    if (!isTrusted(trusted, client)) return client;
  }
  return client;
}
