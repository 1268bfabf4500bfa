import { EventType, Replayer, type eventWithTime } from 'rrweb'
import type { IdlePeriod } from '../../shared/domain/model'
import type { ChunkLoader } from './chunkLoader'
import { type ChunkInfo, type ChunkWindow, type LoadPlan, planLoad, replayStartIn, windowFor } from './chunkPlan'
import { pageShownAt } from './pageLeadIn'
import { rebuildInPlace } from './rebuildInPlace'
import { keepEventsIntact, pauseReplayerAt, playReplayerAt, reloadReplayer } from './replayerInternals'
import { timeSlices } from './timeSlices'

// Drives one rrweb Replayer over the part of a recording around the playhead, loading chunks as
// the playhead moves (see chunkPlan.ts), and publishes a small state for the UI. All changes to
// the replayer happen in one worker loop (`work`), so seeks, loads and playback never interleave.

export type PlayerStatus = 'loading' | 'ready' | 'error' | 'unplayable'

export interface PlayerState {
  status: PlayerStatus
  error: string | null
  /** The playhead, on the recording's own clock (epoch ms). */
  timeMs: number
  /** The moment the replayer was last put at (epoch ms): once a seek is applied, the page shows it. Null while moving. */
  shownMs: number | null
  playing: boolean
  /** Waiting for chunks before the page at the playhead can be shown. */
  buffering: boolean
  speed: number
  skipInactive: boolean
  /** The stretch just skipped while playing (shown for a moment); null otherwise. */
  skipped: IdlePeriod | null
  /** How many seeks were asked: the console list follows the playhead again at each. */
  seeks: number
  /** The recorded viewport (from Meta and viewport-resize events). */
  viewport: { width: number; height: number } | null
  /** The stretch of the recording the replayer holds. */
  loaded: { fromMs: number; toMs: number } | null
  /** Distinct remote resources the replayed page tried to load and the page's Content-Security-Policy refused. */
  blockedLoads: number
}

export interface ReplayControllerOptions {
  startMs: number
  endMs: number
  chunks: readonly ChunkInfo[]
  loader: ChunkLoader
  /** Where the replayer's wrapper (and its sandboxed iframe) goes; must be in the document. */
  root: HTMLElement
  speed?: number
  skipInactive?: boolean
  /** The recording's idle stretches, in time order: skipping inactivity passes over them. */
  idle?: readonly IdlePeriod[]
}

/** Chunks are loaded this far (times the speed) ahead of the playhead while playing. */
const AHEAD_MS = 8_000
/** Skipping an idle stretch lands this long before the activity that ends it, to lead into it. */
const SKIP_LEAD_MS = 1_000
/** How long the note of a skipped stretch stays. */
const SKIPPED_NOTE_MS = 2_500
/**
 * Most chunks one load ahead asks for (about a megabyte); the next frame asks for more. A host
 * reading one big request is not relaying a pairing driver's move meanwhile.
 */
const AHEAD_CHUNKS_PER_LOAD = 8

const quietLogger = { log: () => {}, warn: () => {} }

export class ReplayController {
  private state: PlayerState
  private readonly listeners = new Set<() => void>()
  private replayer: Replayer | null = null
  private window: ChunkWindow | null = null
  /** Timestamp of the replayer's first event: its time offset 0. */
  private baseMs = 0
  /** Timestamp of the full snapshot the replayer's events open with (recorded or a keyframe's). */
  private snapshotMs = 0
  /** Where the replayer was last put (a marker seek shows a moment just past the marker). */
  private viewMs: number
  /** What the worker is to do next: put the replayer at this time, or load ahead of this time. */
  private wanted: { viewMs: number | null; aheadOf: number | null } = { viewMs: null, aheadOf: null }
  private working = false
  /** The worker is moving the replayer to `wanted.viewMs` (loading, maybe rebuilding). */
  private positioning = false
  private raf = 0
  private destroyed = false
  private readonly unwatch: Array<() => void> = []
  private unwatchBlockedLoads: (() => void) | null = null
  private readonly blocked = new Set<string>()
  private skippedNote: ReturnType<typeof setTimeout> | undefined
  /** The idle stretch a seek put the playing replay in: played, not skipped. */
  private playedIdle: IdlePeriod | null = null

