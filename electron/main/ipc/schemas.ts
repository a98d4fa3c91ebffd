import { z } from 'zod';
import type { IpcArg, IpcChannel } from '../../../shared/ipc/contract';

/**
 * Runtime validation for every channel's argument. The mapped type makes a missing channel
 * or a schema that disagrees with shared/ipc/contract.ts a compile error, so the contract
 * stays the single declaration.
 */
const fileFilter = z.object({
  name: z.string().max(200),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,16}$/)).max(20),
});

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[\\/\0]/.test(name), 'a file name, not a path');

const port = z.number().int().min(0).max(65_535);

export const ipcArgSchemas: { [C in IpcChannel]: z.ZodType<IpcArg<C>> } = {
  'app:version': z.undefined(),
  'shell:open-external': z.string().max(8_192),
  'file:save': z.object({
    defaultName: fileName,
    filters: z.array(fileFilter).max(20),
    content: z.union([z.string(), z.instanceof(Uint8Array)]),
  }),
  'file:open': z.array(fileFilter).max(20),
  'file:print-pdf': z.object({ defaultName: fileName }),
  'workshop:interfaces': z.undefined(),
  'workshop:start': z.object({ host: z.string().min(1).max(64), port }),
  'workshop:stop': z.undefined(),
};
