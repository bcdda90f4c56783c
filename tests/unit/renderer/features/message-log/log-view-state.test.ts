import { describe, expect, it } from 'vitest'
import {
  defaultLogViewState,
  parseLogViewState,
} from '../../../../../renderer/features/message-log/log-view-state.ts'

describe('parseLogViewState', () => {
  it('brings back a kept view: filter, search, selection, scroll, clear point', () => {
    const kept = defaultLogViewState()
    kept.filter.directions.out = false
    kept.filter.kinds['ping-pong'] = false
    kept.filter.eventTypes = ['delta']
    kept.filter.closeCodes = [1006]
    Object.assign(kept, { query: 'seq', regex: true, onlyMatches: true, selected: 42, top: 7 })
    kept.clearedAt = 1000
    expect(parseLogViewState(JSON.stringify(kept))).toEqual(kept)
  })

  it('takes what has the right type from a damaged or older state, the default for the rest', () => {
    expect(parseLogViewState(undefined)).toEqual(defaultLogViewState())
    expect(parseLogViewState('not json')).toEqual(defaultLogViewState())
    expect(parseLogViewState('null')).toEqual(defaultLogViewState())
    const parsed = parseLogViewState(
      JSON.stringify({
        query: 12,
        regex: 'yes',
        selected: -1,
        top: 1.5,
        clearedAt: 3,
        filter: {
          directions: { in: false, sideways: true },
          kinds: { text: 'no' },
          eventTypes: ['a', 2, null],
          closeCodes: [1000, '1001', -5],
        },
      }),
    )
    const expected = defaultLogViewState()
    expected.clearedAt = 3
    expected.filter.directions.in = false
    expected.filter.eventTypes = ['a']
    expected.filter.closeCodes = [1000]
    expect(parsed).toEqual(expected)
  })
})