  constructor(private readonly options: ReplayControllerOptions) {
    this.state = {
      status: 'loading',
      error: null,
      timeMs: options.startMs,
      shownMs: null,
      playing: false,
      buffering: false,
      speed: options.speed ?? 1,
      skipInactive: options.skipInactive ?? false,
      skipped: null,
      seeks: 0,
      viewport: null,
      loaded: null,
      blockedLoads: 0,
    }
    this.viewMs = options.startMs
    this.wanted.viewMs = options.startMs
    this.schedule()
  }

  getState = (): PlayerState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Moves the playhead to `t` (clamped to the recording). `settleMs` shows the page that much
   * later than the playhead says, so a jump to a marker shows what the marked moment did (the DOM
   * an error handler writes a millisecond after logging) while the playhead sits on the marker.
   */
  seek(t: number, settleMs = 0): void {
    if (this.destroyed) return
    const timeMs = this.clamp(t)
    // Put in an idle stretch while playing, the replay plays it: skipping resumes at the next one.
    this.playedIdle = this.state.playing ? this.idleAt(timeMs) : null
    this.update({ timeMs, shownMs: null, seeks: this.state.seeks + 1 })
    this.wanted.viewMs = this.clamp(timeMs + settleMs)
    if (this.state.playing) this.stopTicking()
    this.schedule()
  }

  /**
   * Fetches and parses what a seek to `t` would load, leaving the replayer as it is: the pointer
   * resting on the scrubber says where the next click probably goes, and that seek then starts
   * with its chunks at hand.
   */
  prefetch(t: number): void {
    if (this.destroyed || !this.replayer || this.state.status !== 'ready') return
    const plan = this.planFor(this.clamp(t), 0)
    const load = plan && (plan.kind === 'rebuild' ? plan.window : plan.load)
    // A guess asks no more of the host than one load ahead does.
    if (!load || load.to - load.from + 1 > AHEAD_CHUNKS_PER_LOAD) return
    // Loading keeps the chunks parsed in the loader's cache, whatever the seek then asks of them.
    // A failure here is the seek's to report, if the seek comes.
    this.options.loader.events(load).catch(() => {})
  }

  play(): void {
    if (this.destroyed || this.state.playing || this.state.status === 'unplayable' || this.state.status === 'error') return
    // At the end (a jump to the last marker shows a moment later, the end itself): from the start again.
    if (Math.max(this.state.timeMs, this.wanted.viewMs ?? this.viewMs) >= this.options.endMs) {
      this.update({ timeMs: this.options.startMs })
      this.wanted.viewMs = this.options.startMs
    }
    this.playedIdle = null
    this.update({ playing: true })
    this.wanted.viewMs ??= Math.max(this.viewMs, this.state.timeMs)
    this.schedule()
  }

  pause(): void {
    if (this.destroyed || !this.state.playing) return
    this.stopTicking()
    const settled = this.replayer !== null && !this.positioning && this.wanted.viewMs === null
    const timeMs = settled ? this.currentTime() : this.state.timeMs
    if (settled && !this.holds(timeMs)) {
      // The timer ran past the events loaded so far (the next chunks were still on their way):
      // pausing here would leave the page of the last loaded event. Position properly instead.
      this.update({ playing: false, timeMs, shownMs: null })
      this.wanted.viewMs = timeMs
      this.schedule()
      return
    }
    // Pausing at the time shown (not just stopping the timer) applies any events the replayer had
    // not caught up with yet, so the page matches the playhead.
    if (settled) pauseReplayerAt(this.replayer!, this.offsetOf(timeMs))
    this.viewMs = timeMs
    this.update({ playing: false, timeMs, ...(settled ? { shownMs: timeMs } : {}) })
  }

  toggle(): void {
    if (this.state.playing) this.pause()
    else this.play()
  }

  setSpeed(speed: number): void {
    if (this.destroyed || speed === this.state.speed) return
    this.update({ speed })
    this.replayer?.setConfig({ speed })
  }

  setSkipInactive(skipInactive: boolean): void {
    if (this.destroyed || skipInactive === this.state.skipInactive) return
    this.update({ skipInactive })
  }

  /** After a failed load: tries again to show the playhead. */
  retry(): void {
    if (this.destroyed || this.state.status !== 'error') return
    this.update({ status: this.replayer ? 'ready' : 'loading', error: null })
    this.wanted.viewMs = this.state.timeMs
    this.schedule()
  }

  destroy(): void {
    this.destroyed = true
    this.stopTicking()
    clearTimeout(this.skippedNote)
    this.teardownReplayer()
    this.listeners.clear()
  }

  // --- the worker -------------------------------------------------------------------------

