// The editor's keyboard shortcuts. Ctrl on Linux and Windows, ⌘ on macOS.

export type EditorCommand = 'undo' | 'redo' | 'save' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'selectAll' | 'delete'

export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
  /** The key was pressed while typing in a field. */
  inField: boolean
}

export function editorCommand(press: KeyPress): EditorCommand | null {
  const mod = press.ctrlKey || press.metaKey
  const key = press.key.toLowerCase()
  if (mod && !press.altKey && key === 's') return 'save'
  // Everything else belongs to the field while one is being typed in.
  if (press.inField || press.altKey) return null
  if (mod && key === 'z') return press.shiftKey ? 'redo' : 'undo'
  if (mod && key === 'y') return 'redo'
  if (mod && key === 'c') return 'copy'
  if (mod && key === 'x') return 'cut'
  if (mod && key === 'v') return 'paste'
  if (mod && key === 'd') return 'duplicate'
  if (mod && key === 'a') return 'selectAll'
  if (!mod && (press.key === 'Delete' || press.key === 'Backspace')) return 'delete'
  return null
}
