import { request as httpRequest } from 'node:http'
import { SOCKET_PATH, TOKEN_PARAM } from '../shared/api/wire'
import { openApp } from './support/app'
import { expect, test } from './support/casefile'
import { startCasefile } from './support/server'

/** Attempts a WebSocket upgrade with a raw HTTP request; resolves with the response status. */
function upgradeStatus(origin: string, path: string): Promise<number> {
  const url = new URL(path, origin)
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('casefile-e2e-key').toString('base64'),
        Host: url.host,
      },
    })
    request.on('upgrade', (response, socket) => {
      socket.destroy()
      resolve(response.statusCode ?? 0)
    })
    request.on('response', (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
    request.setTimeout(5_000, () => request.destroy(new Error('upgrade request timed out')))
    request.end()
  })
}

test('the API refuses a WebSocket without the right token', async ({ casefile }) => {
  expect(await upgradeStatus(casefile.origin, SOCKET_PATH)).toBe(401)
  expect(await upgradeStatus(casefile.origin, `${SOCKET_PATH}?${TOKEN_PARAM}=not-the-token`)).toBe(401)
  expect(await upgradeStatus(casefile.origin, `${SOCKET_PATH}?${TOKEN_PARAM}=${encodeURIComponent(casefile.token)}`)).toBe(101)
})

test('a page opened without the token shows "not authorized" and no data', async ({ page, casefile }) => {
  await page.goto(`${casefile.origin}/`)
  const gate = page.getByTestId('connection-error')
  await expect(gate).toBeVisible()
  await expect(gate).toHaveAttribute('data-reason', 'unauthorized')
  await expect(gate).toContainText('Not authorized')
  await expect(page.getByTestId('incident-item')).toHaveCount(0)
  await expect(page.getByTestId('incident-view')).toHaveCount(0)
})

test('a page with a wrong token cannot reach the data either, and says the link was refused, not that the host is down', async ({ page, casefile }) => {
  await page.goto(`${casefile.origin}/?${TOKEN_PARAM}=not-the-token`)
  const gate = page.getByTestId('connection-error')
  await expect(gate).toHaveAttribute('data-reason', 'refused')
  await expect(gate).toContainText('This link was refused')
  await expect(gate).toContainText('is running but refuses this link: its secret is old or mistyped')
  await expect(page.getByTestId('incident-item')).toHaveCount(0)
})

test('a browser window whose casefile serve stops says it lost the connection, and keeps showing the incident', async ({ page }) => {
  const server = await startCasefile()
  try {
    await openApp(page, server.url)
    await expect(page.getByTestId('connection-notice')).toHaveCount(0)
    await server.stop()
    await expect(page.getByTestId('connection-notice')).toContainText('Lost the connection to Casefile (did casefile serve stop?). Reconnecting…')
    await expect(page.getByTestId('incident-title')).toHaveText('Demo: checkout fails with 502')
  } finally {
    await server.stop()
  }
})