  private schedule(): void {
    if (this.working || this.destroyed) return
    this.working = true
    this.work()
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.working = false
        if (!this.destroyed && this.state.status !== 'error' && (this.wanted.viewMs !== null || this.wanted.aheadOf !== null)) this.schedule()
      })
  }

  private async work(): Promise<void> {
    while (!this.destroyed) {
      if (this.wanted.viewMs !== null) {
        const viewMs = this.wanted.viewMs
        this.positioning = true
        let ready: boolean
        try {
          // A seek loads only a little ahead, to show the page soon; playback loads the rest.
          ready = await this.ensure(viewMs, this.state.playing ? this.aheadMs() : 0, () => this.wanted.viewMs !== viewMs)
        } finally {
          this.positioning = false
        }
        if (this.destroyed) return
        if (this.wanted.viewMs !== viewMs) continue // a newer seek came in while loading
        this.wanted.viewMs = null
        if (!ready || !this.replayer) return
        this.apply(viewMs)
      } else if (this.wanted.aheadOf !== null) {
        const t = this.wanted.aheadOf
        this.wanted.aheadOf = null
        await this.loadAhead(t)
      } else {
        return
      }
    }
  }

  /** Puts the replayer at `viewMs`, playing or paused as the state says. */
  private apply(viewMs: number): void {
    const replayer = this.replayer!
    this.viewMs = viewMs
    const offset = this.offsetOf(viewMs)
    if (this.state.playing) {
      playReplayerAt(replayer, offset)
      this.startTicking()
    } else {
      pauseReplayerAt(replayer, offset)
    }
    this.update({ status: 'ready', buffering: false, shownMs: viewMs })
  }

  /**
   * Makes the replayer hold what showing `t` needs (and `aheadMs` more). False when the
   * recording cannot be shown or `stale()` says the request was superseded while loading.
   */
  private async ensure(t: number, aheadMs: number, stale: () => boolean): Promise<boolean> {
    const plan = this.planFor(t, aheadMs)
    if (!plan) {
      this.update({ status: 'unplayable', playing: false, error: 'The recording has no full snapshot to start a replay from.' })
      return false
    }
    if (plan.kind === 'rebuild' || plan.load) this.update({ buffering: true })
    if (plan.kind === 'rebuild') {
      const events = await this.options.loader.opening(plan.window)
      if (this.destroyed || stale()) return false
      this.build(events, plan.window)
    } else if (plan.load) {
      await this.append(plan.load, stale)
      if (this.destroyed || stale()) return false
    }
    return true
  }

  /** How the replayer in place gets to show `t` (and `aheadMs` more); null when the recording cannot be shown. */
  private planFor(t: number, aheadMs: number): LoadPlan | null {
    const needed = windowFor(this.options.chunks, t, aheadMs)
    return needed && planLoad(this.window, needed, this.replayFrom(needed, t))
  }

  /** When the chunk a replay of `t` starts from opens on a keyframe: where the replayer in place would replay from. */
  private replayFrom(needed: ChunkWindow, t: number): number | null {
    if (!this.replayer || !this.window || !this.options.chunks[needed.from].keyframe) return null
    const shownMs = this.state.playing ? this.currentTime() : this.viewMs
    return replayStartIn(this.options.chunks, this.window, shownMs, t)
  }

  /** While playing: loads the chunks the next stretch needs into the replayer in place. */
  private async loadAhead(t: number): Promise<void> {
    const needed = windowFor(this.options.chunks, t, this.aheadMs())
    if (!needed || !this.replayer) return
    const plan = planLoad(this.window, needed)
    // A playing replayer is only ever extended; a rebuild waits for the next seek (or its end).
    if (plan.kind !== 'extend' || !plan.load) return
    const load = { from: plan.load.from, to: Math.min(plan.load.to, plan.load.from + AHEAD_CHUNKS_PER_LOAD - 1) }
    await this.append(load, () => this.wanted.viewMs !== null)
  }

  /**
   * Adds the chunks of `load` to the replayer in place, a few per task (a follower takes the
   * driver's next move in between). Stops early, with what it added, once `stale()` says the
   * rest is not wanted.
   */
  private async append(load: ChunkWindow, stale: () => boolean): Promise<void> {
    const replayer = this.replayer
    const chunks = await this.options.loader.events(load)
    const slice = timeSlices()
    let window = this.window
    for (const [index, events] of chunks.entries()) {
      // Only onto the events it was loaded for (a rebuild gives the replayer others).
      if (this.destroyed || !replayer || !window || replayer !== this.replayer || window !== this.window) return
      if (index > 0 && stale()) break
      for (const event of events) {
        // Events out of order across chunks would move the replayer's time base: pin them to it.
        replayer.addEvent(event.timestamp < this.baseMs ? { ...event, timestamp: this.baseMs } : event)
      }
      window = this.window = { from: window.from, to: load.from + index }
      // addEvent queues each event in a microtask: let them land (before the replayer is moved,
      // and inside this slice's time).
      await Promise.resolve()
      await slice()
    }
    this.updateLoaded()
  }

  /** Puts a replayer over `events` (the chunks of `window`): the one in place, reloaded, or a new one. */
  private build(events: eventWithTime[], window: ChunkWindow): void {
    if (this.replayer) reloadReplayer(this.replayer, events)
    else this.replayer = this.createReplayer(events)
    this.window = window
    this.baseMs = this.replayer.getMetaData().startTime
    this.snapshotMs = events.find((event) => event.type === EventType.FullSnapshot)?.timestamp ?? this.baseMs
    this.updateLoaded()
  }

  private createReplayer(events: eventWithTime[]): Replayer {
    const replayer = new Replayer(events, {
      root: this.options.root,
      speed: this.state.speed,
      // Idle stretches are skipped here, from the periods found at import: rrweb's own skipping
      // sees only the events it holds, and never starts inside a stretch.
      skipInactive: false,
      // Safety: never UNSAFE_replayCanvas (it adds allow-scripts to the sandbox); no extra style
      // rules; never move focus into the replayed page (keyboard shortcuts stay with the pane).
      UNSAFE_replayCanvas: false,
      // A seek replays from a snapshot near the playhead (a keyframe if need be): applying those
      // few events to the page directly beats rrweb's virtual DOM, a copy of the whole page made
      // on every seek.
      useVirtualDom: false,
      insertStyleRules: [],
      triggerFocus: false,
      showWarning: false,
      showDebug: false,
      mouseTail: { strokeStyle: 'rgba(79, 91, 213, 0.45)', lineWidth: 2, duration: 600 },
      logger: quietLogger,
    })
    if (replayer.iframe.getAttribute('sandbox') !== 'allow-same-origin') {
      replayer.destroy()
      throw new Error('the replay frame is not sandboxed; refusing to replay')
    }
    // The recorded page is shown, not used: no Tab stop, no focus, no link to follow inside it.
    replayer.iframe.inert = true
    replayer.iframe.tabIndex = -1
    replayer.iframe.title = 'The recorded page, replayed'
    rebuildInPlace(replayer)
    keepEventsIntact(replayer)
    const on = (event: string, handler: (payload: never) => void) => {
      replayer.on(event, handler as never)
      this.unwatch.push(() => replayer.off(event, handler as never))
    }
    on('resize', (size: { width: number; height: number }) => {
      if (size && size.width > 0 && size.height > 0) this.update({ viewport: { width: size.width, height: size.height } })
    })
    on('finish', () => this.finished(replayer))
    on('fullsnapshot-rebuilded', () => this.watchBlockedLoads(replayer))
    this.unwatch.push(() => this.unwatchBlockedLoads?.())
    return replayer
  }

  private teardownReplayer(): void {
    for (const unwatch of this.unwatch.splice(0)) unwatch()
    if (this.replayer) {
      try {
        this.replayer.destroy()
      } catch {
        // Already detached (the pane unmounted first).
      }
    }
    this.replayer = null
    this.window = null
  }

  /** rrweb reached the last event it holds: the end, or only the end of what is loaded. */
  private finished(replayer: Replayer): void {
    if (replayer !== this.replayer || !this.state.playing || this.positioning || this.wanted.viewMs !== null) return
    if (this.window && this.window.to < this.options.chunks.length - 1) {
      const t = this.currentTime()
      this.update({ timeMs: t, buffering: true })
      this.wanted.viewMs = t
      this.schedule()
      return
    }
    this.stopAtEnd()
  }

  private stopAtEnd(): void {
    this.stopTicking()
    this.viewMs = this.options.endMs
    this.update({ playing: false, buffering: false, timeMs: this.options.endMs })
  }

  /**
   * Counts the resources the replayed page's document is refused by the CSP it inherits. Each
   * rebuild reopens the document, which drops its listeners: watched again after each.
   */
  private watchBlockedLoads(replayer: Replayer): void {
    this.unwatchBlockedLoads?.()
    this.unwatchBlockedLoads = null
    const doc = replayer.iframe.contentDocument
    if (!doc) return
    const count = (event: SecurityPolicyViolationEvent) => {
      // Fetches only (img-src, style-src, font-src, ...), not inline script or base-uri refusals.
      if (!/-src(-elem)?$/.test(event.effectiveDirective) || !/^[a-z][a-z0-9+.-]*:/i.test(event.blockedURI)) return
      this.blocked.add(event.blockedURI)
      this.update({ blockedLoads: this.blocked.size })
    }
    doc.addEventListener('securitypolicyviolation', count)
    this.unwatchBlockedLoads = () => doc.removeEventListener('securitypolicyviolation', count)
  }

  // --- time -----------------------------------------------------------------------------

  /**
   * The replayer's time offset showing `t`: rrweb applies the events before baseline + offset, so
   * +1 includes those at `t`. Never before the opening snapshot: a time before it shows the page
   * the snapshot builds (as a fresh rrweb Replayer does), and a reloaded one must rebuild it. A
   * page still loading shows alike, however the replayer came there (pageShownAt).
   */
  private offsetOf(t: number): number {
    const events = this.replayer?.service.state.context.events ?? []
    return Math.max(pageShownAt(events, t), this.snapshotMs) - this.baseMs + 1
  }

  private currentTime(): number {
    if (!this.replayer) return this.state.timeMs
    return this.clamp(this.baseMs + this.replayer.getCurrentTime() - 1)
  }

  private startTicking(): void {
    if (this.raf) return
    const tick = () => {
      this.raf = 0
      if (this.destroyed || !this.state.playing) return
      if (this.replayer && !this.positioning && this.wanted.viewMs === null) {
        const t = this.currentTime()
        // rrweb says it finished only when it plays the last event itself, not when a seek applied it.
        if (t >= this.options.endMs && this.holds(t)) return this.stopAtEnd()
        const idle = this.state.skipInactive ? this.idleAt(t) : null
        if (idle && idle !== this.playedIdle) return this.skipOver(t, idle)
        this.update({ timeMs: t })
        const last = this.window ? this.options.chunks[this.window.to] : undefined
        if (last && this.window!.to < this.options.chunks.length - 1 && last.lastMs < t + this.aheadMs()) {
          this.wanted.aheadOf = t
          this.schedule()
        }
      }
      this.raf = requestAnimationFrame(tick)
    }
    this.raf = requestAnimationFrame(tick)
  }

  private stopTicking(): void {
    if (this.raf) cancelAnimationFrame(this.raf)
    this.raf = 0
  }

  private aheadMs(): number {
    return AHEAD_MS * Math.max(1, this.state.speed)
  }

  /** The idle stretch `t` is in, with more than the lead-in left of it. */
  private idleAt(t: number): IdlePeriod | null {
    return this.options.idle?.find((period) => period.fromMs <= t && t < period.toMs - SKIP_LEAD_MS) ?? null
  }

  /** Goes on playing from just before the end of the idle stretch `t` is in, saying what it passed over. */
  private skipOver(t: number, idle: IdlePeriod): void {
    const skipped = { fromMs: t, toMs: idle.toMs - SKIP_LEAD_MS }
    this.seek(skipped.toMs)
    this.update({ skipped })
    clearTimeout(this.skippedNote)
    this.skippedNote = setTimeout(() => this.state.skipped === skipped && this.update({ skipped: null }), SKIPPED_NOTE_MS)
  }

  /** Whether the replayer holds every event up to `t`, so pausing there shows its page. */
  private holds(t: number): boolean {
    const next = this.window ? this.options.chunks[this.window.to + 1] : undefined
    return this.window !== null && (next === undefined || next.firstMs > t)
  }

  private clamp(t: number): number {
    return Math.min(this.options.endMs, Math.max(this.options.startMs, t))
  }

  private updateLoaded(): void {
    const chunks = this.options.chunks
    this.update({ loaded: this.window ? { fromMs: chunks[this.window.from].firstMs, toMs: chunks[this.window.to].lastMs } : null })
  }

  private fail(error: unknown): void {
    if (this.destroyed) return
    this.stopTicking()
    const message = error instanceof Error ? error.message : String(error)
    this.update({ status: 'error', error: message, playing: false, buffering: false })
  }

  private update(patch: Partial<PlayerState>): void {
    if (this.destroyed) return
    const next = { ...this.state, ...patch }
    if ((Object.keys(patch) as Array<keyof PlayerState>).every((key) => next[key] === this.state[key])) return
    this.state = next
    for (const listener of [...this.listeners]) listener()
  }
}
