import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { appDataDir } from './paths'

const LIMIT = 10
const file = () => join(appDataDir(), 'recent-workspaces.json')

/** Workspace files opened lately, newest first. */
export function recentWorkspaces(): string[] {
  try {
    const list = JSON.parse(readFileSync(file(), 'utf8'))
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []
  } catch {
    return []
  }
}

export function rememberWorkspace(path: string): string[] {
  const absolute = resolve(path)
  const list = [absolute, ...recentWorkspaces().filter((item) => item !== absolute)].slice(0, LIMIT)
  try {
    mkdirSync(dirname(file()), { recursive: true })
    writeFileSync(file(), JSON.stringify(list, null, 2))
  } catch (error) {
    console.warn(`[casefile] could not save the recent workspaces list: ${(error as Error).message}`)
  }
  return list
}
