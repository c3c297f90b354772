/** The HTML export's only style, inline (its CSP allows nothing else); light and dark follow the reader's system. */
export const HTML_STYLE = [
  ':root{color-scheme:light dark;--bg:#fff;--text:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;--security:#a40e26;--security-bg:#ffebe9;--add-bg:#dafbe1;--del-bg:#ffebe9;--ok:#1a7f37}',
  '@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--text:#e6edf3;--muted:#9198a1;--border:#3d444d;--panel:#151b23;--security:#ff9492;--security-bg:#3c1618;--add-bg:#12361f;--del-bg:#3c1618;--ok:#56d364}}',
  'body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem;background:var(--bg);color:var(--text);font:15px/1.5 system-ui,sans-serif}',
  'h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid var(--border)}h3{font-size:1rem;margin:.3rem 0}',
  '.verdict{border:1px solid var(--border);border-left:6px solid var(--muted);border-radius:6px;padding:.5rem 1rem;background:var(--panel)}',
  '.verdict-identical{border-left-color:var(--ok)}.verdict-content-differs,.verdict-error{border-left-color:var(--security)}',
  'table{border-collapse:collapse;margin:.5rem 0;display:block;overflow-x:auto}th,td{border:1px solid var(--border);padding:.2rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}',
  'th{background:var(--panel);white-space:nowrap}code,pre{font-family:ui-monospace,monospace;font-size:13px}',
  '.cause{border:1px solid var(--border);border-radius:6px;padding:.4rem .8rem;margin:.5rem 0}.cause.is-security{border-color:var(--security);background:var(--security-bg)}',
  '.cause .tag{font-size:.8rem;color:var(--muted)}.cause.is-security .tag{color:var(--security);font-weight:600}',
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.3rem 0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}',
  '.tree ul{list-style:none;padding-left:1.2rem;margin:0}.tree{font-family:ui-monospace,monospace;font-size:13px}',
  'pre{background:var(--panel);border:1px solid var(--border);padding:.5rem;overflow-x:auto;margin:.3rem 0}',
  '.line{display:block;white-space:pre}.add{background:var(--add-bg)}.del{background:var(--del-bg)}.hunk{color:var(--muted)}',
  'details{margin:.4rem 0}summary{cursor:pointer;overflow-wrap:anywhere}.note{color:var(--muted)}',
].join('')
