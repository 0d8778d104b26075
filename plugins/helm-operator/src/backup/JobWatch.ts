import { LoggerService } from '@backstage/backend-plugin-api';
import { V1Job } from '@kubernetes/client-node';
import { BackupJobs } from './BackupJobs';
import { jobFinished } from './jobRecords';

/** Waits between two checks of a background step; never keeps the process alive. */
export function pause(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms).unref());
}

/**
 * Follows a Job in the background until it has finished, then runs `then`
 * once (one follower per Job, even when asked twice). A Job that disappears
 * ends the follow. Errors are logged: nobody awaits a background step.
 */
export class JobWatch {
  private readonly following = new Set<string>();

  constructor(
    private readonly jobs: BackupJobs,
    private readonly logger: LoggerService,
    private readonly intervalMs = 1000,
  ) {}

  async untilFinished(
    job: V1Job,
    then: (finished: V1Job) => Promise<void>,
  ): Promise<void> {
    const namespace = job.metadata!.namespace!;
    const name = job.metadata!.name!;
    const key = `${namespace}/${name}`;
    if (this.following.has(key)) return;
    this.following.add(key);
    try {
      let current: V1Job | undefined = job;
      while (current && !jobFinished(current)) {
        await pause(this.intervalMs);
        current = await this.jobs.get(namespace, name);
      }
      if (current) await then(current);
    } catch (e) {
      this.logger.error(`following Job ${key}: ${(e as Error).message}`);
    } finally {
      this.following.delete(key);
    }
  }
}
