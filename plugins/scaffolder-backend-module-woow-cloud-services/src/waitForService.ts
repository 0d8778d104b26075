import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, isError } from '@backstage/errors';
import {
  TRANSITIONAL_STATES,
  type CloudService,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { CloudServicesUserApi } from './CloudServicesUserClient';

export const DEFAULT_TIMEOUT_SECONDS = 900;
const POLL_INTERVAL_MS = 3_000;

export interface WaitOptions {
  api: CloudServicesUserApi;
  workspaceId: string;
  serviceId: string;
  logger: LoggerService;
  timeoutSeconds?: number;
  signal?: AbortSignal;
  /** For tests. */
  pollIntervalMs?: number;
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('The task was cancelled'));
      },
      { once: true },
    );
  });
}

/**
 * Follows one service until its reconciler settles it. A single GET every
 * few seconds: the backend owns the watch on the cluster, and a task
 * should end with the outcome the user asked about, not with "deploying".
 * Returns the settled service, or undefined when `untilGone` and it is gone.
 */
export async function waitForService(
  options: WaitOptions & { untilGone?: boolean },
): Promise<CloudService | undefined> {
  const { api, workspaceId, serviceId, logger, signal } = options;
  const deadline =
    Date.now() + (options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  let lastReport = '';
  for (;;) {
    let service: CloudService;
    try {
      service = await api.getService(workspaceId, serviceId);
    } catch (error) {
      if (
        options.untilGone &&
        isError(error) &&
        error.name === NotFoundError.name
      ) {
        return undefined;
      }
      throw error;
    }
    const report = `${service.state}${
      service.statusDetail ? `: ${service.statusDetail}` : ''
    }`;
    if (report !== lastReport) {
      logger.info(`Service ${service.name} is ${report}`);
      lastReport = report;
    }
    if (!TRANSITIONAL_STATES.has(service.state)) {
      if (service.state === 'error') {
        throw new Error(
          `Service ${service.name} failed: ${
            service.errorMessage ?? 'no reason given'
          }`,
        );
      }
      if (!options.untilGone) return service;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Service ${service.name} is still ${service.state} after ${
          options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS
        } s; it goes on in the background, see its page for the outcome`,
      );
    }
    await sleep(options.pollIntervalMs ?? POLL_INTERVAL_MS, signal);
  }
}
