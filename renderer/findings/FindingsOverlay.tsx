import { useCallback } from 'react'
import { FindingForm } from './FindingForm'
import { useFindingsUi, useFindingsUiStore } from './FindingsProvider'
import { useAddFindingKey } from './useAddFinding'

/** Over the panes: the add/edit form; listens for F. */
export function FindingsOverlay() {
  useAddFindingKey()
  const ui = useFindingsUiStore()
  const editor = useFindingsUi((state) => state.editor)
  const close = useCallback(() => ui.set({ editor: null }), [ui])
  return editor && <FindingForm key={editor.serial} editor={editor} onClose={close} />
}
