import Database from 'better-sqlite3'

/** Integers beyond 2^53 (span nanoseconds) print as strings rather than lose digits. */
const jsonSafe = (value: unknown) => {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()
  if (Buffer.isBuffer(value)) return value.toString('base64')
  return value
}

type Row = Record<string, unknown>

/**
 * Prepares one read-only statement against a workspace file (refusing anything that writes), its
 * rows read one by one as they are asked for: a result larger than memory can still be printed.
 */
export function openQuery(dbPath: string, sql: string): { rows: Iterable<Row>; close: () => void } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const statement = prepareOne(db, sql)
    if (!statement.readonly) throw new Error('only read-only statements are allowed; this one would change the workspace')
    // Rows print as JSON objects: of two columns of one name, one would be lost without a word.
    const names = statement.reader ? statement.columns().map((column) => column.name) : []
    const twice = names.find((name, index) => names.indexOf(name) !== index)
    if (twice !== undefined) throw new Error(`two columns are named ${JSON.stringify(twice)}: name them apart with AS, as each row prints as a JSON object`)
    const rows = statement.reader ? (statement.safeIntegers(true).iterate() as IterableIterator<Row>) : []
    const safe = function* () {
      for (const row of rows) yield Object.fromEntries(Object.entries(row).map(([key, value]) => [key, jsonSafe(value)]))
    }
    return { rows: safe(), close: () => db.close() }
  } catch (error) {
    db.close()
    throw error
  }
}

/** The statement of `sql`, said in the CLI's words when it holds more than one. */
function prepareOne(db: Database.Database, sql: string) {
  try {
    return db.prepare(sql)
  } catch (error) {
    if (error instanceof RangeError && /more than one statement/.test(error.message)) throw new Error('query takes one SQL statement; this text holds more (separated by ;)')
    throw error
  }
}

const CHUNK_CHARS = 64 * 1024

/** Writes `rows` as one JSON array (and a newline), in chunks, waiting whenever the reader is behind. */
export async function writeJsonArray(out: NodeJS.WritableStream, rows: Iterable<unknown>): Promise<void> {
  let chunk = '['
  let first = true
  for (const row of rows) {
    chunk += (first ? '' : ',') + JSON.stringify(row)
    first = false
    if (chunk.length < CHUNK_CHARS) continue
    const flowing = out.write(chunk)
    chunk = ''
    if (!flowing) await new Promise((resolve) => out.once('drain', resolve))
  }
  out.write(`${chunk}]\n`)
}
