import type { ArtifactSummary } from '../../shared/domain/model'
import type { SplitterHandlers } from '../../shared/formats/json-stream'

/** A format's reader over one file: what it is fed, then what it makes of it all. */
export interface FileReader<T> {
  handlers: SplitterHandlers
  finish(): T
}

/** What a file's import makes: its summary and the wall-clock time it covers. */
export interface ImportedFile {
  summary: ArtifactSummary
  startMs: number
  endMs: number
}
