import { describe, expect, it } from 'vitest'
import { type ClockState, IDLE_CLOCK } from '../clock/clock'
import { createStore } from '../state/store'
import type { FocusState } from './focus'
import { createNavigation } from './navigation'

function setUp() {
  const focus = createStore<FocusState>({ trace: null, span: null, service: null, edge: null, seek: null, diagram: null, reveal: null })
  const clock = createStore<ClockState>(IDLE_CLOCK)
  // The replay follows seek requests, as the replay pane does.
  focus.subscribe(() => {
    const seek = focus.get().seek
    if (seek && seek.timeMs !== clock.get().timeMs) clock.set({ timeMs: seek.timeMs })
  })
  return { focus, clock, navigation: createNavigation(focus, clock) }
}

const checkout = { traceId: 'a'.repeat(32), artifactId: 1 }

describe('navigation', () => {
  it('goes back and forth through places, moving the replay to each', () => {
    const { focus, clock, navigation } = setUp()
    clock.set({ timeMs: 1_000 })
    navigation.go({ trace: checkout, span: null, timeMs: 5_000 })
    navigation.go({ span: { spanId: 'b1' }, timeMs: 5_200 })
    expect(focus.get()).toMatchObject({ trace: checkout, span: { spanId: 'b1' } })
    expect(clock.get().timeMs).toBe(5_200)

    navigation.back()
    expect(focus.get()).toMatchObject({ trace: checkout, span: null })
    expect(clock.get().timeMs).toBe(5_000)
    navigation.back()
    expect(focus.get().trace).toBeNull()
    expect(clock.get().timeMs).toBe(1_000)
    navigation.back()
    expect(focus.get().trace).toBeNull()

    navigation.forward()
    navigation.forward()
    expect(focus.get()).toMatchObject({ trace: checkout, span: { spanId: 'b1' } })
    expect(clock.get().timeMs).toBe(5_200)
  })

  it('keeps what a place leaves out, adds no entry when replacing, and forgets the way forward on a new step', () => {
    const { focus, navigation } = setUp()
    navigation.go({ trace: checkout })
    navigation.go({ span: { spanId: 'b1' } }, { replace: true })
    navigation.go({ span: { spanId: 'b2' } }, { replace: true })
    expect(focus.get()).toMatchObject({ trace: checkout, span: { spanId: 'b2' } })
    navigation.back()
    expect(focus.get()).toMatchObject({ trace: null, span: null })
    navigation.forward()
    navigation.back()
    navigation.go({ trace: { traceId: 'c'.repeat(32), artifactId: null } })
    navigation.forward()
    expect(focus.get().trace).toEqual({ traceId: 'c'.repeat(32), artifactId: null })
  })
  it('on a move from a place the panes do not show yet (an opening), comes back to the place given, or to none', () => {
    const { focus, clock, navigation } = setUp()
    const left = { trace: checkout, span: { spanId: 'b1' }, timeMs: 3_000 }
    navigation.go({ trace: checkout, span: { spanId: 'f1' }, timeMs: 9_000 }, { from: left })
    expect(clock.get().timeMs).toBe(9_000)
    expect(navigation.back()).toBe(true)
    expect(focus.get()).toMatchObject({ trace: checkout, span: { spanId: 'b1' } })
    expect(clock.get().timeMs).toBe(3_000)
    expect(navigation.back()).toBe(false)

    const fresh = setUp()
    fresh.navigation.go({ trace: checkout, timeMs: 9_000 }, { from: null })
    expect(fresh.navigation.back()).toBe(false)
    expect(fresh.focus.get().trace).toEqual(checkout)
  })

  it('asks nothing of the replay when going back to a place at the moment it already shows', () => {
    const { focus, clock, navigation } = setUp()
    clock.set({ timeMs: 1_000 })
    navigation.go({ trace: checkout })
    navigation.go({ trace: { traceId: 'c'.repeat(32), artifactId: null } })
    const seek = focus.get().seek
    navigation.back()
    expect(focus.get().trace).toEqual(checkout)
    expect(focus.get().seek).toBe(seek)
  })
})
