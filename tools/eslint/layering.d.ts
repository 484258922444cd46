// Types of the layering rule module (plain JavaScript, since eslint.config.js loads it directly).
import type { Rule } from 'eslint';

export declare const LAYERS: readonly { name: string; prefix: string }[];
export declare const ALLOWED: Readonly<Record<string, readonly string[]>>;
export declare function layerOf(relativePath: string): string | null;
export declare const codeLayering: Rule.RuleModule;
