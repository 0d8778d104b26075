import fs from 'node:fs';
import https from 'node:https';
import { required } from './benchEnv';

/** Sum of apiserver_request_total over every label set, from the API server's /metrics. */
export async function apiserverRequests(): Promise<number> {
  const text = await new Promise<string>((resolve, reject) => {
    const req = https.get(
      `${required('WOOW_KUBE_API')}/metrics`,
      {
        headers: { Authorization: `Bearer ${required('WOOW_KUBE_TOKEN')}` },
        ca: fs.readFileSync(required('WOOW_KUBE_CA_FILE')),
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
  });
  return text
    .split('\n')
    .filter(line => line.startsWith('apiserver_request_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
