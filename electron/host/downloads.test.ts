import { writeFileSync } from 'node:fs'
import { describe, expect, it, onTestFinished } from 'vitest'
import { DOWNLOAD_IDLE_MS, Downloads } from './downloads'

const bytes = (size: number) => async (path: string) => writeFileSync(path, Buffer.alloc(size, 7))

describe('downloads waiting to be read', () => {
  it('are removed once nobody has read from them for a while, and not while being read', async () => {
    let now = 0
    const downloads = new Downloads(() => now)
    onTestFinished(() => downloads.dispose())
    const forgotten = await downloads.create('forgotten.casefile', bytes(10))
    const reading = await downloads.create('reading.casefile', bytes(3 * 1024 * 1024))
    now += DOWNLOAD_IDLE_MS - 1
    expect(downloads.chunk(reading.downloadId, 0).done).toBe(false)
    now += 1
    // The next download made sweeps the idle ones.
    await downloads.create('next.casefile', bytes(10))
    expect(() => downloads.chunk(forgotten.downloadId, 0)).toThrow(/does not exist/)
    expect(downloads.chunk(reading.downloadId, 1024 * 1024).done).toBe(false)
  })
})
