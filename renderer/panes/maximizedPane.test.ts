import { describe, expect, it } from 'vitest'
import type { FocusState } from '../focus/focus'
import { panesAskedFor } from './maximizedPane'

const idle: FocusState = { trace: null, span: null, service: null, edge: null, seek: null, diagram: null, reveal: null }
const checkout = { traceId: 'a'.repeat(32), artifactId: 1 }

describe('panesAskedFor', () => {
  it('names the pane a move asks to show', () => {
    expect(panesAskedFor(idle, { ...idle, seek: { timeMs: 5, serial: 1 } })).toEqual(['replay'])
    expect(panesAskedFor(idle, { ...idle, trace: checkout, seek: { timeMs: 5, serial: 1 } })).toEqual(['traces'])
    expect(panesAskedFor(idle, { ...idle, diagram: { id: 3, serial: 1 } })).toEqual(['diagram'])
  })

  it('names the panes a reveal asks for though nothing else moved (a finding shown again)', () => {
    const there = { ...idle, trace: checkout, reveal: { panes: ['traces', 'replay'] as const, serial: 1 } }
    expect(panesAskedFor(there, { ...there, reveal: { panes: ['traces', 'replay'], serial: 2 } })).toEqual(['traces', 'replay'])
    expect(panesAskedFor(there, { ...there })).toEqual([])
  })

  it('asks for nothing when a span is picked in the trace shown (the replay following it), a service is picked, or a followed driver moves the replay', () => {
    const open = { ...idle, trace: checkout }
    expect(panesAskedFor(open, { ...open, trace: { ...checkout }, span: { spanId: 'b1' }, seek: { timeMs: 5, serial: 1 } })).toEqual([])
    expect(panesAskedFor(open, { ...open, service: 'checkout' })).toEqual([])
    expect(panesAskedFor(idle, { ...idle, seek: { timeMs: 5, serial: 1, playing: true, speed: 1, recordingId: 2 } })).toEqual([])
  })
})
