import { describe, expect, it } from 'vitest'
import { fileLabel, fileNameFor } from './file-name'

describe('file names from titles', () => {
  it('keeps words and drops what file systems refuse', () => {
    expect(fileNameFor('Demo: checkout fails with 502')).toBe('Demo-checkout-fails-with-502')
    expect(fileNameFor('../../etc/passwd')).toBe('etc-passwd')
    expect(fileNameFor('Zahlung fehlgeschlagen – Übersicht')).toBe('Zahlung-fehlgeschlagen-Übersicht')
  })

  it('falls back when nothing is left, and stays short', () => {
    expect(fileNameFor('///')).toBe('incident')
    expect(fileNameFor('x'.repeat(200))).toHaveLength(80)
    // Cut where a space was: no dash left hanging before the extension.
    expect(fileNameFor('abcdefghi '.repeat(9))).toBe(`${'abcdefghi-'.repeat(7)}abcdefghi`)
  })
})

describe('fileLabel', () => {
  it('is the name of the file, whatever path it was imported by', () => {
    expect(fileLabel('fx/later-session.rrweb.json')).toBe('later-session.rrweb.json')
    expect(fileLabel('C:\\incidents\\traces.json')).toBe('traces.json')
    expect(fileLabel('traces.json')).toBe('traces.json')
  })
})
