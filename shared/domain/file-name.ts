/** A file name (without extension) made from a title: words kept, anything a file system may refuse dropped. */
export function fileNameFor(title: string, fallback = 'incident'): string {
  const name = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 80)
  return name || fallback
}
