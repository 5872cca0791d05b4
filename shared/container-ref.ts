import { z } from 'zod';

/**
 * A container ID (full or short) or name, as the engine accepts them. Its own module so that every
 * contract file can import it (contract.ts imports the others, so they cannot import it from there).
 */
export const containerRefSchema = z
  .string()
  .min(1, 'A container ID or name is required')
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a container ID or name');
