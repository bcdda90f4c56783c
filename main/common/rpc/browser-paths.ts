/** Browser mode's API: a WebSocket here (calls up, and the host's messages until…) */
export const RPC_PATH = '/rpc'
/** …the client reads them from a stream here instead (see stream-frames.ts). */
export const RPC_DOWN_PATH = '/rpc/down'
