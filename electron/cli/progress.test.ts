import { describe, expect, it } from 'vitest'
import { terminalProgress } from './progress'

const MB = 1024 ** 2
const terminal = (isTTY: boolean) => {
  const written: string[] = []
  return { written, stream: { isTTY, write: (text: string) => (written.push(text), true) } }
}

describe('the import progress line', () => {
  it('shows the file and how far it got in a terminal, redrawn in place, and is cleared at the end', () => {
    const { written, stream } = terminal(true)
    const progress = terminalProgress(stream)
    progress.report({ file: '/data/traces.otlp.json', fileIndex: 1, fileCount: 2, bytesRead: 6 * MB, totalBytes: 24 * MB })
    expect(written).toEqual(['\r\x1b[Kimporting traces.otlp.json (2 of 2): 25% of 24 MB'])
    progress.done()
    expect(written.at(-1)).toBe('\r\x1b[K')
  })

  it('says nothing where stderr is not a terminal, or for a small file', () => {
    const piped = terminal(false)
    const quiet = terminalProgress(piped.stream)
    quiet.report({ file: 'big.json', fileIndex: 0, fileCount: 1, bytesRead: 1, totalBytes: 100 * MB })
    quiet.done()
    expect(piped.written).toEqual([])
    const tty = terminal(true)
    const small = terminalProgress(tty.stream)
    small.report({ file: 'small.json', fileIndex: 0, fileCount: 1, bytesRead: 1, totalBytes: MB })
    small.done()
    expect(tty.written).toEqual([])
  })
})
