import fs from 'node:fs';
import path from 'node:path';
import type { CslTeamRecord } from '../orgs/import';

/** The CSL sample shipped with the project (db/data/NOTICE-CSL.md says what it is and where it comes from). */
export const CSL_SAMPLE_PATH = path.join(process.cwd(), 'db', 'data', 'csl-teams-sample.jsonl');

/** Reads a teams.jsonl file (one CSL-format team per line; blank lines ignored). */
export function readTeamsJsonl(file: string): CslTeamRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as CslTeamRecord;
      } catch {
        throw new Error(`${file}:${i + 1}: not a JSON line`);
      }
    });
}

let sample: Map<string, CslTeamRecord> | undefined;
/** The sample by record id (t244, ...). */
export function cslSample(): Map<string, CslTeamRecord> {
  sample ??= new Map(readTeamsJsonl(CSL_SAMPLE_PATH).map((r) => [r.id, r]));
  return sample;
}
