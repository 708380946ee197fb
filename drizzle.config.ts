import { defineConfig } from 'drizzle-kit'

// Only used by `npm run db:generate` (drizzle-kit). The app applies the generated SQL itself.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/*/tables.ts', './src/features/*/tables.ts'],
  out: './migrations',
})
