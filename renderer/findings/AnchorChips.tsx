import { useRef } from 'react'
import { formatClockMs } from '../format/time'
import { type AnchorKind, type Anchors, anchorKinds } from './anchors'

const KIND_NAMES: Record<AnchorKind, string> = { time: 'Moment', span: 'Span', node: 'Service', edge: 'Call' }

function describe(anchors: Anchors, kind: AnchorKind, missing: boolean): { text: string; detail: string } {
  switch (kind) {
    case 'time':
      return { text: formatClockMs(anchors.timeMs!), detail: `The replay at ${formatClockMs(anchors.timeMs!)} (incident clock)` }
    case 'span': {
      const detail = `Span ${anchors.spanId} of trace ${anchors.traceId}`
      return { text: anchors.spanId!.slice(0, 8), detail: missing ? `${detail}, in none of the incident’s trace files now` : detail }
    }
    case 'node':
      return { text: anchors.node!, detail: `The service ${anchors.node} in the diagram` }
    case 'edge': {
      const call = anchors.edge!.replace('→', ' → ')
      return { text: call, detail: `The call ${call} in the diagram` }
    }
  }
}

interface AnchorChipsProps {
  anchors: Anchors
  /** Given, each chip has a button removing its anchor. */
  onRemove?: (kind: AnchorKind) => void
  /** Anchors shown some other way (the list's time column). */
  omit?: readonly AnchorKind[]
  /** The span anchored is in none of the incident's trace files: its chip says so. */
  spanMissing?: boolean
}

/** What a finding points at, one chip per anchor. */
export function AnchorChips({ anchors, onRemove, omit = [], spanMissing = false }: AnchorChipsProps) {
  const kinds = anchorKinds(anchors).filter((kind) => !omit.includes(kind))
  const removers = useRef(new Map<AnchorKind, HTMLButtonElement>())
  // The focus was on the button going away: it moves to the next chip's (else the one before),
  // so the keys stay in the form; with no chip left, onRemove's caller places it.
  const remove = (kind: AnchorKind) => {
    const at = kinds.indexOf(kind)
    removers.current.get(kinds[at + 1] ?? kinds[at - 1])?.focus()
    onRemove?.(kind)
  }
  return (
    <>
      {kinds.map((kind) => {
        const missing = kind === 'span' && spanMissing
        const { text, detail } = describe(anchors, kind, missing)
        return (
          <span key={kind} className="anchor-chip" data-kind={kind} data-missing={missing || undefined} data-testid="anchor-chip" title={detail}>
            <AnchorIcon kind={kind} />
            <span className="anchor-chip-kind">{KIND_NAMES[kind]}</span>
            <span className="anchor-chip-text">{text}</span>
            {missing && <span className="anchor-chip-missing">missing</span>}
            {onRemove && (
              <button
                ref={(button) => {
                  if (button) removers.current.set(kind, button)
                  else removers.current.delete(kind)
                }}
                type="button"
                className="anchor-chip-remove"
                aria-label={`Remove the ${KIND_NAMES[kind].toLowerCase()} anchor`}
                data-testid="anchor-chip-remove"
                onClick={() => remove(kind)}
              >
                <svg width="8" height="8" viewBox="0 0 8 8" aria-hidden="true">
                  <path d="M1 1l6 6M7 1l-6 6" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
                </svg>
              </button>
            )}
          </span>
        )
      })}
    </>
  )
}

function AnchorIcon({ kind }: { kind: AnchorKind }) {
  const common = { width: 11, height: 11, viewBox: '0 0 12 12', 'aria-hidden': true, className: 'anchor-chip-icon' } as const
  switch (kind) {
    case 'time':
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <path d="M6 3.4V6l1.8 1.2" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
        </svg>
      )
    case 'span':
      return (
        <svg {...common}>
          <path d="M1.5 3h6M3.5 6h7M2.5 9h4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
      )
    case 'node':
      return (
        <svg {...common}>
          <rect x="1.5" y="2.5" width="9" height="7" rx="2" fill="none" stroke="currentColor" strokeWidth="1.3" />
        </svg>
      )
    case 'edge':
      return (
        <svg {...common}>
          <path d="M1.5 6h8M7 3.5L9.5 6 7 8.5" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      )
  }
}
