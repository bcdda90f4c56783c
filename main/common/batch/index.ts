export * from './batch-builder.ts'
export * from './batch-format.ts'
export * from './batch-rows.ts'
export * from './batch-search.ts'
