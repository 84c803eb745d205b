import { describe, expect, it } from 'vitest';
import { forbiddenConnects, parseConnects } from '../support/strace-connects.js';

// Lines as strace -f prints them (taken from a real run under unshare -n, ports and fds kept).
const TRACE = [
  '101 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 18',
  '101 connect(18, {sa_family=AF_UNIX, sun_path="/tmp/tsx-0/17755.pipe"}, 110) = 0',
  '102 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 27',
  '102 connect(27, {sa_family=AF_INET, sin_port=htons(45299), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)',
  '103 socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_IP) = 24',
  '103 connect(24, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)',
  '104 connect(33, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16 <unfinished ...>',
  '104 <... connect resumed>) = -1 ENETUNREACH (Network is unreachable)',
  '105 connect(5, {sa_family=AF_INET, sin_port=htons(4173), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
  '106 socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 9',
  '106 connect(9, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
  '106 sendto(9, "x", 1, 0, NULL, 0) = 1',
  '107 socket(AF_INET6, SOCK_STREAM, IPPROTO_IP) = 4',
  '107 connect(4, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH',
  '108 connect(3, {sa_family=AF_UNSPEC, sa_data="\\0\\0\\0\\0"}, 16) = 0',
  // A probe whose fd is then reused by a socket that sends: the probe itself sent nothing.
  '109 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP <unfinished ...>',
  '110 sendto(13, "y", 1, MSG_NOSIGNAL, NULL, 0) = 1',
  '109 <... socket resumed>)             = 30',
  '109 connect(30, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>',
  '109 <... connect resumed>)            = -1 ENETUNREACH (Network is unreachable)',
  '109 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 30',
  '109 sendto(30, "z", 1, 0, NULL, 0) = 1',
  '--- SIGURG {si_signo=SIGURG, si_code=SI_TKILL, si_pid=27832, si_uid=0} ---',
].join('\n');

describe('the offline socket rule over strace output', () => {
  it('parses family, address, port, socket type and later sends', () => {
    const c = parseConnects(TRACE);
    expect(c.map((x) => [x.pid, x.family, x.address, x.port, x.type, x.sentAfter])).toEqual([
      [101, 'AF_UNIX', '/tmp/tsx-0/17755.pipe', null, 'stream', false],
      [102, 'AF_INET', '127.0.0.1', 45299, 'stream', false],
      [103, 'AF_INET6', '2001:4860:4860::8888', 443, 'dgram', false],
      [104, 'AF_INET', '10.255.255.53', 53, null, false],
      [105, 'AF_INET', '127.0.0.1', 4173, null, false],
      [106, 'AF_INET6', '2001:4860:4860::8888', 443, 'dgram', true],
      [107, 'AF_INET6', '2001:4860:4860::8888', 443, 'stream', false],
      [108, 'AF_UNSPEC', '', null, null, false],
      [109, 'AF_INET6', '2001:4860:4860::8888', 443, 'dgram', false],
    ]);
  });

  it('allows unix sockets, the app port on 127.0.0.1 and the silent IPv6 probe; nothing else', () => {
    expect(forbiddenConnects(parseConnects(TRACE), 45299).map((x) => x.pid)).toEqual([104, 105, 106, 107, 108]);
    expect(forbiddenConnects(parseConnects(TRACE), 4173).map((x) => x.pid)).toEqual([102, 104, 106, 107, 108]);
  });
});
