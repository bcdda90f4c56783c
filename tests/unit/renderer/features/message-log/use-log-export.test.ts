import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { watchEffect } from 'vue'
import type { LogSource } from '../../../../../renderer/features/message-log/log-source.ts'
import { useLogExport } from '../../../../../renderer/features/message-log/use-log-export.ts'
import { useToastStore } from '../../../../../renderer/stores/toasts.ts'
import { textRow } from '../../../../support/log-rows.ts'

/** A live log: 4 rows only on disk (two pages), then 2 held. */
function source(): LogSource {
  return {
    first: 0,
    held: 4,
    total: 6,
    rows: () => [textRow(5), textRow(6)][Symbol.iterator](),
    async *olderRows() {
      // Pages come as the journal is read: one at a time, each after a wait.
      for (const page of [
        [textRow(1), textRow(2)],
        [textRow(3), textRow(4)],
      ])
        yield await Promise.resolve(page)
    },
  } as unknown as LogSource
}

afterEach(() => vi.unstubAllGlobals())

describe('useLogExport', () => {
  it('writes every row into the file picked, and shows how many are written as it goes', async () => {
    setActivePinia(createPinia())
    const written: string[] = []
    vi.stubGlobal('window', {
      showSaveFilePicker: () =>
        Promise.resolve({
          name: 'log.ndjson',
          createWritable: () =>
            Promise.resolve({
              write: (text: string) => Promise.resolve(void written.push(text)),
              close: () => Promise.resolve(),
              abort: () => Promise.resolve(),
            }),
        }),
    })
    const { exporting, exportAs } = useLogExport(source, () => 'log')
    const shown: number[] = []
    // What a template would show: the count, as the reactive state says it.
    watchEffect(() => void (exporting.value && shown.push(exporting.value.rows)), {
      flush: 'sync',
    })
    await exportAs('ndjson')
    expect(
      written
        .join('')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { seq: number }).seq),
    ).toEqual([1, 2, 3, 4, 5, 6])
    expect(shown).toEqual([0, 2, 4, 6])
    expect(exporting.value).toBeNull()
    expect(useToastStore().toasts.map((toast) => toast.text)).toEqual([
      'Exported 6 rows to log.ndjson',
    ])
  })
})
