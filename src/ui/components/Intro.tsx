import { OpenReport } from './OpenReport'

/** What the empty page says: how to start, and what the tool will and will not do with the files. */
export function Intro() {
  return (
    <section className="intro" aria-label="How to use reprodiff">
      <h2>Compare two builds of a release artefact</h2>
      <ol>
        <li>Drop a Python wheel, an sdist (.tar.gz or .zip), or any tar or zip on the left, and another build of it on the right.</li>
        <li>The verdict says whether they are bit-for-bit identical, differ only in packaging, or differ in content.</li>
        <li>Each member is listed with its status; select one to see its content side by side and its metadata.</li>
      </ol>
      <p className="muted">Everything runs in this browser tab, in background workers. Nothing is uploaded, and the page loads nothing from the network.</p>
      <OpenReport />
    </section>
  )
}
