/** A file name (without extension) made from a title: words kept, anything a file system may refuse dropped. */
export function fileNameFor(title: string, fallback = 'incident'): string {
  const name = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 80)
    // Cut between words, the cut leaves no dash at the end.
    .replace(/-+$/, '')
  return name || fallback
}

/** A file as people call it: its name, without the folders of a path typed on the command line. */
export const fileLabel = (path: string): string => path.split(/[\\/]/).filter(Boolean).pop() ?? path
