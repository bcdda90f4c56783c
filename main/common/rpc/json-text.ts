/**
 * A value already serialized to JSON. Events carry it when the sender builds their JSON
 * incrementally (a batch of thousands of events): the RPC core splices the text into the wire
 * message as is, instead of escaping it inside another JSON string, and the receiver gets plain
 * objects from its one JSON.parse.
 */
export class JsonText<T> {
  readonly text: string
  /** Only for type inference: the type the text decodes to. */
  declare readonly decodesTo?: T

  constructor(text: string) {
    this.text = text
  }

  parse(): T {
    return JSON.parse(this.text) as T
  }
}

/** An event payload, as an object or as its JSON text. */
export type EventPayload<T> = T | JsonText<T>
