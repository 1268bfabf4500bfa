import '../styles/palette.css'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { focusWhenReady } from '../app/focusWhenReady'
import { useModal } from '../app/useModal'
import { traceOpening } from '../traces/logic/opening'
import type { Incident } from '../../shared/domain/model'
import type { SearchHit } from '../../shared/runbooks/model'
import { useApi } from '../api/ApiProvider'
import { errorMessage } from '../api/errors'
import { useQuery } from '../api/useQuery'
import { useOpenIncident } from '../app/IncidentOpener'
import { destinationOf } from '../findings/place'
import { plural } from '../format/numbers'
import type { OpenRunbook } from '../runbooks/RunbookOpener'
import { bestMatches, stepMatching } from './matching'

interface PaletteItem {
  key: string
  group: string
  title: string
  detail?: string
  /** Search snippet: HTML-escaped text with the matched terms in <mark> (made so by the host). */
  snippet?: string
  run: () => void | Promise<void>
}

interface CommandPaletteProps {
  incidents: readonly Incident[]
  /** The open incident, whose traces the palette offers. */
  incidentId: number | null
  /** Opens a runbook, at the step given (its preview scrolled there and the step focused); absent, runbooks are not offered. */
  onOpenRunbook?: OpenRunbook
  onClose: () => void
}

const PER_GROUP = 6
const MIN_SEARCH = 2

/** Ctrl/⌘+K: incidents, traces and diagrams by name, and runbooks and findings by full-text search, as you type. */
export function CommandPalette({ incidents, incidentId, onOpenRunbook, onClose }: CommandPaletteProps) {
  const api = useApi()
  const openIncident = useOpenIncident()
  const [text, setText] = useState('')
  const query = useDeferredValue(text.trim())
  const [active, setActive] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLDivElement>(null)
  /** A trace chosen: the focus goes to its spans, not back to where it was. */
  const handedOff = useRef(false)

  const traces = useQuery((client) => (incidentId === null ? Promise.resolve([]) : client.call('traces.list', { incidentId })), [incidentId])
  const diagrams = useQuery((client) => client.call('diagrams.list', {}), [])
  const hits = useQuery(
    (client) => (query.length < MIN_SEARCH ? Promise.resolve<SearchHit[]>([]) : client.call('search.query', { text: query })),
    [query],
  )

  const items = useMemo<PaletteItem[]>(() => {
    const found: PaletteItem[] = []
    for (const incident of bestMatches(incidents, (item) => item.title, query, PER_GROUP)) {
      found.push({ key: `incident:${incident.id}`, group: 'Incidents', title: incident.title, run: () => openIncident(incident.id) })
    }
    if (incidentId !== null && query) {
      const named = (item: { rootName: string; rootService: string; traceId: string }) => `${item.rootName} ${item.rootService} ${item.traceId}`
      for (const trace of bestMatches(traces.data ?? [], named, query, PER_GROUP)) {
        found.push({
          key: `trace:${trace.artifactId}:${trace.traceId}`,
          group: 'Traces in this incident',
          title: trace.rootName || '(unnamed)',
          detail: `${trace.rootService} · ${plural(trace.spans, 'span')}${trace.errors > 0 ? ` · ${plural(trace.errors, 'error')}` : ''}`,
          run: () => {
            openIncident(incidentId, { place: traceOpening(trace) })
            // The keyboard goes on in its spans, as when a trace is opened from the list.
            handedOff.current = true
            focusWhenReady(() => document.querySelector<HTMLElement>('[role="tree"][aria-label="Spans"]'))
          },
        })
      }
    }
    if (incidentId !== null) {
      for (const diagram of bestMatches(diagrams.data ?? [], (item) => item.title, query, PER_GROUP)) {
        found.push({ key: `diagram:${diagram.id}`, group: 'Diagrams', title: diagram.title, run: () => openIncident(incidentId, { diagramId: diagram.id }) })
      }
    }
    for (const hit of hits.data ?? []) {
      if (hit.kind === 'runbook' && !onOpenRunbook) continue
      found.push({
        key: `${hit.kind}:${hit.id}`,
        group: hit.kind === 'runbook' ? 'Runbooks' : 'Findings',
        title: hit.title,
        // Findings of two incidents may read alike: each says whose it is.
        detail: hit.kind === 'finding' ? incidents.find((incident) => incident.id === hit.incidentId)?.title : undefined,
        snippet: hit.snippet,
        run:
          hit.kind === 'runbook'
            ? async () => onOpenRunbook?.(hit.id, stepMatching((await api.call('runbooks.get', { id: hit.id })).steps, query))
            : async () => {
                const finding = await api.call('findings.get', { id: hit.id })
                openIncident(finding.incidentId, destinationOf(finding.anchors))
              },
      })
    }
    return found
  }, [api, incidents, incidentId, query, traces.data, diagrams.data, hits.data, openIncident, onOpenRunbook])

  useEffect(() => setActive(0), [query])
  useEffect(() => input.current?.focus(), [])
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [active])

  const choose = async (item: PaletteItem | undefined) => {
    if (!item) return
    try {
      await item.run()
      onClose()
    } catch (error) {
      setProblem(errorMessage(error))
    }
  }

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current) => (items.length === 0 ? 0 : (current + step + items.length) % items.length))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      void choose(items[active])
    } else if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'Tab') {
      // A modal: the keys stay in it (the results are reached with the arrows).
      event.preventDefault()
      input.current?.focus()
    }
  }

  // Closed, focus goes back where it was (the pane, the list item) rather than to the page.
  const dialog = useRef<HTMLDivElement>(null)
  useModal(dialog, handedOff)

  return (
    <div className="palette-backdrop" onPointerDown={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={dialog} className="palette" role="dialog" aria-modal="true" aria-label="Go to" data-testid="command-palette" onKeyDown={onKeyDown}>
        <input
          ref={input}
          className="palette-input"
          placeholder="Go to an incident, trace or diagram, or search runbooks and findings…"
          aria-label="Go to or search"
          aria-controls="palette-results"
          aria-activedescendant={items[active] ? `palette-${items[active].key}` : undefined}
          data-testid="palette-input"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="palette-results" id="palette-results" role="listbox" ref={listRef}>
          {items.length === 0 && (
            <p className="palette-empty">{query.length > 0 && query.length < MIN_SEARCH ? 'Keep typing to search runbooks and findings.' : 'Nothing matches.'}</p>
          )}
          {items.map((item, index) => (
            <div key={item.key}>
              {(index === 0 || items[index - 1].group !== item.group) && <div className="palette-group">{item.group}</div>}
              <div
                id={`palette-${item.key}`}
                role="option"
                aria-selected={index === active}
                className="palette-item"
                data-testid="palette-item"
                data-key={item.key}
                onPointerMove={() => setActive(index)}
                onClick={() => void choose(item)}
              >
                <span className="palette-item-title">{item.title}</span>
                {item.detail && <span className="palette-item-detail">{item.detail}</span>}
                {/* The host escapes everything but the <mark> around matched terms. */}
                {item.snippet && <span className="palette-item-detail palette-snippet" dangerouslySetInnerHTML={{ __html: item.snippet }} />}
              </div>
            </div>
          ))}
        </div>
        {problem && (
          <p className="palette-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    </div>
  )
}
