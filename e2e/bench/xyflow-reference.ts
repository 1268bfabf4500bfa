import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import { build, preview } from 'vite'
import { ROOT } from '../support/server'

// The diagram benchmark's reference: stock @xyflow/react showing the same diagram
// (xyflow-reference/main.tsx), built for production with Vite and served on loopback.

const SOURCE = join(ROOT, 'e2e', 'bench', 'xyflow-reference')

export interface XyflowReference {
  url: string
  close(): Promise<void>
}

export async function startXyflowReference(): Promise<XyflowReference> {
  const outDir = mkdtempSync(join(tmpdir(), 'casefile-xyflow-reference-'))
  const config = { root: SOURCE, configFile: false as const, logLevel: 'warn' as const, plugins: [react()], build: { outDir, emptyOutDir: true } }
  await build(config)
  const server = await preview({ ...config, preview: { host: '127.0.0.1', port: 0 } })
  return {
    url: server.resolvedUrls!.local[0],
    close: async () => {
      await server.close()
      rmSync(outDir, { recursive: true, force: true })
    },
  }
}
