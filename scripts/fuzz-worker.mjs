// Worker-thread entry for scripts/fuzz.mts: registers tsx's loader in this thread, then runs the cases.
import { register } from 'tsx/esm/api'

register()
await import('./fuzz-cases.mts')
