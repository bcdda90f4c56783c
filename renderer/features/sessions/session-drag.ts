/** The drag data type of a session dragged onto a folder in the sidebar. */
export const SESSION_DRAG_TYPE = 'application/x-realtime-playground-session'
