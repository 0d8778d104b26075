import { KubeConfig, RequestContext } from '@kubernetes/client-node';
import https from 'node:https';

/** The options of an https.Agent that decide which server it talks to and as whom. */
const IDENTITY = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'servername',
  'rejectUnauthorized',
] as const;

function sameValue(a: unknown, b: unknown): boolean {
  // client-node reads certificates afresh for every request: compare contents.
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return a === b;
}

function sameIdentity(a: https.AgentOptions, b: https.AgentOptions): boolean {
  return IDENTITY.every(k => sameValue(a[k], b[k]));
}

/**
 * A KubeConfig whose API calls share one keep-alive connection pool.
 * client-node (1.4) builds a new https.Agent for every request, so each call
 * paid a TLS handshake on both ends; here the agent it built is swapped for
 * a pooled one with the same TLS options (a new pool only when those change,
 * e.g. a rotated client certificate). Idle pooled sockets do not keep the
 * process alive.
 */
export class KeepAliveKubeConfig extends KubeConfig {
  private pooled?: { options: https.AgentOptions; agent: https.Agent };

  async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const built = context.getAgent();
    if (!(built instanceof https.Agent)) return; // proxies, plain http: as built
    const options = (built as https.Agent & { options: https.AgentOptions })
      .options;
    if (!this.pooled || !sameIdentity(this.pooled.options, options)) {
      this.pooled?.agent.destroy();
      this.pooled = {
        options,
        agent: new https.Agent({
          ...options,
          keepAlive: true,
          scheduling: 'lifo',
        }),
      };
    }
    context.setAgent(this.pooled.agent);
  }
}
