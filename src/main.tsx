import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { startWorkers } from './store/diff-store'
import { initTheme } from './store/theme'
import { App } from './ui/App'
import './ui/styles.css'
import './ui/panels.css'
import './ui/limits.css'

// data-theme before the first render: no frame in the wrong colours (the CSP rules out an inline script in index.html).
initTheme(window)

// Workers start with the page so the first drop does not wait for them.
startWorkers()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
