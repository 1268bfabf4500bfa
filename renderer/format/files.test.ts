import { describe, expect, it } from 'vitest'
import { fileLabel } from './files'

describe('fileLabel', () => {
  it('is the name of the file, whatever path it was imported by', () => {
    expect(fileLabel('fx/later-session.rrweb.json')).toBe('later-session.rrweb.json')
    expect(fileLabel('C:\\incidents\\traces.json')).toBe('traces.json')
    expect(fileLabel('traces.json')).toBe('traces.json')
  })
})
