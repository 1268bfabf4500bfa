/** A file's content is not what its format requires. The importer prefixes the file name. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FormatError'
  }
}

/** A value as an error message quotes it: its JSON, cut short. */
export const preview = (value: unknown): string => {
  const text = JSON.stringify(value)
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text
}
