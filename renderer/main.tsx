import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connect } from './api/client'
import { App } from './app/App'
import { applyRemoteAssetsPref } from './replay/remoteAssets'
import './styles/theme.css'
import './styles/base.css'
import './styles/layout.css'
import './styles/incidents.css'
import './styles/panes.css'
import './styles/import.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

const connection = connect()
// The page's policy on remote assets is settled before anything renders (see remoteAssets.ts).
void applyRemoteAssetsPref(connection.client).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App connection={connection} />
    </StrictMode>,
  ),
)
