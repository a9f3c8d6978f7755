/**
 * Corrections remembered per file shape: when a person maps a file's columns (or its kind, or the order
 * of its dates), the next file with the same header rows imports with the same choices, no step.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { IMPORT_KINDS, FIELDS_BY_KIND } from '../import/headers';

const FIELDS = [...new Set(Object.values(FIELDS_BY_KIND).flat())] as [string, ...string[]];

export const RememberedShapeSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  mapping: z.partialRecord(z.enum(FIELDS), z.union([z.number().int().min(0), z.null()])),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  savedAt: z.number(),
});
export type RememberedShape = z.infer<typeof RememberedShapeSchema>;
export const RememberedShapesSchema = z.record(z.string().max(20_000), RememberedShapeSchema);
export type RememberedShapes = z.infer<typeof RememberedShapesSchema>;

/** Shapes remembered at most; the oldest correction is forgotten first. */
export const MAX_REMEMBERED_SHAPES = 50;

export const importShapes = storage.defineItem<RememberedShapes>('local:import.shapes', { fallback: {}, version: 1 });

/** The remembered corrections, validated: a damaged entry is dropped, the others kept. */
export async function loadImportShapes(): Promise<RememberedShapes> {
  const raw = await importShapes.getValue();
  const shapes: RememberedShapes = {};
  if (raw && typeof raw === 'object') {
    for (const [signature, value] of Object.entries(raw)) {
      const parsed = RememberedShapeSchema.safeParse(value);
      if (parsed.success) shapes[signature] = parsed.data;
    }
  }
  return shapes;
}

/** Remembers the choices for files of this shape (replacing an earlier correction of it). */
export async function rememberImportShape(signature: string, shape: Omit<RememberedShape, 'savedAt'>, now = Date.now()): Promise<void> {
  const shapes = await loadImportShapes();
  shapes[signature] = { ...shape, savedAt: now };
  const kept = Object.entries(shapes).sort((a, b) => b[1].savedAt - a[1].savedAt).slice(0, MAX_REMEMBERED_SHAPES);
  await importShapes.setValue(Object.fromEntries(kept));
}

export async function forgetImportShape(signature: string): Promise<void> {
  const shapes = await loadImportShapes();
  delete shapes[signature];
  await importShapes.setValue(shapes);
}
