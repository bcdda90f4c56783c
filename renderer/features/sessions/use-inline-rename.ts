import { nextTick, ref, type Ref } from 'vue'

/**
 * Renaming in place: `start` shows the name field (the template binds `renaming` and `input`)
 * with its text selected; Enter or leaving it commits a new, non-empty name, Escape cancels.
 */
export function useInlineRename(
  input: Readonly<Ref<HTMLInputElement | null>>,
  current: () => string,
  rename: (name: string) => unknown,
) {
  const renaming = ref(false)

  async function start(): Promise<void> {
    renaming.value = true
    await nextTick()
    input.value?.select()
  }

  function finish(commit: boolean): void {
    if (!renaming.value) return
    renaming.value = false
    const name = input.value?.value.trim() ?? ''
    if (commit && name !== '' && name !== current()) void rename(name)
  }

  return { renaming, start, finish }
}
