import { z } from 'zod'
import { Base64Update, CollabDocId } from '../collab/model'
import { Diagram, DiagramContent, DiagramEmbedders, DiagramRevision, DiagramSummary } from '../diagrams/model'
import { Finding, FindingInput, StepBacklink } from '../findings/model'
import { ServiceActivity } from '../graph/service-activity'
import { EdgeSpans, ServiceGraph } from '../graph/service-graph'
import { ControlAction, MemberName, Playback, PingInput, Presence, Room, SharingStatus } from '../pairing/model'
import { MAX_RUNBOOK_CHARS, Runbook, RunbookImport, RunbookRevision, RunbookRevisionSummary, RunbookSummary, SearchHit } from '../runbooks/model'
import type { TraceData } from '../traces/trace-data'
import {
  Artifact,
  ImportProgress,
  ImportResult,
  Incident,
  IncidentView,
  Prefs,
  SessionChunk,
  SessionOutline,
  SpanDetail,
  TraceListItem,
  WorkspaceInfo,
} from '../domain/model'

// The one API contract. Both transports (Electron IPC and the WebSocket host) dispatch
// through the same handler table, validating every input against these schemas.

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output })

const IncidentId = z.object({ id: z.number().int().positive() })
/** A finding cited as evidence for one step of a runbook. */
const FindingLinkInput = z.object({ findingId: z.number().int().positive(), runbookId: z.number().int().positive(), stepId: z.string().min(1).max(100) })
/** The most characters an incident title holds. */
export const MAX_TITLE_CHARS = 200
export const Title = z.string().trim().min(1, 'a title is required').max(MAX_TITLE_CHARS, `a title is at most ${MAX_TITLE_CHARS} characters`)

/** Largest chunk of an upload, in bytes before base64. */
export const UPLOAD_CHUNK_BYTES = 1 << 20
/**
 * The furthest a file's clock is put from its own times, either way: a year. Clocks are off by
 * seconds, hours at a time zone; more is a mistake (a value in µs or ns), and far more broke
 * every date the file shows.
 */
export const MAX_CLOCK_OFFSET_MS = 366 * 24 * 3_600_000
export const ClockOffsetMs = z
  .number()
  .finite()
  .refine((offsetMs) => Math.abs(offsetMs) <= MAX_CLOCK_OFFSET_MS, 'a clock offset is at most a year either way (±31,622,400,000 ms)')

/** Largest run of chunks of a recording one `sessions.chunks` call returns. */
export const MAX_CHUNKS_PER_CALL = 64

