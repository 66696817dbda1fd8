/**
 * Many ids as ONE parameter: a PostgreSQL array literal for `= any($1::uuid[])`. drizzle's inArray binds one
 * parameter per id, and building those statements for hundreds of ids per ranking cost more than the
 * ranking itself (measured). Only for uuids, which contain no character an array literal would need quoted.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}
