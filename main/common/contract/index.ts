export * from './app-api.ts'
export * from './app-info.ts'
export * from './errors.ts'
export * from './guards.ts'