export const methods = {
  'workspace.info': method(z.object({}), WorkspaceInfo),
  /** Switches to another workspace file; only where WorkspaceInfo.canSwitch is true (desktop). */
  'workspace.open': method(z.object({ path: z.string().min(1).max(4096) }), WorkspaceInfo),
  'incidents.list': method(z.object({}), z.array(Incident)),
  'incidents.create': method(z.object({ title: Title }), Incident),
  'incidents.rename': method(IncidentId.extend({ title: Title }), Incident),
  'incidents.delete': method(IncidentId, z.object({ deleted: z.boolean() })),
  'incidents.open': method(IncidentId, IncidentView),
  'sessions.outline': method(z.object({ artifactId: z.number().int().positive() }), SessionOutline),
  /** Chunks `fromSeq` to `toSeq` inclusive (at most MAX_CHUNKS_PER_CALL). */
  'sessions.chunks': method(
    z
      .object({ artifactId: z.number().int().positive(), fromSeq: z.number().int().nonnegative(), toSeq: z.number().int().nonnegative() })
      .refine(
        ({ fromSeq, toSeq }) => toSeq >= fromSeq && toSeq - fromSeq < MAX_CHUNKS_PER_CALL,
        `toSeq must be from fromSeq to fromSeq + ${MAX_CHUNKS_PER_CALL - 1}`,
      ),
    z.array(SessionChunk),
  ),
  /** Per recording: the clock offset its requests' trace context suggests, and the one in use. */
  'clock.alignment': method(
    z.object({ incidentId: z.number().int().positive() }),
    z.array(z.object({ artifactId: z.number().int(), currentOffsetMs: z.number(), offsetMs: z.number(), linked: z.number().int(), consistent: z.boolean() })),
  ),
  'clock.setOffset': method(z.object({ artifactId: z.number().int().positive(), offsetMs: ClockOffsetMs }), Artifact),
  /** Takes an imported file out of its incident, with all that was read from it; false when it was already gone. */
  'artifacts.remove': method(z.object({ artifactId: z.number().int().positive() }), z.object({ removed: z.boolean() })),
  'traces.list': method(z.object({ incidentId: z.number().int().positive() }), z.array(TraceListItem)),
  /** One trace as columns (shared/traces/trace-data.ts); not validated on the way out: it is large. */
  'traces.get': method(
    z.object({ artifactId: z.number().int().positive(), traceId: z.string().regex(/^[0-9a-f]{32}$/) }),
    z.custom<TraceData>(),
  ),
  'graph.derived': method(
    z.object({ incidentId: z.number().int().positive(), traceId: z.string().regex(/^[0-9a-f]{32}$/).optional() }),
    ServiceGraph,
  ),
  /** When each service of the incident was busy (its spans' times merged), on the incident clock. */
  'graph.activity': method(z.object({ incidentId: z.number().int().positive() }), ServiceActivity),
  /** The spans behind one edge of the derived graph (errors first, then slowest; at most `limit`). */
  'graph.edgeSpans': method(
    z.object({
      incidentId: z.number().int().positive(),
      from: z.string().min(1).max(500),
      to: z.string().min(1).max(500),
      traceId: z.string().regex(/^[0-9a-f]{32}$/).optional(),
      limit: z.number().int().positive().max(1000).optional(),
    }),
    EdgeSpans,
  ),
  'diagrams.list': method(z.object({}), z.array(DiagramSummary)),
  'diagrams.get': method(z.object({ id: z.number().int().positive(), revisionId: z.number().int().positive().optional() }), Diagram),
  /** Saves a new revision; without `id`, creates the diagram. */
  'diagrams.save': method(
    z.object({
      id: z.number().int().positive().optional(),
      title: Title,
      content: DiagramContent,
      note: z.string().max(500).optional(),
      /** The revision the drawing was edited from: the save is refused (`conflict`) if the diagram was saved since. */
      basedOn: z.number().int().positive().optional(),
    }),
    Diagram,
  ),
  'diagrams.revisions': method(z.object({ id: z.number().int().positive() }), z.array(DiagramRevision)),
  'diagrams.restore': method(z.object({ id: z.number().int().positive(), revisionId: z.number().int().positive() }), Diagram),
  'diagrams.delete': method(z.object({ id: z.number().int().positive() }), z.object({ deleted: z.boolean() })),
  /** What embeds the diagram: asked before deleting it. */
  'diagrams.embedders': method(z.object({ id: z.number().int().positive() }), DiagramEmbedders),
  /** A draw.io/diagrams.net file or Mermaid flowchart text, as a new diagram titled `name`. */
  'diagrams.import': method(z.object({ name: z.string().min(1).max(255), text: z.string().max(1_500_000) }), Diagram),
  'findings.list': method(z.object({ incidentId: z.number().int().positive() }), z.array(Finding)),
  'findings.get': method(z.object({ id: z.number().int().positive() }), Finding),
  'findings.create': method(z.object({ incidentId: z.number().int().positive(), finding: FindingInput }), Finding),
  'findings.update': method(z.object({ id: z.number().int().positive(), finding: FindingInput }), Finding),
  /** Hides the finding; findings.restore undoes it. */
  'findings.delete': method(z.object({ id: z.number().int().positive() }), z.object({ deleted: z.boolean() })),
  'findings.restore': method(z.object({ id: z.number().int().positive() }), Finding),
  'findings.link': method(FindingLinkInput, Finding),
  /** The finding no longer cites the step (no error if it did not). */
  'findings.unlink': method(FindingLinkInput, Finding),
  'runbooks.list': method(z.object({}), z.array(RunbookSummary)),
  'runbooks.get': method(z.object({ id: z.number().int().positive() }), Runbook),
  /** Saves a new revision (creates the runbook without `id`); the title is the first # heading. */
  'runbooks.save': method(
    z.object({
      id: z.number().int().positive().optional(),
      markdown: z.string().max(MAX_RUNBOOK_CHARS, `a runbook is at most ${MAX_RUNBOOK_CHARS.toLocaleString('en')} characters`),
      owner: z.string().max(100).optional(),
      tags: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
      /**
       * The updatedAt of the saved runbook the text was edited from: the save is refused
       * (`conflict`) if someone saved other content since. Left out, the save replaces whatever is there.
       */
      basedOn: z.number().optional(),
    }),
    Runbook,
  ),
  /**
   * A runbook kept as a markdown file: the runbook of its title (its first # heading, else the
   * file's name) takes it as a new revision, or a new runbook is made (as `casefile runbook import`).
   * Also says which cited steps the new text removed.
   */
  'runbooks.import': method(
    z.object({
      fileName: z.string().min(1).max(255),
      markdown: z.string().max(MAX_RUNBOOK_CHARS, `a runbook is at most ${MAX_RUNBOOK_CHARS.toLocaleString('en')} characters`),
    }),
    RunbookImport,
  ),
  /** Every save of the runbook, newest first. */
  'runbooks.revisions': method(z.object({ id: z.number().int().positive() }), z.array(RunbookRevisionSummary)),
  'runbooks.revision': method(z.object({ id: z.number().int().positive(), revisionId: z.number().int().positive() }), RunbookRevision),
  /** Saves an old revision's text again as the newest revision. */
  'runbooks.restore': method(z.object({ id: z.number().int().positive(), revisionId: z.number().int().positive() }), Runbook),
  'runbooks.backlinks': method(z.object({ id: z.number().int().positive() }), z.array(StepBacklink)),
  /** Deletes a runbook, its revisions and the citations of its steps. */
  'runbooks.delete': method(z.object({ id: z.number().int().positive() }), z.object({ deleted: z.boolean() })),
  /** The incident report; with `diagrams: false`, authored diagrams its notes embed show as their caption. */
  'reports.build': method(
    z.object({ incidentId: z.number().int().positive(), format: z.enum(['md', 'html']), diagrams: z.boolean().optional() }),
    z.object({ text: z.string() }),
  ),
  'search.query': method(z.object({ text: z.string().max(500) }), z.array(SearchHit)),
  'spans.detail': method(z.object({ rowId: z.number().int().positive() }), SpanDetail),
  /**
   * The spans of one trace whose attributes, events or status message contain each word (any
   * case): per word, the spans' row ids. The waterfall's search matches a word in a span's names
   * or in these.
   */
  'spans.findText': method(
    z.object({
      artifactId: z.number().int().positive(),
      traceId: z.string().regex(/^[0-9a-f]{32}$/),
      words: z.array(z.string().min(1).max(200)).min(1).max(10),
    }),
    z.object({ rowIds: z.array(z.array(z.number().int())) }),
  ),
  /**
   * Writes the incident as a .casefile bundle for the renderer to fetch with downloads.chunk; with
   * `diagrams: false`, without the authored diagrams its runbooks and notes embed.
   */
  'exports.bundle': method(
    z.object({ incidentId: z.number().int().positive(), diagrams: z.boolean().optional() }),
    z.object({ downloadId: z.string(), name: z.string(), size: z.number().int().nonnegative() }),
  ),
  /** The bytes of a download from `offset` (base64, at most UPLOAD_CHUNK_BYTES); `done` after the last. */
  'downloads.chunk': method(
    z.object({ downloadId: z.string().min(1), offset: z.number().int().nonnegative() }),
    z.object({ data: z.string(), done: z.boolean() }),
  ),
  'uploads.begin': method(
    z.object({ name: z.string().min(1).max(255), size: z.number().int().nonnegative() }),
    z.object({ uploadId: z.string() }),
  ),
  'uploads.chunk': method(
    z.object({
      uploadId: z.string().min(1),
      offset: z.number().int().nonnegative(),
      // base64 of at most UPLOAD_CHUNK_BYTES bytes
      data: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
    }),
    z.object({ received: z.number().int() }),
  ),
  'imports.run': method(
    z.object({
      /** An existing incident, or the title of one to find or create (in the same transaction). */
      target: z.union([z.object({ incidentId: z.number().int().positive() }), z.object({ title: Title })]),
      uploadIds: z.array(z.string().min(1)).min(1).max(100),
      importId: z.string().min(1).max(64),
    }),
    ImportResult,
  ),
  /**
   * Stops the import `importId` (its `imports.run` then fails with code `cancelled`, the workspace
   * as it was), or, before it runs, drops the files uploaded for it. `cancelled` is false when the
   * import was over (or never started) and no upload was dropped.
   */
  'imports.cancel': method(
    z.object({ importId: z.string().min(1).max(64), uploadIds: z.array(z.string().min(1)).max(100) }),
    z.object({ cancelled: z.boolean() }),
  ),
  'pairing.addresses': method(z.object({}), z.array(z.object({ name: z.string(), address: z.string() }))),
  /**
   * Whether anything answers http at a partner's invitation address, asked before its page opens (a
   * stale invitation names a port nobody listens on). This side asks: the page's own policy keeps it
   * to its host.
   */
  'pairing.check': method(z.object({ host: z.string().min(1).max(64), port: z.number().int().min(1).max(65535) }), z.object({ answers: z.boolean() })),
  /** Starts sharing an incident (stopping any other share) and returns the invitation. */
  'pairing.share': method(z.object({ incidentId: z.number().int().positive(), address: z.string().min(1).max(64) }), SharingStatus),
  'pairing.status': method(z.object({}), SharingStatus.nullable()),
  'pairing.remove': method(z.object({ participantId: z.string().min(1).max(64) }), z.object({ removed: z.boolean() })),
  'pairing.stop': method(z.object({}), z.object({ stopped: z.boolean() })),
  /** Enters the live session of the shared incident (the host's window too); every member then gets pairing.room events. */
  'pairing.join': method(z.object({ name: MemberName }), z.object({ memberId: z.string(), room: Room, playback: Playback.nullable() })),
  /** The caller's playhead and selection, shown to the others. */
  'pairing.presence': method(Presence, z.object({})),
  /** The driver's replay, copied by followers; refused from anyone else. */
  'pairing.drive': method(Playback, z.object({ accepted: z.boolean() })),
  'pairing.control': method(ControlAction, Room),
  'pairing.ping': method(PingInput, z.object({})),
  'pairing.leave': method(z.object({}), z.object({})),
  /** A collaborative text's updates the caller lacks (all of them without a state vector). */
  'collab.pull': method(z.object({ docId: CollabDocId, stateVector: Base64Update.optional() }), z.object({ update: z.string() })),
  /** Merges the caller's edits; every connected caller then gets them as a collab.update event. */
  'collab.push': method(z.object({ docId: CollabDocId, update: Base64Update }), z.object({ merged: z.boolean() })),
  'prefs.get': method(z.object({}), Prefs),
  'prefs.set': method(Prefs, Prefs),
} as const

