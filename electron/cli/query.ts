import Database from 'better-sqlite3'

/** Integers beyond 2^53 (span nanoseconds) print as strings rather than lose digits. */
const jsonSafe = (value: unknown) => {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()
  if (Buffer.isBuffer(value)) return value.toString('base64')
  return value
}

/** Runs one read-only statement against a workspace file; refuses anything that writes. */
export function queryWorkspace(dbPath: string, sql: string): Array<Record<string, unknown>> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const statement = db.prepare(sql)
    if (!statement.readonly) throw new Error('only read-only statements are allowed; this one would change the workspace')
    if (!statement.reader) return []
    const rows = statement.safeIntegers(true).all() as Array<Record<string, unknown>>
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, jsonSafe(value)])))
  } finally {
    db.close()
  }
}
