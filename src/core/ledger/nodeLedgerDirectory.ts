import fs from 'node:fs';
import path from 'node:path';
import type { LedgerDirectory } from './ledgerDirectory';

/** The LedgerDirectory port on real files in `folder` (created on the first write). */
export function createNodeLedgerDirectory(folder: string): LedgerDirectory {
  const file = (name: string): string => {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.')) throw new Error(`ledger: not a plain file name: ${name}`);
    return path.join(folder, name);
  };
  const ensureFolder = (): void => {
    fs.mkdirSync(folder, { recursive: true });
  };
  return {
    location: folder,
    list() {
      try {
        return fs.readdirSync(folder);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    readFrom(name, offset) {
      let handle: number;
      try {
        handle = fs.openSync(file(name), 'r');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        const size = fs.fstatSync(handle).size;
        const length = Math.max(0, size - offset);
        const buffer = Buffer.allocUnsafe(length);
        let read = 0;
        while (read < length) {
          const count = fs.readSync(handle, buffer, read, length - read, offset + read);
          if (count === 0) break;
          read += count;
        }
        return buffer.subarray(0, read);
      } finally {
        fs.closeSync(handle);
      }
    },
    append(name, text) {
      ensureFolder();
      fs.appendFileSync(file(name), text, { encoding: 'utf8', flag: 'a' });
    },
    replace(name, text) {
      ensureFolder();
      const temporary = `${file(name)}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, text, 'utf8');
      fs.renameSync(temporary, file(name));
    },
    createExclusive(name, text) {
      ensureFolder();
      try {
        fs.writeFileSync(file(name), text, { encoding: 'utf8', flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    },
    modifiedAt(name) {
      try {
        return fs.statSync(file(name)).mtimeMs;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    remove(name) {
      try {
        fs.unlinkSync(file(name));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
