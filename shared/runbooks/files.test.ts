import { describe, expect, it } from 'vitest'
import { readRunbookFile, runbookFileText, titleClash } from './files'

const TEXT = '# Payments failover\n\n1. Check the acquirer error rate.\n2. Fail over.\n'

describe('runbook files', () => {
  it('carry the owner and tags kept beside the text in front matter, read back to the same', () => {
    const file = runbookFileText(TEXT, 'team-payments', ['payments', 'on call: EU', 'p1'])
    expect(file).toBe('---\nowner: team-payments\ntags: [payments, "on call: EU", p1]\n---\n\n' + TEXT)
    expect(readRunbookFile(file)).toEqual({ markdown: TEXT, owner: 'team-payments', tags: ['payments', 'on call: EU', 'p1'] })
  })

  it('are the text alone without tags or an owner, or with the owner its text names', () => {
    expect(runbookFileText(TEXT, '', [])).toBe(TEXT)
    const owned = '# Payments failover\n\nOwner: team-payments.\n\n1. Look.\n'
    expect(runbookFileText(owned, 'team-payments', [])).toBe(owned)
    expect(readRunbookFile(TEXT)).toEqual({ markdown: TEXT })
  })

  it('read front matter as other tools write it: block lists, bare lists, quotes; other keys keep the block in the text', () => {
    expect(readRunbookFile(`---\nowner: 'sre team'\ntags:\n  - payments\n  - checkout\n---\n${TEXT}`)).toEqual({ markdown: TEXT, owner: 'sre team', tags: ['payments', 'checkout'] })
    expect(readRunbookFile(`---\ntags: payments, checkout\n---\n${TEXT}`)).toEqual({ markdown: TEXT, tags: ['payments', 'checkout'] })
    const backstage = `---\ntitle: Payments\nowner: team-payments\n---\n${TEXT}`
    expect(readRunbookFile(backstage)).toEqual({ markdown: backstage, owner: 'team-payments' })
  })

  it('take a text opening on a rule for text, not front matter', () => {
    const ruled = '---\nThe pager goes off first.\n---\n# Pager\n'
    expect(readRunbookFile(ruled)).toEqual({ markdown: ruled })
  })

  it('find two files of one title whatever their front matter', () => {
    expect(titleClash([{ name: 'a.md', markdown: runbookFileText(TEXT, 'x', ['y']) }, { name: 'b.md', markdown: TEXT }])).toMatch(/^b\.md: has the title “Payments failover”, as a\.md does/)
  })
})
