import type express from 'express';
import type { z } from 'zod';

/** Sends a body after checking it against its wire schema: a non-conforming response is a bug, not output. */
export function send<S extends z.ZodType>(
  res: express.Response,
  status: number,
  schema: S,
  body: z.input<S>,
) {
  res.status(status).json(schema.parse(body));
}
