import { z } from 'zod'

// Domain records as they cross the API. Times are absolute: epoch milliseconds for
// sessions and UI, epoch nanoseconds as decimal strings for spans (they exceed 2^53).

export const nanosString = z.string().regex(/^\d{1,20}$/, 'expected a decimal nanosecond timestamp')

export const Incident = z.object({
  id: z.number().int(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  artifactCount: z.number().int(),
})
export type Incident = z.infer<typeof Incident>

export const TraceFormat = z.enum(['otlp', 'jaeger', 'zipkin'])
export type TraceFormat = z.infer<typeof TraceFormat>

/** What an import reports about one trace file; also the CLI's JSON shape. */
export const TraceSummary = z.object({
  kind: z.literal('trace'),
  format: TraceFormat,
  file: z.string(),
  spans: z.number().int(),
  traces: z.number().int(),
  services: z.array(z.string()),
  errorSpans: z.number().int(),
  startUnixNano: nanosString,
  endUnixNano: nanosString,
  /**
   * Only when there were some: spans left out for having the trace and span id of another,
   * different span of the file (the first kept, or the one in error).
   */
  repeatedSpanIds: z.number().int().optional(),
})
export type TraceSummary = z.infer<typeof TraceSummary>

export const MarkerCounts = z.object({
  clicks: z.number().int(),
  navigations: z.number().int(),
  consoleErrors: z.number().int(),
  custom: z.number().int(),
})
export type MarkerCounts = z.infer<typeof MarkerCounts>

/** What an import reports about one session recording; also the CLI's JSON shape. */
export const SessionSummary = z.object({
  kind: z.literal('session'),
  format: z.literal('rrweb'),
  file: z.string(),
  events: z.number().int(),
  durationMs: z.number(),
  markers: MarkerCounts,
  traceIds: z.array(z.string()),
  /** Only for a PostHog export of several browser windows: which one this recording is (from 1), of how many; each is imported as a recording of its own. */
  browserWindow: z.object({ index: z.number().int(), of: z.number().int() }).optional(),
  /** Written by imports before each window became a recording: the windows after the first, left out of this one. */
  otherWindows: z.object({ windows: z.number().int(), events: z.number().int() }).optional(),
})
export type SessionSummary = z.infer<typeof SessionSummary>

export const ArtifactSummary = z.discriminatedUnion('kind', [TraceSummary, SessionSummary])
export type ArtifactSummary = z.infer<typeof ArtifactSummary>

export const Artifact = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  importedAt: z.number(),
  /** Added to the artifact's own timestamps to put it on the incident's clock. */
  clockOffsetMs: z.number(),
  /** Wall-clock range covered, epoch ms. */
  startMs: z.number(),
  endMs: z.number(),
  summary: ArtifactSummary,
  /** A recording's: how many of the traces its requests carry ids of (summary.traceIds) the incident's trace files hold. */
  linkedTracesHere: z.number().int().optional(),
})
export type Artifact = z.infer<typeof Artifact>

export const MarkerKind = z.enum(['click', 'navigation', 'console', 'request', 'custom'])
export type MarkerKind = z.infer<typeof MarkerKind>

export const ConsoleLevel = z.enum(['debug', 'info', 'log', 'warn', 'error'])
export type ConsoleLevel = z.infer<typeof ConsoleLevel>

/** A moment of a recording worth a place on the scrubber or in the side list. */
export const SessionMarker = z.object({
  kind: MarkerKind,
  timeMs: z.number(),
  label: z.string(),
  /** Console entries: their level. */
  level: ConsoleLevel.nullable(),
  /** Requests: the response was a server error (status >= 500) or the request failed. */
  failed: z.boolean(),
  /** Requests carrying W3C trace context: the trace, and the caller's span (the traceparent's parent id). */
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  /** Requests: how long they took, when the recording says (the marker's time is their end). */
  durationMs: z.number().nullable(),
})
export type SessionMarker = z.infer<typeof SessionMarker>

/** What the replay pane needs before loading any events: the chunks and the markers. */
export const IdlePeriod = z.object({ fromMs: z.number(), toMs: z.number() })
export type IdlePeriod = z.infer<typeof IdlePeriod>

export const SessionOutline = z.object({
  artifactId: z.number().int(),
  startMs: z.number(),
  endMs: z.number(),
  events: z.number().int(),
  chunks: z.array(
    z.object({
      seq: z.number().int(),
      firstMs: z.number(),
      lastMs: z.number(),
      /** Recorded events (a keyframe's aside). */
      eventCount: z.number().int(),
      /** A replay can start here: the chunk opens on a full snapshot, recorded or a keyframe's. */
      startsWithFullSnapshot: z.boolean(),
      /** It opens on a keyframe: events Casefile built at import (flagged KEYFRAME_FLAG) putting a replayer where the recording is at the chunk's start. */
      keyframe: z.boolean(),
    }),
  ),
  markers: z.array(SessionMarker),
  /** Stretches with nothing a viewer waits for (see shared/formats/rrweb.ts), which skipping inactivity passes over. */
  idle: z.array(IdlePeriod),
})
export type SessionOutline = z.infer<typeof SessionOutline>