export const events = {
  'import.progress': ImportProgress,
  'collab.update': z.object({ docId: CollabDocId, update: z.string() }),
  /** Something changed outside the caller's own calls (menu import, workspace switch). */
  'workspace.changed': z.object({ incidentId: z.number().int().nullable() }),
  /** Someone added, edited, deleted or restored a finding of this incident. */
  'findings.changed': z.object({ incidentId: z.number().int() }),
  /** Someone saved, restored or deleted this runbook. */
  'runbooks.changed': z.object({ id: z.number().int() }),
  'pairing.room': Room,
  'pairing.playback': Playback.extend({ from: z.string() }),
  'pairing.ping': PingInput.extend({ from: z.string(), name: z.string(), color: z.string() }),
  /** The host stopped sharing, or removed this participant: no reconnecting. */
  'pairing.ended': z.object({ reason: z.string() }),
  /**
   * A guest's own secret, given when it first connects: it reconnects with this one, which the
   * host revokes when it removes the guest (and the invitation's secret is then replaced).
   */
  'pairing.credential': z.object({ secret: z.string() }),
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methods, name)

export type ErrorCode = 'invalid_input' | 'unknown_method' | 'not_found' | 'conflict' | 'import_failed' | 'cancelled' | 'rate_limited' | 'internal'

/** An error a handler means the caller to see; anything else is reported as `internal`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export interface WireError {
  code: ErrorCode
  message: string
}

/**
 * The state of the connection to the host: `reconnecting` after it dropped (calls wait), `open`
 * again once it is back, `ended` when the host removed this caller or stopped sharing.
 */
export type ConnectionStatus = 'open' | 'reconnecting' | 'ended'

/** What the renderer holds: the same interface whichever transport carries it. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /** Changes of the connection (none over IPC, which cannot drop). */
  watchStatus(listener: (status: ConnectionStatus) => void): () => void
}
