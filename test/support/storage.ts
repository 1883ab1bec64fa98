import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStorage, type Storage } from "../../src/storage/database.js";
import { migrateToLatest } from "../../src/storage/migrate.js";

export interface TestStorage {
  name: string;
  open(): Promise<Storage>;
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set. Each `open` gets an empty, migrated database. */
export function testStorages(): TestStorage[] {
  const list: TestStorage[] = [{ name: "sqlite", open: openSqlite }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: "postgres", open: () => openPostgres(url) });
  return list;
}

async function openSqlite(): Promise<Storage> {
  const storage = openStorage("sqlite::memory:");
  await migrateToLatest(storage.db as never, storage.dialect);
  return storage;
}

/** A fresh schema per test database, dropped on close. */
async function openPostgres(url: string): Promise<Storage> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const storage = openStorage(url, { schema });
  await migrateToLatest(storage.db as never, storage.dialect);
  return {
    ...storage,
    async close() {
      await storage.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop schema ${schema} cascade`);
      await dropper.end();
    },
  };
}
