/** record-order: RECORD lists the same rows in another order (formats.md C.4). */
import { RECORD_ROW_ORDER } from '../../types'
import { RECORD_PATH } from '../record-words'
import { CONTENT, finding, memberIndex, type ExplanationRule } from '../rule'

export const recordOrderRule: ExplanationRule = {
  cause: 'record-order',
  description: "RECORD's shared rows come in another order.",
  explain(context) {
    const { report } = context
    const order = report.package?.fields.find((f) => f.source === 'RECORD' && f.field === RECORD_ROW_ORDER)
    if (!order) return []
    const record = memberIndex(context).withStatus('modified').find((member) => RECORD_PATH.test(member.path))
    const onlyOrder = report.package!.fields.filter((f) => f.source === 'RECORD').length === 1
    return [finding({
      cause: 'record-order',
      title: `RECORD lists its rows in another order${onlyOrder ? ' (its rows are otherwise the same)' : ''}`,
      members: record && onlyOrder ? [record.path] : [],
      fields: [CONTENT],
      evidence: {},
      remedy: 'Write RECORD rows in archive order or sorted, the same way in both builds.',
    })]
  },
}
