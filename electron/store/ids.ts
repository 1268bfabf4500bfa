import type Database from 'better-sqlite3'

// Ids never given twice (id_counters keeps the highest ever used of incidents, findings, diagrams
// and runbooks):
// SQLite alone would give a deleted row's id to the next row when it was the highest.

/** The highest id `table` has ever used (for tables without a counter, the highest it has). */
export function highestId(db: Database.Database, table: string, schema = 'main'): number {
  const current = db.prepare(`SELECT coalesce(max(id), 0) FROM ${schema}.${table}`).pluck().get() as number
  const counted = db.prepare(`SELECT last FROM ${schema}.id_counters WHERE name = ?`).pluck().get(table) as number | undefined
  return Math.max(current, counted ?? 0)
}

/** An id for a new row of `table`: after every id it has ever used. */
export const newId = (db: Database.Database, table: 'incidents' | 'findings' | 'diagrams' | 'runbooks'): number => highestId(db, table) + 1