/** The key (set to true) marking the events of a keyframe in a stored chunk. */
export const KEYFRAME_FLAG = 'casefileKeyframe'

export const SessionChunk = z.object({
  seq: z.number().int(),
  /** The chunk's rrweb events as a JSON array text (its keyframe's first, if it opens on one): parsed by the renderer only. */
  eventsJson: z.string(),
})
export type SessionChunk = z.infer<typeof SessionChunk>

export const TraceListItem = z.object({
  /** The trace file holding the trace's root: the trace opens on its clock. */
  artifactId: z.number().int(),
  /** Every trace file of the incident with spans of the trace, `artifactId` first. */
  artifactIds: z.array(z.number().int()),
  traceId: z.string(),
  rootService: z.string(),
  rootName: z.string(),
  /** On the incident clock (each file's clock offset applied); with durationNs, as the opened trace shows it (skew corrected). */
  startNs: nanosString,
  durationNs: z.number(),
  spans: z.number().int(),
  errors: z.number().int(),
  /** How many trees its spans form: more than 1 when parents are missing (spans lost, context not passed on). */
  pieces: z.number().int(),
  /** Every service with a span in the trace. */
  services: z.array(z.string()),
})
export type TraceListItem = z.infer<typeof TraceListItem>

const AttributeMap = z.record(z.string(), z.unknown())

/** Everything about one span, for the details panel; times exact as decimal nanoseconds. */
export const SpanDetail = z.object({
  rowId: z.number().int(),
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  service: z.string(),
  name: z.string(),
  kind: z.string(),
  startUnixNano: nanosString,
  endUnixNano: nanosString,
  status: z.enum(['unset', 'ok', 'error']),
  statusMessage: z.string(),
  attributes: AttributeMap,
  resource: AttributeMap,
  scope: z.object({ name: z.string(), version: z.string().optional() }).nullable(),
  events: z.array(z.object({ timeUnixNano: nanosString, name: z.string(), attributes: AttributeMap })),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string(), attributes: AttributeMap })),
})
export type SpanDetail = z.infer<typeof SpanDetail>

export const IncidentView = z.object({
  incident: Incident,
  artifacts: z.array(Artifact),
})
export type IncidentView = z.infer<typeof IncidentView>

export const ImportResult = z.object({
  incident: z.object({ id: z.number().int(), title: z.string() }),
  artifacts: z.array(ArtifactSummary),
  /** A bundle of an incident the workspace has already (same uid): only what it has more came in (`merged`). */
  alreadyPresent: z.literal(true).optional(),
  /** Files the incident had already (the same content): not imported again; `artifacts` lists what they were read as. */
  alreadyHere: z.array(z.string()).optional(),
  /** A bundle's incident that came in beside another incident of the same title: both are kept. */
  sameTitleAsAnother: z.literal(true).optional(),
  /**
   * From a bundle: the files and findings it brought that the workspace lacked, the findings it
   * held a later edit of, the runbooks that took a save of its (the later one as their text, an
   * earlier one as a revision), those edited in both places, with which text is current, the
   * files whose clock offset was set there later, and what was taken out there since (files,
   * findings, citations), which it took out here too.
   */
  merged: z
    .object({
      artifacts: z.number().int(),
      findings: z.number().int(),
      updatedFindings: z.number().int(),
      runbooks: z.number().int(),
      runbooksEditedInBoth: z.array(z.object({ title: z.string(), current: z.enum(['bundle', 'here']) })),
      clockOffsets: z.number().int(),
      removed: z.object({ artifacts: z.number().int(), findings: z.number().int(), citations: z.number().int() }),
    })
    .optional(),
})
export type ImportResult = z.infer<typeof ImportResult>

export const ImportProgress = z.object({
  importId: z.string(),
  file: z.string(),
  /** 0-based position of `file` among the `fileCount` files of this import. */
  fileIndex: z.number().int(),
  fileCount: z.number().int(),
  bytesRead: z.number(),
  totalBytes: z.number(),
})
export type ImportProgress = z.infer<typeof ImportProgress>

export const Prefs = z.object({
  paneSizes: z.array(z.number()).length(3).optional(),
  lastIncidentId: z.number().int().nullable().optional(),
  /** Replays may load the images, fonts and stylesheets recorded pages fetched from other hosts. */
  allowRemoteAssets: z.boolean().optional(),
  /** Who new findings are written by, asked once and remembered. */
  authorName: z.string().max(100).optional(),
  /** The incident list folded to a narrow rail, for room in a small window. */
  sidebarCollapsed: z.boolean().optional(),
})
export type Prefs = z.infer<typeof Prefs>

export const WorkspaceInfo = z.object({
  path: z.string(),
  recent: z.array(z.string()),
  /** Whether this caller may switch workspaces (the desktop app may; browser guests may not). */
  canSwitch: z.boolean(),
  /** Set for a pairing guest: the one incident the host shares with it. */
  sharedIncidentId: z.number().int().optional(),
})
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>
