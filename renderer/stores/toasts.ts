import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError } from '#common/contract/index.ts'

export interface ToastAction {
  label: string
  run: () => void | Promise<void>
}

export interface Toast {
  id: number
  text: string
  tone: 'info' | 'error'
  action: ToastAction | null
}

const SHOWN_MS = { info: 6_000, error: 10_000 }
const LIMIT = 4

/** Short messages at the bottom of the window: what just happened, and maybe an Undo. */
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let nextId = 1

  function show(text: string, options: { tone?: Toast['tone']; action?: ToastAction } = {}): void {
    const toast: Toast = {
      id: nextId++,
      text,
      tone: options.tone ?? 'info',
      action: options.action ?? null,
    }
    toasts.value = [...toasts.value, toast].slice(-LIMIT)
    setTimeout(() => dismiss(toast.id), SHOWN_MS[toast.tone])
  }

  /** Shows what went wrong with an action the user took. */
  function error(what: string, cause: unknown): void {
    // A lost link to the app is shown once, by the app frame; what failed with it is no news.
    if (cause instanceof ApiError && cause.code === 'TRANSPORT_CLOSED') return
    show(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { tone: 'error' })
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((toast) => toast.id !== id)
  }

  async function act(toast: Toast): Promise<void> {
    dismiss(toast.id)
    try {
      await toast.action?.run()
    } catch (cause) {
      error(toast.action!.label, cause)
    }
  }

  return { toasts, show, error, dismiss, act }
})
