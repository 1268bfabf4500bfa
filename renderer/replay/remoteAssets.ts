import type { ApiClient } from '../../shared/api/contract'

// Remote assets of replayed pages: the images, fonts and stylesheets a recorded page loaded from
// its own servers. The replay's about:blank iframe inherits this page's Content-Security-Policy.
// The base policy (renderer/index.html, and the server's header in browser mode) allows those
// three kinds from http(s) hosts, nothing else remote; unless the user has allowed remote assets,
// `applyRemoteAssetsPref` adds a second, stricter policy before anything renders. A policy in
// force can be tightened but never loosened, so a change of mind takes a reload.

/** Takes back the remote sources the base policy allows. */
export const BLOCKING_POLICY = "img-src 'self' data: blob:; font-src 'self' data:; style-src 'self' 'unsafe-inline'"

const MARK = 'data-casefile-blocks-remote-assets'

/** How long start-up waits for the prefs before blocking, so the app still renders without a host. */
const PREFS_TIMEOUT_MS = 3_000

/** Adds the blocking policy to `doc` (once). */
function blockRemoteAssets(doc: Document = document): void {
  if (remoteAssetsBlocked(doc)) return
  const meta = doc.createElement('meta')
  meta.httpEquiv = 'Content-Security-Policy'
  meta.content = BLOCKING_POLICY
  meta.setAttribute(MARK, '')
  doc.head.prepend(meta)
}

/** Whether this page blocks remote assets (the choice in force, whatever the stored pref says since). */
export function remoteAssetsBlocked(doc: Document = document): boolean {
  return doc.head.querySelector(`meta[${MARK}]`) !== null
}

/**
 * Blocks remote assets unless the stored pref allows them. Anything short of a clear yes (no
 * answer, an error, a guest without prefs) blocks.
 */
export async function applyRemoteAssetsPref(api: ApiClient, timeoutMs = PREFS_TIMEOUT_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)))
  const prefs = await Promise.race([api.call('prefs.get', {}).catch(() => null), timeout])
  clearTimeout(timer)
  if (prefs?.allowRemoteAssets !== true) blockRemoteAssets()
}

/** The reload a remote assets choice needs would ask first: there are edits not saved. */
export class UnsavedEdits extends Error {}

/** Whether leaving the page now would ask first: one of the app's beforeunload handlers holds it back. */
function leavingAsks(): boolean {
  const unload = new Event('beforeunload', { cancelable: true })
  window.dispatchEvent(unload)
  return unload.defaultPrevented
}

/**
 * Stores the choice and reloads the page so the policy matching it is the one in force. Not while
 * edits are unsaved: the reload would ask first, and one the user stays from would leave the
 * choice stored but this page still under the other policy.
 */
export async function chooseRemoteAssets(api: ApiClient, allow: boolean): Promise<void> {
  if (leavingAsks()) throw new UnsavedEdits('save or discard the edits in progress first')
  const choice = { allowRemoteAssets: allow }
  await api.call('prefs.set', choice)
  // The layout prefs are saved whole on the way out, as loaded before this change: send the
  // choice again after them so an old value they carry does not win.
  window.addEventListener('pagehide', () => void api.call('prefs.set', choice).catch(() => {}), { once: true })
  window.location.reload()
}
