/**
 * The sockets an app run opened, from `strace -f -e trace=socket,connect,sendto,sendmsg,sendmmsg` output, and the
 * offline rule they must keep (test/e2e/offline.e2e.ts). What is allowed, exactly:
 * - AF_UNIX: anything (local IPC: npm, Node, Chromium's processes, D-Bus);
 * - AF_INET to 127.0.0.1:<the app's port>: the browser and the start-up poll talking to the app's own server;
 * - Chromium's IPv6 reachability probe: connect() of a datagram socket to 2001:4860:4860::8888 port 443 on which
 *   nothing is sent (a UDP connect only picks a route; no packet leaves; the test also checks no send on it).
 * Everything else fails: any other address or port (DNS on port 53 included), AF_INET6 otherwise, AF_UNSPEC,
 * AF_NETLINK, AF_PACKET.
 */

export interface SocketConnect {
  readonly pid: number;
  readonly fd: number;
  readonly family: string;
  /** The IP (v4 or v6) or the unix path ('' when none is shown). */
  readonly address: string;
  readonly port: number | null;
  /** From the socket() call that returned this fd in the same thread: 'stream', 'dgram', other, or null when not seen. */
  readonly type: string | null;
  /** Data was sent on this (pid, fd) after the connect. */
  readonly sentAfter: boolean;
  readonly line: string;
}

/** The IPv6 address Chromium connects a UDP socket to, to learn whether IPv6 is globally reachable. */
export const IPV6_PROBE = '2001:4860:4860::8888';

/**
 * Every connect() in the trace, with its socket type and whether anything was sent on it afterwards (until the fd
 * is reused by a new socket). Calls strace splits (`<unfinished ...>`, `<... socket resumed>`) are joined.
 */
export function parseConnects(trace: string): SocketConnect[] {
  const types = new Map<string, string>();
  const pendingSocket = new Map<string, string>();
  const current = new Map<string, { sentAfter: boolean }>();
  const out: { c: Omit<SocketConnect, 'sentAfter'>; state: { sentAfter: boolean } }[] = [];
  const opened = (key: string, type: string) => {
    types.set(key, type);
    current.delete(key);
  };
  for (const line of trace.split('\n')) {
    const sock = /^(\d+) +socket\((\w+), (SOCK_\w+)[^)]*?(?:\) += (\d+)| <unfinished \.\.\.>)/.exec(line);
    if (sock) {
      const type = sock[3]!.replace('SOCK_', '').toLowerCase();
      if (sock[4] !== undefined) opened(`${sock[1]}:${sock[4]}`, type);
      else pendingSocket.set(sock[1]!, type);
      continue;
    }
    const resumed = /^(\d+) +<\.\.\. socket resumed>\)\s*= (\d+)/.exec(line);
    if (resumed) {
      const type = pendingSocket.get(resumed[1]!);
      pendingSocket.delete(resumed[1]!);
      if (type) opened(`${resumed[1]}:${resumed[2]}`, type);
      continue;
    }
    const send = /^(\d+) +(?:sendto|sendmsg|sendmmsg)\((\d+),/.exec(line);
    if (send) {
      const st = current.get(`${send[1]}:${send[2]}`);
      if (st) st.sentAfter = true;
      continue;
    }
    const m = /^(\d+) +connect\((\d+), \{sa_family=(\w+)(.*?)\}/.exec(line);
    if (!m) continue;
    const rest = m[4] ?? '';
    const port = /sin6?_port=htons\((\d+)\)/.exec(rest);
    const address = /inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"|sun_path=@?"([^"]*)"/.exec(rest);
    const key = `${m[1]}:${m[2]}`;
    const state = { sentAfter: false };
    current.set(key, state);
    out.push({
      state,
      c: {
        pid: Number(m[1]),
        fd: Number(m[2]),
        family: m[3]!,
        address: address?.[1] ?? address?.[2] ?? address?.[3] ?? '',
        port: port ? Number(port[1]) : null,
        type: types.get(key) ?? null,
        line: line.trim(),
      },
    });
  }
  return out.map(({ c, state }) => ({ ...c, sentAfter: state.sentAfter }));
}

/** Whether one connect keeps the offline rule (see the module comment) for an app served on `appPort`. */
export function isAllowedConnect(c: SocketConnect, appPort: number): boolean {
  if (c.family === 'AF_UNIX') return true;
  if (c.family === 'AF_INET') return c.address === '127.0.0.1' && c.port === appPort;
  if (c.family === 'AF_INET6') return c.address === IPV6_PROBE && c.type === 'dgram' && !c.sentAfter;
  return false;
}

/** The connects that break the rule. */
export function forbiddenConnects(connects: readonly SocketConnect[], appPort: number): SocketConnect[] {
  return connects.filter((c) => !isAllowedConnect(c, appPort));
}
