/**
 * An administrator's policy for the extension, as Chromium reads it on Linux: a JSON file in
 * `/etc/chromium/policies/managed/` whose `3rdparty.extensions.<id>` object becomes the extension's
 * `storage.managed`. Writing there needs root; where it cannot be written, `writeManagedPolicy` says so
 * and the test that needs it is skipped.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const POLICY_DIR = '/etc/chromium/policies/managed';

export function writeManagedPolicy(extensionId: string, policy: Record<string, unknown>): { remove: () => void } | { error: string } {
  const file = path.join(POLICY_DIR, `nps-context-e2e-${process.pid}.json`);
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
  } catch (error) {
    return { error: `cannot write a Chromium policy in ${POLICY_DIR}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { remove: () => rmSync(file, { force: true }) };
}
