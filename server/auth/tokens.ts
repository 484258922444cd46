// Bearer tokens: random, shown to the client once, stored only as their SHA-256.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_HOURS = 8;

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
