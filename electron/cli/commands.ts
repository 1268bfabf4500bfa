// Help text of each command; the shapes of their JSON output are documented in README.md.

export const HELP = {
  main: `Usage: casefile COMMAND [options]

Commands:
  import   Import session recordings and trace files into an incident
  query    Run a read-only SQL query against a workspace
  export   Write an incident, with its findings and cited runbooks, to a .casefile bundle
  graph    Print the service graph derived from an incident's traces
  report   Write an incident report (markdown or one self-contained HTML file)
  runbook  Import runbooks (markdown) into the workspace, or export them to a folder
  search   Full-text search over runbooks and findings
  serve    Serve the Casefile UI to a browser on this machine

Options:
  --db PATH      Workspace file (default: the desktop app's workspace)
  -h, --help     Show help; "casefile COMMAND --help" for a command's options
  -V, --version  Show this build's version and the workspace schema it writes
`,
  import: `Usage: casefile import [--db PATH] [--incident TITLE] FILE...

Imports rrweb recordings (JSON array, {"events": [...]}, one event per line, Sentry's replay
segments, PostHog's export) and traces (OTLP/JSON or JSON Lines, Jaeger JSON, Zipkin v2 JSON)
into the incident with this title, creating it if needed (if two incidents have that title,
nothing is imported: name one with --incident-id). The format is detected from each file's
content; a file the incident has already (same content) is not imported twice. A .casefile bundle
(see casefile export) is imported alone, as the incident it holds. A bundle of an incident the
workspace has already ("alreadyPresent": true) brings in only what it has more: files and
findings, findings edited later in it, and runbooks saved in it ("merged":
{"artifacts","findings","updatedFindings","runbooks","runbooksEditedInBoth","clockOffsets","removed"};
a runbook edited in both keeps the later text, the other as a revision, and is listed as
{"title","current"}; a file's clock offset set later there replaces the one here). Files,
findings and citations taken out there since go here too ("removed":
{"artifacts","findings","citations"}), and what was taken out here does not come back.
The same bundle twice adds nothing the second time.

Prints {"incident":{"id","title"},"artifacts":[...]} on stdout. If any file is bad, nothing is
imported, one line on stderr names the file and the reason, and the exit code is 1.

Options:
  --db PATH         Workspace file
  --incident TITLE  Incident to import into (default: the first file's name)
  --incident-id ID  The existing incident with this id, whatever its title
`,
  query: `Usage: casefile query [--db PATH] "SQL"

Runs one read-only SQL statement and prints the rows as a JSON array of objects. Statements
that would change the workspace are refused. Tables are described in README.md.
`,
  export: `Usage: casefile export [--db PATH] --incident ID|TITLE --out FILE.casefile

Writes the incident to one file: its recordings, traces, findings and the runbooks they cite,
so a colleague opens exactly the same view offline (casefile import FILE.casefile, or drop it
on the app). Prints {"incident":{"id","title"},"file","bytes"}.
`,
  graph: `Usage: casefile graph [--db PATH] --incident ID|TITLE [--trace TRACE_ID]

Prints the service graph derived from the incident's spans (or one trace's: TRACE_ID is 32 hex
digits, any case; a trace the incident lacks is an error) as
{"nodes":[{"id","spans","errorSpans","uninstrumented"}],"edges":[{"from","to","calls","errors","p50Ms","p95Ms"}]}.
A parent→child span pair across services is a call; a CLIENT span with no child span is a call to
the callee it names (peer.service, else server.address, else db.system), an uninstrumented node.
`,
  report: `Usage: casefile report [--db PATH] --incident ID|TITLE --format md|html

Prints the incident's report on stdout: summary, findings timeline with anchors and linked
runbook steps, failing spans grouped by service, operation and error (counted, most first) and the
service diagram. The HTML is one self-contained file.
`,
  runbook: `Usage: casefile runbook import [--db PATH] FILE.md...
       casefile runbook export [--db PATH] --out FOLDER [ID|TITLE...]

Imports markdown runbooks; each title is the file's first # heading (else its file name), its
steps are the ## sections or, without any, the top-level numbered items. A file whose title is
already a runbook's updates that runbook (a new revision, if its text changed; steps cited by
findings keep their citations, and a cited step the new text drops is named on stderr). An
"Owner: ..." line before the first step sets the owner; front matter (--- lines around
"owner: ..." and "tags: [a, b]") sets owner and tags. Prints {"runbooks":[{"id","title","steps"}]}.
If any file cannot be read, or two files have one title, nothing is imported (exit 1).

Export writes runbooks (all of them, or those named) into FOLDER as markdown files named after
their titles (TITLE.md, replacing a file of that name), the text as last saved after front matter
for its tags and an owner the text does not name, so a folder kept in git goes both ways. Prints
{"runbooks":[{"id","title","file"}]}.
`,
  search: `Usage: casefile search [--db PATH] QUERY

Searches runbooks and findings (SQLite FTS5, ranked by bm25; every word matches as a prefix).
Prints {"hits":[{"kind":"runbook"|"finding","id","title","snippet"}]}, best first; matched terms
are wrapped in <mark></mark> in the snippet.
`,
  serve: `Usage: casefile serve [--db PATH] [--port N] [--host 127.0.0.1]

Serves the Casefile UI over http on this machine and prints its URL, which carries a random
access token; connections without it are refused. Stop with Ctrl+C.

Options:
  --db PATH    Workspace file
  --port N     Port to listen on (default: a free port)
  --host ADDR  Interface to listen on (default: 127.0.0.1); 0.0.0.0 listens on all of them and
               prints the URL on each of this machine's addresses. To pair over the LAN, use the
               app's Share session instead: it shares one incident, not the workspace.
`,
} as const

export type CommandName = Exclude<keyof typeof HELP, 'main'>
