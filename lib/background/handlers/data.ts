/** The data the user imported: the import lifecycle (begin, stage, commit, cancel), counts, export and clearing. */
import type { ImportRecord } from '../../store';
import { resetCursors } from '../connectors/config';
import type { HandlerGroup, ServiceContext } from '../service-context';

/** A staging import that has had no batch for this long is listed as unfinished (its page may have gone). */
const STAGING_QUIET_MS = 60_000;

export function dataHandlers(
  ctx: ServiceContext,
): HandlerGroup<
  'beginImport' | 'stageImportBatch' | 'endImportStaging' | 'commitImport' | 'cancelImport' | 'listUnfinishedImports' | 'discardImport' | 'getStats' | 'exportPage' | 'clearData'
> {
  const { store, now, emit } = ctx;
  return {
    async beginImport({ fileName, kind }) {
      const importId = crypto.randomUUID();
      const record: ImportRecord = {
        id: importId,
        fileName,
        kind,
        state: 'staging',
        startedAt: now(),
        touchedAt: now(),
        batches: 0,
        committedBatches: 0,
        imported: 0,
        rejected: 0,
      };
      await (await store()).beginImport(record);
      return { importId };
    },

    async stageImportBatch(batch) {
      await (await store()).stageBatch(batch);
    },

    async endImportStaging({ importId, imported, rejected }) {
      return (await store()).endImportStaging(importId, { imported, rejected });
    },

    async commitImport({ importId, imported, rejected }) {
      let changed: ReadonlySet<string> | undefined;
      const record = await (await store()).commitImport(
        importId,
        { imported, rejected },
        (done, total) => emit({ channel: 'nps-event', event: 'importProgress', importId, committedBatches: done, batches: total }),
        (accountIds) => (changed = accountIds),
      );
      // A small import names the accounts it changed: only theirs are summarised and ranked again.
      ctx.dataChanged(changed);
      return record;
    },

    async cancelImport({ importId }) {
      await (await store()).cancelImport(importId);
    },

    async listUnfinishedImports() {
      const quietSince = now() - STAGING_QUIET_MS;
      return (await (await store()).listImports()).filter(
        (record) => record.state === 'committing' || (record.state === 'staging' && record.touchedAt < quietSince),
      );
    },

    async discardImport({ importId }) {
      await (await store()).discardImport(importId);
    },

    getStats() {
      return ctx.counts();
    },

    // Export, in pages.
    async exportPage({ kind, after, limit }) {
      return (await store()).exportPage(kind, after, limit);
    },

    async clearData() {
      const s = await store();
      await s.clearAll();
      // The sync starts again from the beginning, or the cleared rows would never come back.
      await s.clearSourceCache();
      // So do the survey-tool connectors.
      await resetCursors();
      // Where the user used each CRM is stored data too: clearing forgets it (record links come back
      // once a CRM page is visited again).
      ctx.summaries.clear();
      await ctx.places.forget();
      ctx.dataChanged();
    },
  };
}
