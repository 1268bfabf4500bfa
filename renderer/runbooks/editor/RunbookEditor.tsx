import { useEffect, useRef, useState } from 'react'
import type { Runbook } from '../../../shared/runbooks/model'
import { useApi } from '../../api/ApiProvider'
import { errorMessage } from '../../api/errors'
import { useQuery } from '../../api/useQuery'
import { plural } from '../../format/numbers'
import { diagramEmbed } from '../preview/renderMarkdown'
import { RunbookPreview } from '../preview/RunbookPreview'
import { RevisionsPanel } from '../revisions/RevisionsPanel'
import { runbookTitle, stepRanges } from '../../../shared/runbooks/steps'
import { runbookFileText } from '../../../shared/runbooks/files'
import { droppedCitations } from './droppedCitations'
import { useLiveText } from '../../collab/useLiveText'
import { InsertDiagramMenu } from './InsertDiagramMenu'
import { NEW_RUNBOOK_MARKDOWN, parseTags } from './draft'
import { type DraftStore, useRunbookEditor } from './useRunbookEditor'
import { useSaveShortcut } from './useSaveShortcut'
import { useIsGuest } from '../../app/guest'
import { withModifier } from '../../app/typing'
import { fileNameFor } from '../../../shared/domain/file-name'
import { saveFile } from '../../export/saveFile'

interface RunbookEditorProps {
  selection: number | 'new'
  drafts: DraftStore
  onSaved: (runbook: Runbook) => void
  onOpenDiagram?: (diagramId: number) => void
  /** Told when the draft becomes unsaved or saved, or its title changes (the list shows both). */
  onDraftChange: () => void
  onDeleted: (id: number) => void
}

