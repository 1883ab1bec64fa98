import { runLedgerBench } from "./ledger-throughput.js";

// Standalone: `node --import tsx bench/ledger-throughput-main.ts` (TEST_DATABASE_URL for PostgreSQL).
for (const line of await runLedgerBench()) console.log(line);
