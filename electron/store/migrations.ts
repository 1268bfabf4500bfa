import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { KEYFRAME_FLAG } from '../../shared/domain/model'
import type { TraceData } from '../../shared/traces/trace-data'
import { createRrwebReader } from '../../shared/formats/rrweb'
import { registerSearchWords } from './search-words'
import { joinSharedTraces } from './service-graph'
import { recordTraceColumns, traceSummaryKeeper } from './trace-columns'
import { writeIdle } from './sessions'

// Schema history. Each entry moves the workspace from version i to i + 1 inside one transaction;
// PRAGMA user_version records where a file is. Never edit a shipped migration: add one.

export const migrations: ReadonlyArray<(db: Database.Database) => void> = [
  (db) =>
    db.exec(`
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE artifacts (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('trace', 'session')),
        format TEXT NOT NULL,
        file_name TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        start_ms REAL NOT NULL,
        end_ms REAL NOT NULL,
        summary TEXT NOT NULL
      );
      CREATE INDEX artifacts_by_incident ON artifacts(incident_id);

      -- One row per distinct resource (service + attributes) of an artifact.
      CREATE TABLE resources (
        id INTEGER PRIMARY KEY,
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        service TEXT NOT NULL,
        attributes TEXT NOT NULL
      );
      CREATE INDEX resources_by_artifact ON resources(artifact_id);

      CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        service TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        start_ns INTEGER NOT NULL,
        end_ns INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('unset', 'ok', 'error')),
        status_message TEXT NOT NULL,
        resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
        scope TEXT,
        attributes TEXT NOT NULL,
        events TEXT,
        links TEXT
      );
      -- A trace's spans in order, and duplicate spans collapsing to one row.
      CREATE UNIQUE INDEX spans_by_trace ON spans(artifact_id, trace_id, span_id);
      -- Spans in flight at a moment (the shared clock) and per-service filters.
      CREATE INDEX spans_by_time ON spans(artifact_id, start_ns);

      CREATE TABLE session_chunks (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        first_ms REAL NOT NULL,
        last_ms REAL NOT NULL,
        event_count INTEGER NOT NULL,
        starts_with_full_snapshot INTEGER NOT NULL,
        events TEXT NOT NULL,
        PRIMARY KEY (artifact_id, seq)
      );

      CREATE TABLE session_markers (
        id INTEGER PRIMARY KEY,
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        time_ms REAL NOT NULL,
        label TEXT NOT NULL
      );
      CREATE INDEX session_markers_by_time ON session_markers(artifact_id, time_ms);

      CREATE TABLE session_trace_ids (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        trace_id TEXT NOT NULL,
        PRIMARY KEY (artifact_id, trace_id)
      );

      CREATE TABLE prefs (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `),
  // Markers become the recording's timeline: console messages at every level, and requests
  // flagged when they failed. Version 1 kept console errors only, as kind 'console-error'.
  (db) =>
    db.exec(`
      ALTER TABLE session_markers ADD COLUMN level TEXT;
      ALTER TABLE session_markers ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
      UPDATE session_markers SET kind = 'console', level = 'error' WHERE kind = 'console-error';
    `),
  // Child lookups (the service graph's "client span with no child", expanding a span).
  (db) => db.exec('CREATE INDEX spans_by_parent ON spans(artifact_id, trace_id, parent_span_id)'),
  // Authored diagrams; every save is a revision, the newest is the diagram's content.
  (db) =>
    db.exec(`
      CREATE TABLE diagrams (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE diagram_revisions (
        id INTEGER PRIMARY KEY,
        diagram_id INTEGER NOT NULL REFERENCES diagrams(id) ON DELETE CASCADE,
        saved_at INTEGER NOT NULL,
        -- DiagramContent as JSON (shared/diagrams/model.ts)
        content TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX diagram_revisions_by_diagram ON diagram_revisions(diagram_id, id);
    `),
  // Findings, runbooks with stable steps, the links between them, and one full-text index.
  (db) =>
    db.exec(`
      CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
        tags TEXT NOT NULL DEFAULT '[]',
        author TEXT NOT NULL DEFAULT '',
        -- What it is anchored to: a replay moment, a span, a diagram node or edge (at least one).
        anchor_time_ms REAL,
        anchor_trace_id TEXT,
        anchor_span_id TEXT,
        anchor_node TEXT,
        anchor_edge TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- Set when deleted, so a delete can be undone; such findings are hidden and unsearchable.
        deleted_at INTEGER
      );
      CREATE INDEX findings_by_incident ON findings(incident_id, anchor_time_ms);

      CREATE TABLE runbooks (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        markdown TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE runbook_revisions (
        id INTEGER PRIMARY KEY,
        runbook_id INTEGER NOT NULL REFERENCES runbooks(id) ON DELETE CASCADE,
        saved_at INTEGER NOT NULL,
        markdown TEXT NOT NULL
      );
      CREATE INDEX runbook_revisions_by_runbook ON runbook_revisions(runbook_id, id);
      -- The current steps; ids survive edits (shared/runbooks/steps.ts).
      CREATE TABLE runbook_steps (
        runbook_id INTEGER NOT NULL REFERENCES runbooks(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (runbook_id, step_id)
      );
      CREATE TABLE finding_links (
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        runbook_id INTEGER NOT NULL REFERENCES runbooks(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        PRIMARY KEY (finding_id, runbook_id, step_id)
      );
      CREATE INDEX finding_links_by_step ON finding_links(runbook_id, step_id);

      CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, ref_id UNINDEXED, title, body, tokenize = 'porter unicode61', prefix = '2 3');
      CREATE TRIGGER findings_indexed AFTER INSERT ON findings BEGIN
        INSERT INTO search_index (kind, ref_id, title, body) VALUES ('finding', new.id, new.title, new.notes || ' ' || new.tags);
      END;
      CREATE TRIGGER findings_reindexed AFTER UPDATE ON findings BEGIN
        DELETE FROM search_index WHERE kind = 'finding' AND ref_id = old.id;
        INSERT INTO search_index (kind, ref_id, title, body) SELECT 'finding', new.id, new.title, new.notes || ' ' || new.tags WHERE new.deleted_at IS NULL;
      END;
      CREATE TRIGGER findings_unindexed AFTER DELETE ON findings BEGIN
        DELETE FROM search_index WHERE kind = 'finding' AND ref_id = old.id;
      END;
      CREATE TRIGGER runbooks_indexed AFTER INSERT ON runbooks BEGIN
        INSERT INTO search_index (kind, ref_id, title, body) VALUES ('runbook', new.id, new.title, new.markdown || ' ' || new.owner || ' ' || new.tags);
      END;
      CREATE TRIGGER runbooks_reindexed AFTER UPDATE ON runbooks BEGIN
        DELETE FROM search_index WHERE kind = 'runbook' AND ref_id = old.id;
        INSERT INTO search_index (kind, ref_id, title, body) VALUES ('runbook', new.id, new.title, new.markdown || ' ' || new.owner || ' ' || new.tags);
      END;
      CREATE TRIGGER runbooks_unindexed AFTER DELETE ON runbooks BEGIN
        DELETE FROM search_index WHERE kind = 'runbook' AND ref_id = old.id;
      END;
    `),
  // Ids that survive export and import (.casefile bundles), so importing twice adds nothing twice.
  (db) =>
    db.exec(`
      ALTER TABLE incidents ADD COLUMN uid TEXT;
      UPDATE incidents SET uid = lower(hex(randomblob(16)));
      CREATE UNIQUE INDEX incidents_by_uid ON incidents(uid);
      ALTER TABLE runbooks ADD COLUMN uid TEXT;
      UPDATE runbooks SET uid = lower(hex(randomblob(16)));
      CREATE UNIQUE INDEX runbooks_by_uid ON runbooks(uid);
    `),
  // One clock: request markers keep their trace context and duration; artifacts keep an offset.
  (db) =>
    db.exec(`
      ALTER TABLE session_markers ADD COLUMN trace_id TEXT;
      ALTER TABLE session_markers ADD COLUMN span_id TEXT;
      ALTER TABLE session_markers ADD COLUMN duration_ms REAL;
      ALTER TABLE artifacts ADD COLUMN clock_offset_ms REAL NOT NULL DEFAULT 0;
    `),
  // The service graph's calls and per-service counts, worked out once per trace file at import.
  // The backfill is recordServiceCalls (service-graph.ts) as it stood then, frozen here.
  (db) =>
    db.exec(`
      CREATE TABLE service_calls (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        trace_id TEXT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        failed INTEGER NOT NULL,
        duration_ns INTEGER NOT NULL,
        messaging INTEGER NOT NULL,
        database INTEGER NOT NULL
      );
      CREATE INDEX service_calls_by_trace ON service_calls(artifact_id, trace_id);
      CREATE TABLE service_spans (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        trace_id TEXT NOT NULL,
        service TEXT NOT NULL,
        spans INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        PRIMARY KEY (artifact_id, trace_id, service)
      );
      INSERT INTO service_calls (artifact_id, trace_id, source, target, failed, duration_ns, messaging, database)
        SELECT c.artifact_id, c.trace_id, p.service, c.service, c.status = 'error', c.end_ns - c.start_ns, p.kind = 'producer' AND c.kind = 'consumer', 0
        FROM spans c JOIN spans p ON p.artifact_id = c.artifact_id AND p.trace_id = c.trace_id AND p.span_id = c.parent_span_id
        WHERE p.service <> c.service
        UNION ALL
        SELECT c.artifact_id, c.trace_id, c.service, callee, c.status = 'error', c.end_ns - c.start_ns, 0, json_extract(c.attributes, '$."db.system"') IS NOT NULL
        FROM (SELECT *, coalesce(json_extract(attributes, '$."peer.service"'), json_extract(attributes, '$."server.address"'), json_extract(attributes, '$."db.system"')) AS callee
              FROM spans WHERE kind = 'client') c
        WHERE callee IS NOT NULL AND callee <> c.service
          AND NOT EXISTS (SELECT 1 FROM spans k WHERE k.artifact_id = c.artifact_id AND k.trace_id = c.trace_id AND k.parent_span_id = c.span_id);
      INSERT INTO service_spans (artifact_id, trace_id, service, spans, errors)
        SELECT artifact_id, trace_id, service, count(*), sum(status = 'error') FROM spans GROUP BY artifact_id, trace_id, service;
    `),
  // Texts edited together (finding notes, runbook markdown) as Yjs documents.
  (db) =>
    db.exec(`
      CREATE TABLE collab_docs (
        doc_id TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `),
  // Each trace's waterfall columns, worked out once (trace-columns.ts); traces imported before
  // are worked out when first opened.
  (db) =>
    db.exec(`
      CREATE TABLE trace_columns (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        trace_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (artifact_id, trace_id)
      );
    `),
  // Authored diagrams keep an id across export and import too: a bundle carries the diagrams its
  // runbooks embed, and importing them again reuses the copy already there.
  (db) =>
    db.exec(`
      ALTER TABLE diagrams ADD COLUMN uid TEXT;
      UPDATE diagrams SET uid = lower(hex(randomblob(16)));
      CREATE UNIQUE INDEX diagrams_by_uid ON diagrams(uid);
    `),
  // Search without stemming: the porter stemmer stemmed a prefix being typed too ("pay" became
  // "pai", no longer a prefix of "payment"). Every word is matched as a prefix instead.
  (db) =>
    db.exec(`
      DROP TABLE search_index;
      CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, ref_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'finding', id, title, notes || ' ' || tags FROM findings WHERE deleted_at IS NULL;
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'runbook', id, title, markdown || ' ' || owner || ' ' || tags FROM runbooks;
    `),
  // Findings and imported files keep an id across workspaces, so a newer bundle of an incident
  // already here brings in what it has more. Rows that exist now get one derived from what a
  // bundle copies unchanged (the incident's uid, when and by whom the row was made), so a finding
  // and its earlier bundled copy, each migrated in its own workspace, get the same one.
  (db) => {
    db.exec(`
      ALTER TABLE findings ADD COLUMN uid TEXT;
      ALTER TABLE artifacts ADD COLUMN uid TEXT;
    `)
    const derive = (table: string, key: string) => {
      const rows = db.prepare(`SELECT t.id, i.uid || char(10) || ${key} AS key FROM ${table} t JOIN incidents i ON i.id = t.incident_id ORDER BY t.id`).raw().all() as Array<[number, string]>
      const set = db.prepare(`UPDATE ${table} SET uid = ? WHERE id = ?`)
      const seen = new Map<string, number>()
      for (const [id, key] of rows) {
        const nth = (seen.get(key) ?? 0) + 1
        seen.set(key, nth)
        set.run(createHash('sha256').update(`${key}\n${nth}`).digest('hex').slice(0, 32), id)
      }
    }
    derive('findings', "t.created_at || char(10) || t.author")
    derive('artifacts', "t.imported_at || char(10) || t.kind || char(10) || t.file_name")
    db.exec(`
      CREATE UNIQUE INDEX findings_by_uid ON findings(uid);
      CREATE UNIQUE INDEX artifacts_by_uid ON artifacts(uid);
    `)
  },
  // A revision remembers its steps' ids, so restoring it gives its steps back with the findings
  // that cite them (NULL for revisions saved before: their steps are matched by text, as edits are).
  (db) => db.exec('ALTER TABLE runbook_revisions ADD COLUMN step_ids TEXT'),
  // Incident and finding ids are never given twice (SQLite reuses the highest after a delete): a
  // window still showing a deleted incident, or editing a deleted finding, must not write into a
  // newer one. The highest id ever used is kept here; see ids.ts.
  (db) =>
    db.exec(`
      CREATE TABLE id_counters (name TEXT PRIMARY KEY, last INTEGER NOT NULL);
      INSERT INTO id_counters (name, last) SELECT 'incidents', coalesce(max(id), 0) FROM incidents;
      INSERT INTO id_counters (name, last) SELECT 'findings', coalesce(max(id), 0) FROM findings;
      CREATE TRIGGER incidents_counted AFTER INSERT ON incidents BEGIN
        UPDATE id_counters SET last = max(last, NEW.id) WHERE name = 'incidents';
      END;
      CREATE TRIGGER findings_counted AFTER INSERT ON findings BEGIN
        UPDATE id_counters SET last = max(last, NEW.id) WHERE name = 'findings';
      END;
    `),
  // An imported file's content hash: the same file imported again into an incident adds nothing
  // (a re-run script, a file given twice). NULL for files imported before.
  (db) =>
    db.exec(`
      ALTER TABLE artifacts ADD COLUMN content_sha256 TEXT;
      CREATE INDEX artifacts_by_content ON artifacts(incident_id, content_sha256);
    `),
  // Words in scripts written without spaces (Chinese, Japanese, Thai) are indexed one by one:
  // the index's text goes through search_words (search-words.ts), which migrate() registers on
  // the connection; any other connection that writes findings or runbooks registers it too.
  (db) => {
    const finding = `search_words(new.title), search_words(new.notes || ' ' || new.tags)`
    const runbook = `search_words(new.title), search_words(new.markdown || ' ' || new.owner || ' ' || new.tags)`
    reindexSearch(db, finding, runbook)
    db.exec(`
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'finding', id, search_words(title), search_words(notes || ' ' || tags) FROM findings WHERE deleted_at IS NULL;
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'runbook', id, search_words(title), search_words(markdown || ' ' || owner || ' ' || tags) FROM runbooks;
    `)
  },
  // A recording's idle stretches, which skipping inactivity passes over (shared/formats/rrweb.ts
  // says what idle is); recordings imported before are read again from their stored events.
  (db) => {
    db.exec(`
      CREATE TABLE session_idle (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        from_ms REAL NOT NULL,
        to_ms REAL NOT NULL
      );
      CREATE INDEX session_idle_by_artifact ON session_idle(artifact_id, from_ms);
    `)
    const chunksOf = db.prepare('SELECT events FROM session_chunks WHERE artifact_id = ? ORDER BY seq').pluck()
    for (const artifactId of db.prepare("SELECT id FROM artifacts WHERE kind = 'session'").pluck().all() as number[]) {
      const reader = createRrwebReader({ event: () => {}, marker: () => {} }, 'lines')
      try {
        for (const chunk of chunksOf.all(artifactId) as string[]) {
          for (const event of JSON.parse(chunk) as Array<Record<string, unknown>>) if (!event[KEYFRAME_FLAG]) reader.value([0], event, '')
        }
        writeIdle(db, artifactId, reader.finish().idle)
      } catch {
        // A recording it cannot read again keeps playing; only without skipping its idle stretches.
      }
    }
  },
  // The search index takes tags as words ("payments timeout"), not their JSON text, which showed
  // in snippets as ["payments","timeout"] (and an empty list as []).
  (db) => {
    const tags = (column: string) => `coalesce((SELECT group_concat(value, ' ') FROM json_each(${column})), '')`
    const finding = `search_words(new.title), search_words(new.notes || ' ' || ${tags('new.tags')})`
    const runbook = `search_words(new.title), search_words(new.markdown || ' ' || new.owner || ' ' || ${tags('new.tags')})`
    reindexSearch(db, finding, runbook)
    db.exec(`
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'finding', id, search_words(title), search_words(notes || ' ' || ${tags('tags')}) FROM findings WHERE deleted_at IS NULL;
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'runbook', id, search_words(title), search_words(markdown || ' ' || owner || ' ' || ${tags('tags')}) FROM runbooks;
    `)
  },
  // Diagram and runbook ids are never given twice either: an embed (casefile:diagram/ID) or a
  // window's draft of a deleted one must not come to mean a newer one.
  (db) =>
    db.exec(`
      INSERT INTO id_counters (name, last) SELECT 'diagrams', coalesce(max(id), 0) FROM diagrams WHERE true
        ON CONFLICT (name) DO UPDATE SET last = max(last, excluded.last);
      INSERT INTO id_counters (name, last) SELECT 'runbooks', coalesce(max(id), 0) FROM runbooks WHERE true
        ON CONFLICT (name) DO UPDATE SET last = max(last, excluded.last);
      CREATE TRIGGER IF NOT EXISTS diagrams_counted AFTER INSERT ON diagrams BEGIN
        UPDATE id_counters SET last = max(last, NEW.id) WHERE name = 'diagrams';
      END;
      CREATE TRIGGER IF NOT EXISTS runbooks_counted AFTER INSERT ON runbooks BEGIN
        UPDATE id_counters SET last = max(last, NEW.id) WHERE name = 'runbooks';
      END;
    `),
  // A trace with spans in several files of an incident has its calls worked out over all of them
  // (a call from one file into another counts, a span in two files once); see joinSharedTraces.
  (db) => {
    for (const artifactId of db.prepare("SELECT id FROM artifacts WHERE kind = 'trace' ORDER BY id").pluck().all() as number[]) joinSharedTraces(db, artifactId)
  },
  // When a file's clock offset was last set (NULL: never), so a bundle's later offset for the same
  // file replaces an earlier one here, and not the other way round.
  (db) => addColumnOnce(db, 'artifacts', 'clock_set_at INTEGER'),
  // Removals travel in bundles as edits do: a file taken out of an incident and a citation taken
  // back are remembered (with when), so a later bundle takes them out in the other workspace too,
  // and an older bundle does not bring them back. When a citation was made decides against a
  // removal; NULL for ones made before (a removal then wins).
  (db) => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS removed_artifacts (
        uid TEXT PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        removed_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS removed_artifacts_by_incident ON removed_artifacts(incident_id);
      CREATE TABLE IF NOT EXISTS removed_citations (
        finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        runbook_id INTEGER NOT NULL REFERENCES runbooks(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        removed_at INTEGER NOT NULL,
        PRIMARY KEY (finding_id, runbook_id, step_id)
      );
    `)
    addColumnOnce(db, 'finding_links', 'linked_at INTEGER')
  },
  // When each service was busy (service-activity.ts) is read from this index alone: an incident of
  // 200,000 spans is then a few MB of index to read, not the spans' rows with their attributes.
  (db) => db.exec('CREATE INDEX IF NOT EXISTS spans_by_service ON spans(artifact_id, service, start_ns, end_ns)'),
  // Each trace of a trace file summed up once (traceSummaryKeeper): the trace list of an incident of
  // 18,000 traces then reads 18,000 rows, not its 200,000 spans and a root lookup for each. Its
  // start and end are as the waterfall shows them (skew corrected). Filled in by the next step.
  (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS file_traces (
        artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
        trace_id TEXT NOT NULL,
        spans INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        start_ns INTEGER NOT NULL,
        end_ns INTEGER NOT NULL,
        root_service TEXT NOT NULL,
        root_name TEXT NOT NULL,
        PRIMARY KEY (artifact_id, trace_id)
      );
    `),
  // How many trees each trace's spans form in its file (the list marks a trace in pieces), then
  // every sum again. Summing up is the live traceSummaryKeeper: a later column of file_traces is
  // added in a step of its own, which moves this filling to the end.
  (db) => {
    addColumnOnce(db, 'file_traces', 'pieces INTEGER NOT NULL DEFAULT 1')
    db.exec('DELETE FROM file_traces')
    // From each trace's columns where they are kept for all of a file's traces, else worked out again.
    const summarize = traceSummaryKeeper(db)
    for (const artifactId of db.prepare("SELECT id FROM artifacts WHERE kind = 'trace'").pluck().all() as number[]) {
      const kept = db.prepare('SELECT data FROM trace_columns WHERE artifact_id = ?').pluck().all(artifactId) as string[]
      const traces = db.prepare('SELECT count(DISTINCT trace_id) FROM spans WHERE artifact_id = ?').pluck().get(artifactId) as number
      if (kept.length === traces) for (const data of kept) summarize(artifactId, JSON.parse(data) as TraceData)
      else recordTraceColumns(db, artifactId)
    }
  },
]

/** Adds a column (`name TYPE`) unless the table has it (a migration may run again over its own work: see migrations.test.ts). */
function addColumnOnce(db: Database.Database, table: string, column: string): void {
  const name = column.split(' ')[0]
  if (!db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table).includes(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`)
}

/**
 * Recreates the search index's triggers with `finding` and `runbook` (SQL over `new.`) as the
 * indexed title and body, and empties the index for the caller to fill again.
 */
function reindexSearch(db: Database.Database, finding: string, runbook: string): void {
  db.exec(`
    DROP TRIGGER findings_indexed;
    DROP TRIGGER findings_reindexed;
    DROP TRIGGER runbooks_indexed;
    DROP TRIGGER runbooks_reindexed;
    CREATE TRIGGER findings_indexed AFTER INSERT ON findings BEGIN
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'finding', new.id, ${finding} WHERE new.deleted_at IS NULL;
    END;
    CREATE TRIGGER findings_reindexed AFTER UPDATE ON findings BEGIN
      DELETE FROM search_index WHERE kind = 'finding' AND ref_id = old.id;
      INSERT INTO search_index (kind, ref_id, title, body) SELECT 'finding', new.id, ${finding} WHERE new.deleted_at IS NULL;
    END;
    CREATE TRIGGER runbooks_indexed AFTER INSERT ON runbooks BEGIN
      INSERT INTO search_index (kind, ref_id, title, body) VALUES ('runbook', new.id, ${runbook});
    END;
    CREATE TRIGGER runbooks_reindexed AFTER UPDATE ON runbooks BEGIN
      DELETE FROM search_index WHERE kind = 'runbook' AND ref_id = old.id;
      INSERT INTO search_index (kind, ref_id, title, body) VALUES ('runbook', new.id, ${runbook});
    END;
    DELETE FROM search_index;
  `)
}

export const LATEST_VERSION = migrations.length

/** Brings the schema to `target` (default: latest). Returns the version it started from. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number {
  // Migrations and, from then on, the search index's triggers call it.
  registerSearchWords(db)
  const from = db.pragma('user_version', { simple: true }) as number
  if (from > LATEST_VERSION) {
    throw new Error(`this workspace was written by a newer Casefile (schema ${from}, this build knows ${LATEST_VERSION})`)
  }
  for (let version = from; version < target; version++) {
    db.transaction(() => {
      // Another process opening the same workspace may have taken this step while this one waited.
      if ((db.pragma('user_version', { simple: true }) as number) > version) return
      migrations[version](db)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
  return from
}
