import { describe, expect, it } from 'vitest'
import { editorCommand, type KeyPress } from './shortcuts'

const press = (key: string, fields: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, inField: false, ...fields })

describe('editor shortcuts', () => {
  it('undoes with Ctrl+Z, redoes with Ctrl+Shift+Z or Ctrl+Y (⌘ alike)', () => {
    expect(editorCommand(press('z', { ctrlKey: true }))).toBe('undo')
    expect(editorCommand(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(editorCommand(press('y', { metaKey: true }))).toBe('redo')
  })

  it('saves with Ctrl+S even while typing a label; leaves other keys to the field', () => {
    expect(editorCommand(press('s', { ctrlKey: true, inField: true }))).toBe('save')
    expect(editorCommand(press('z', { ctrlKey: true, inField: true }))).toBeNull()
    expect(editorCommand(press('Backspace', { inField: true }))).toBeNull()
  })

  it('copies, pastes and deletes the selection', () => {
    expect(editorCommand(press('c', { ctrlKey: true }))).toBe('copy')
    expect(editorCommand(press('v', { metaKey: true }))).toBe('paste')
    expect(editorCommand(press('Delete'))).toBe('delete')
    expect(editorCommand(press('Backspace'))).toBe('delete')
    expect(editorCommand(press('x'))).toBeNull()
  })
})
