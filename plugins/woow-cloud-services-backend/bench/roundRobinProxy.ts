import net from 'node:net';

/**
 * A round-robin TCP proxy on 127.0.0.1 in front of `upstreams` (ports on
 * 127.0.0.1), as a Kubernetes Service spreads connections over its pods: each
 * new connection goes to the next upstream; one that refuses the connection
 * (a dead replica) is skipped for the next, until every one has refused.
 * A connection whose upstream dies is closed, so the client reconnects
 * (to a live one).
 */
export async function startRoundRobinProxy(upstreams: number[]) {
  let next = 0;
  // Each connection tries every upstream once, from its own starting point:
  // with a shared cursor, concurrent connections could each be sent to the
  // same dead upstream twice and dropped (a 503 in the replicated run).
  const connect = (client: net.Socket, start: number, tried: number) => {
    if (tried >= upstreams.length) {
      client.destroy();
      return;
    }
    const port = upstreams[(start + tried) % upstreams.length];
    const upstream = net.connect({ host: '127.0.0.1', port });
    // Refused before connecting: the next upstream gets the connection.
    const refused = () => connect(client, start, tried + 1);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, client => {
    const start = next;
    next = (next + 1) % upstreams.length;
    connect(client, start, 0);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