/** A runbook's markdown beside its live preview, with its owner and tags; saving keeps a revision. */
export function RunbookEditor({ selection, drafts, onSaved, onOpenDiagram, onDraftChange, onDeleted }: RunbookEditorProps) {
  const api = useApi()
  const guest = useIsGuest()
  const editor = useRunbookEditor(selection, drafts, onSaved)
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const [deleteError, setDeleteError] = useState<unknown>(null)
  const { saved, draft, setDraft, dirty, version } = editor
  const [showRevisions, setShowRevisions] = useState(false)
  const source = useRef<HTMLTextAreaElement>(null)
  // Typed live with a pair, the text is one shared text (its merging is the live document's):
  // a save keeps a revision of it, with no check against the other's saves.
  const save = () => void editor.save({ replacingTheirs: markdown.live })
  useSaveShortcut(save)
  // A new runbook starts from an outline: its title is selected, so typing names the runbook.
  const startedNew = useRef(false)
  useEffect(() => {
    const area = source.current
    if (startedNew.current || selection !== 'new' || !area || draft?.markdown !== NEW_RUNBOOK_MARKDOWN) return
    startedNew.current = true
    const title = NEW_RUNBOOK_MARKDOWN.indexOf('New runbook')
    area.focus()
    area.setSelectionRange(title, title + 'New runbook'.length)
  }, [selection, draft?.markdown])
  const draftTitle = draft ? runbookTitle(draft.markdown) : null
  useEffect(() => onDraftChange(), [dirty, draftTitle, onDraftChange])
  const backlinks = useQuery((api) => (saved ? api.call('runbooks.backlinks', { id: saved.id }) : Promise.resolve([])), [saved?.id, version])
  // With a pairing partner, both type into the same markdown; saving still keeps a revision.
  const markdown = useLiveText({
    docId: saved ? `runbook:${saved.id}` : null,
    area: source,
    text: draft?.markdown ?? '',
    baseline: saved?.markdown ?? '',
    onText: (text) => setDraft({ markdown: text }),
  })

  if (editor.loadError) return <div className="view-error" role="alert">Cannot open this runbook: {errorMessage(editor.loadError)}</div>
  if (!draft) return <div className="view-loading" aria-busy="true" />

  const insertAtCursor = (text: string) => {
    const area = source.current
    const at = area?.selectionStart ?? draft.markdown.length
    const before = draft.markdown.slice(0, at)
    const padded = `${before && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : ''}${text}\n\n`
    markdown.change(before + padded + draft.markdown.slice(at).replace(/^\n+/, ''))
    requestAnimationFrame(() => {
      area?.focus()
      area?.setSelectionRange(at + padded.length, at + padded.length)
    })
  }

  const citing = new Set((backlinks.data ?? []).map((link) => link.findingId)).size
  const remove = async (id: number) => {
    try {
      await api.call('runbooks.delete', { id })
      drafts.delete(id)
      onDeleted(id)
    } catch (error) {
      setDeleteError(error)
    }
  }

  const title = draftTitle ?? saved?.title ?? 'Untitled runbook'
  // As the text being edited has them, as the preview numbers them.
  const steps = stepRanges(draft.markdown).length
  const dropping = saved && dirty ? droppedCitations(draft.markdown, saved.steps, backlinks.data ?? []) : null
  return (
    <section className="rb-editor" aria-label={`Runbook ${title}`} data-testid="runbook-editor" data-runbook-id={saved?.id}>
      <header className="rb-editor-header">
        <div className="rb-editor-heading">
          <h1 className="rb-editor-title" data-testid="runbook-title" title={title}>
            {title}
          </h1>
          {dirty && (
            <span className="rb-unsaved" data-testid="runbook-unsaved" title={`Unsaved changes: ${withModifier('S')} saves them as a revision`}>
              {saved ? 'Unsaved' : 'Not saved yet'}
            </span>
          )}
          {editor.saving && <span className="spinner" role="status" aria-label="Saving" />}
          {markdown.live && (
            <span className="rb-live" data-testid="runbook-live" title="Your pair's typing shows here as they type, and yours there">
              Live with your pair
            </span>
          )}
        </div>
        <div className="rb-editor-actions">
          {!guest && <InsertDiagramMenu onPick={(diagram) => insertAtCursor(diagramEmbed(diagram.id, diagram.title))} />}
          {saved && (
            <button type="button" className="button" aria-pressed={showRevisions} data-testid="runbook-revisions-toggle" onClick={() => setShowRevisions((shown) => !shown)}>
              Revisions
            </button>
          )}
          <button
            type="button"
            className="button"
            data-testid="runbook-download"
            title="Save the text as shown to a markdown file (casefile runbook import takes it back)"
            onClick={() => saveFile(`${fileNameFor(title, 'runbook')}.md`, new Blob([runbookFileText(draft.markdown, draft.owner.trim(), parseTags(draft.tags))], { type: 'text/markdown' }))}
          >
            Download .md
          </button>
          {saved && !guest && (
            <button type="button" className="button" data-testid="runbook-delete" onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          )}
          <button type="button" className="button button-primary" data-testid="runbook-save" disabled={!dirty || editor.saving} title={`Save a revision (${withModifier('S')})`} onClick={save}>
            Save
          </button>
        </div>
      </header>
      {saved && confirmingDelete && (
        <div className="rb-message rb-message-error rb-confirm" role="alertdialog" aria-label="Delete this runbook" data-testid="runbook-delete-confirm">
          <span>
            Delete “{saved.title}” and all its revisions?
            {citing > 0 && ` ${plural(citing, 'finding')} citing its steps will lose the citation.`}
          </span>
          <button type="button" className="button" onClick={() => setConfirmingDelete(false)}>
            Keep it
          </button>
          <button type="button" className="button button-danger" data-testid="runbook-delete-yes" onClick={() => void remove(saved.id)}>
            Delete runbook
          </button>
        </div>
      )}
      {deleteError !== null && (
        <div className="rb-message rb-message-error" role="alert">
          Not deleted: {errorMessage(deleteError)}
        </div>
      )}
      <div className="rb-editor-meta">
        <label className="rb-field">
          <span>Owner</span>
          <input className="input" value={draft.owner} placeholder="team or person" maxLength={100} data-testid="runbook-owner" onChange={(event) => setDraft({ owner: event.target.value })} />
        </label>
        <label className="rb-field rb-field-wide">
          <span>Tags</span>
          <input className="input" value={draft.tags} placeholder="payments, checkout" data-testid="runbook-tags" onChange={(event) => setDraft({ tags: event.target.value })} />
        </label>
        <span className="rb-editor-facts" data-testid="runbook-step-count">
          {plural(steps, 'step')}
        </span>
      </div>
      {dropping !== null && (
        <div className="rb-message rb-message-error" role="status" data-testid="runbook-dropped-citations">
          {dropping}
        </div>
      )}
      {editor.theirs && (
        <div className="rb-message rb-message-error rb-confirm" role="alert" data-testid="runbook-conflict">
          <span>
            Saved elsewhere since you started editing{editor.theirs.title !== title ? ` (now “${editor.theirs.title}”)` : ''}. Save mine to replace that save (it stays in Revisions), or load
            theirs to drop your edits.
          </span>
          <button type="button" className="button" data-testid="runbook-take-theirs" onClick={editor.takeTheirs}>
            Load theirs
          </button>
          <button type="button" className="button button-primary" data-testid="runbook-replace-theirs" disabled={editor.saving} onClick={() => void editor.save({ replacingTheirs: true })}>
            Save mine
          </button>
        </div>
      )}
      {editor.saveError !== null && (
        <div className="rb-message rb-message-error" role="alert">
          Not saved: {errorMessage(editor.saveError)}
        </div>
      )}
      <div className="rb-editor-body">
        <div className="rb-source-pane">
          <div className="rb-pane-header">
            <span>Markdown</span>
            <span className="rb-pane-hint">Steps: ## sections, or 1. 2. 3. items</span>
          </div>
          <textarea
            ref={source}
            className="rb-source"
            aria-label="Runbook markdown"
            data-testid="runbook-source"
            spellCheck={false}
            value={draft.markdown}
            onChange={(event) => markdown.change(event.target.value)}
          />
        </div>
        {showRevisions && saved ? (
          <RevisionsPanel runbookId={saved.id} version={version} current={draft.markdown} dirty={dirty} onRestore={editor.restore} onClose={() => setShowRevisions(false)} />
        ) : (
          <div className="rb-preview-pane">
            <div className="rb-pane-header">
              <span>Preview</span>
            </div>
            <RunbookPreview markdown={draft.markdown} savedSteps={saved?.steps ?? []} backlinks={backlinks.data ?? []} onOpenDiagram={onOpenDiagram} />
          </div>
        )}
      </div>
    </section>
  )
}
