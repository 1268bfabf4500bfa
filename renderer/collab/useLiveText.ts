import { type RefObject, useEffect, useRef, useState } from 'react'
import type { CollabDocId } from '../../shared/collab/model'
import { LiveText } from '../../shared/collab/liveText'
import { shiftIndex } from '../../shared/collab/textEdit'
import { useApi } from '../api/ApiProvider'
import { useSharedEditing } from './useSharedEditing'

interface LiveTextOptions {
  /** The document the text is (null for one not saved yet); edited live while this window pairs. */
  docId: CollabDocId | null
  /** The textarea showing the text, whose caret is kept on the same words when others type. */
  area: RefObject<HTMLTextAreaElement | null>
  /** The text as this window has it now. */
  text: string
  /** The text this window started from; a text that differs from it was typed here and is merged in. */
  baseline: string
  /** Takes a new text (someone else's edit, or the shared text on arrival). */
  onText(text: string): void
}

/**
 * A textarea's text edited live with others: while this window is in a pairing session (see
 * useSharedEditing) and `docId` is set, what is typed here goes into
 * the shared document and what others type comes back through `onText`, the caret staying put.
 * Returns the textarea's change handler, whether the text is live yet, whether this window typed
 * into it live, and the way to take that typing back (leaving the others').
 */
export function useLiveText({ docId: savedDocId, area, text, baseline, onText }: LiveTextOptions) {
  const api = useApi()
  const docId = useSharedEditing() ? savedDocId : null
  const [live, setLive] = useState<LiveText | null>(null)
  const latest = useRef({ text, baseline, onText })
  latest.current = { text, baseline, onText }

  useEffect(() => {
    if (!docId) return
    const shared = new LiveText(api, docId)
    const stop = shared.onRemoteChange(({ text: next, delta }) => {
      // Into the textarea at once, not on React's next render: the next key typed here must land
      // in the text that already holds the others' edit, or its change would undo theirs.
      const field = area.current
      if (field) {
        const focused = document.activeElement === field
        const [start, end] = [shiftIndex(delta, field.selectionStart), shiftIndex(delta, field.selectionEnd)]
        field.value = next
        if (focused) field.setSelectionRange(start, end)
      }
      latest.current.onText(next)
    })
    let open = true
    shared.ready.then(
      (arrived) => {
        if (!open) return
        const { text: mine, baseline: from } = latest.current
        // Unsaved typing of this window's goes in as an edit; otherwise the shared text is the one.
        if (mine !== arrived && mine !== from) shared.edit(mine)
        else latest.current.onText(arrived)
        setLive(shared)
      },
      () => {},
    )
    return () => {
      open = false
      stop()
      shared.close()
      setLive(null)
    }
  }, [api, docId, area])

  const change = (next: string) => {
    live?.edit(next)
    onText(next)
  }
  return { change, live: live !== null, editedHere: live?.editedHere ?? false, revertOwnEdits: () => live?.revertOwnEdits() }
}
