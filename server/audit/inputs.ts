import { z } from 'zod';

/** Query-string friendly: an empty field means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'v.date');

export const auditListInput = z.object({
  action: optional(z.string().trim().max(100)),
  entityType: optional(z.string().trim().max(50)),
  entityId: optional(z.string().trim().max(100)),
  /** Part of the acting user's name or email. */
  actor: optional(z.string().trim().max(100)),
  /** Part of the organisation's name (the record's or the actor's); useful to the bureau. */
  org: optional(z.string().trim().max(100)),
  /** Calendar days in China time (Asia/Shanghai), both inclusive. */
  from: optional(day),
  to: optional(day),
  /** Opaque position from the previous page's `nextCursor`. */
  cursor: optional(z.string().regex(/^\d{1,15}:\d{1,18}$/)),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AuditListInput = z.infer<typeof auditListInput>;
